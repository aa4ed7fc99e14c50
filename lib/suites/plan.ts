import "@/lib/zod-setup";
import { z } from "zod";
import { mapShared } from "@/lib/compare/mapping";
import { sharedSchema, sizeOf } from "@/lib/compare/shared";
import type { Adjustment } from "@/lib/compare/types";
import { fieldErrorsOf } from "@/lib/params/field-errors";
import { humanErrorMap } from "@/lib/forms/human-errors";
import { fieldsByRole } from "@/lib/params/roles";
import { getModel, getProvider } from "@/lib/providers";
import { targetLabel } from "@/lib/providers/labels";
import { editorLines } from "./editor-lines";
import type { SuitePrompt } from "./types";

/** The values a suite run writes once for every prompt and target: the comparison's, without the prompt. */
export const suiteSharedSchema = sharedSchema.omit({ prompt: true });
export type SuiteShared = z.infer<typeof suiteSharedSchema>;

export const MAX_SUITE_TARGETS = 12;

export const suiteTargetSchema = z.strictObject({
  provider: z.string().min(1).max(64),
  model: z.string().min(1).max(200),
  overrides: z.record(z.string(), z.unknown()).default({}),
});
export type SuiteTarget = z.output<typeof suiteTargetSchema>;

/** One generation of the batch: cell x = target index, y = prompt index. */
export interface SuiteCell {
  provider: string;
  model: string;
  prompt: string;
  input: Record<string, unknown>;
  cell: { x: number; y: number };
}

export interface PlannedTarget extends SuiteTarget {
  /** What the mapping changed for this target (the same for every prompt, since over-long prompts are refused). */
  adjustments: Adjustment[];
}

export type Plan =
  | { ok: true; targets: PlannedTarget[]; cells: SuiteCell[] }
  | { ok: false; problems: string[]; fieldErrors: Record<string, string> };

/**
 * Maps the shared values onto every target for every prompt (the comparison mapping), validates each input with
 * its model's schema, and orders the cells prompt by prompt, each prompt's targets side by side: the queue takes
 * the oldest job of a provider with spare capacity, so this order keeps every provider busy at once instead of
 * draining one provider's jobs before the next one starts, and the slowest provider's work is always oldest.
 */
export function planSuiteRun(
  prompts: SuitePrompt[],
  shared: SuiteShared,
  targets: SuiteTarget[],
  /** A provider's concurrency limit (RUNNER: lib/db/claim.ts). */
  limitOf: (provider: string) => number = () => 1,
): Plan {
  const problems: string[] = [];
  const fieldErrors: Record<string, string> = {};
  const size = sizeOf(shared);
  const planned: PlannedTarget[] = [];
  const cells: SuiteCell[] = [];
  const inputs: Record<string, unknown>[][] = targets.map(() => []);
  const lines = editorLines(prompts);
  targets.forEach((t, x) => {
    const provider = getProvider(t.provider);
    const model = getModel(t.provider, t.model);
    if (!provider || !model) {
      problems.push(`Target ${x + 1}: unknown model ${t.provider}/${t.model}.`);
      return;
    }
    let adjustments: Adjustment[] = [];
    for (const [y, p] of prompts.entries()) {
      const mapped = mapShared(provider.label, model, { ...shared, ...size, prompt: p.text }, t.overrides);
      const parsed = model.schema.safeParse(mapped.input, { error: humanErrorMap(model.schema) });
      if (!parsed.success) {
        for (const [path, message] of Object.entries(fieldErrorsOf(parsed.error))) fieldErrors[`targets.${x}.${path}`] = message;
        // Only the prompt differs from one prompt to the next: anything else is wrong for every line alike.
        const issue = parsed.error.issues[0];
        const where = issue?.path[0] === fieldsByRole(model.schema).prompt ? ` (line ${lines[y]})` : "";
        problems.push(`${targetLabel(t)}: ${issue?.message ?? "invalid"}${where}.`);
        return;
      }
      if (y === 0) adjustments = mapped.adjustments;
      inputs[x]![y] = parsed.data as Record<string, unknown>;
    }
    planned.push({ ...t, adjustments });
  });
  if (problems.length > 0) return { ok: false, problems, fieldErrors };
  // Within a prompt, the provider with the fewest slots goes first: on a tie for a free slot it is the one that
  // must never wait, since it sets the batch's pace.
  const order = targets.map((t, x) => ({ t, x })).sort((a, b) => limitOf(a.t.provider) - limitOf(b.t.provider) || a.x - b.x);
  prompts.forEach((p, y) => {
    for (const { t, x } of order) cells.push({ provider: t.provider, model: t.model, prompt: p.text, input: inputs[x]![y]!, cell: { x, y } });
  });
  return { ok: true, targets: planned, cells };
}
