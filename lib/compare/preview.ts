import { getModel, getProvider } from "@/lib/providers";
import { fieldErrorsOf } from "@/lib/params/field-errors";
import { humanErrorMap } from "@/lib/forms/human-errors";
import { mapShared } from "./mapping";
import { sharedSchema, sizeOf } from "./shared";
import type { Adjustment } from "./types";

/*
 * What a comparison would send to each target, before anything is sent: the shared values mapped onto each model
 * with every adjustment named, and what the model's schema would refuse. Runs on the server (it needs every schema),
 * so the comparison page ships no zod; `startComparison` maps the same way when the run starts.
 */

export interface TargetPreview {
  input: Record<string, unknown>;
  adjustments: Adjustment[];
  /** Field → message, for values the model's schema refuses. */
  problems: Record<string, string>;
}

export interface PreviewRequest {
  provider: string;
  model: string;
  overrides: Record<string, unknown>;
}

/** One preview per requested target, in order; null for all of them while the shared values don't parse. */
export function previewTargets(rawShared: unknown, targets: readonly PreviewRequest[]): (TargetPreview | null)[] {
  const parsed = sharedSchema.safeParse(rawShared);
  if (!parsed.success) return targets.map(() => null);
  const shared = { ...parsed.data, ...sizeOf(parsed.data) };
  return targets.map((t) => {
    const provider = getProvider(t.provider);
    const model = getModel(t.provider, t.model);
    if (!provider || !model) return null;
    const mapped = mapShared(provider.label, model, shared, t.overrides);
    const check = model.schema.safeParse(mapped.input, { error: humanErrorMap(model.schema) });
    return { input: mapped.input, adjustments: mapped.adjustments, problems: check.success ? {} : fieldErrorsOf(check.error) };
  });
}
