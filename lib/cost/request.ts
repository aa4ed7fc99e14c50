import "server-only";
import { parseRequest } from "@/lib/forms/request-errors";
import { z } from "zod";
import { getModel, getProvider } from "@/lib/providers";
import { targetLabel } from "@/lib/providers/labels";
import { mapShared } from "@/lib/compare/mapping";
import { sharedDefaults, sharedSchema, sizeOf } from "@/lib/compare/shared";
import type { Estimate, EstimateTarget, TargetEstimate } from "./estimate";
import { estimate } from "./history";

/**
 * What /api/estimate takes: ready targets (a form, a suite, a grid, a retry), or a comparison as its form holds it
 * (shared values plus per-target overrides), mapped here exactly as a submission would be. Unknown fields are refused.
 */
const MAX_TARGETS = 1000;
const id = z.string().min(1).max(200);
const input = z.record(z.string(), z.unknown());

const targetsRequest = z.strictObject({ targets: z.array(z.strictObject({ provider: id, model: id, input })).min(1).max(MAX_TARGETS) });
const comparisonRequest = z.strictObject({
  comparison: z.strictObject({
    shared: input,
    targets: z.array(z.strictObject({ provider: id, model: id, overrides: input.default({}) })).min(1).max(MAX_TARGETS),
  }),
});
export type EstimateRequest = z.output<typeof targetsRequest> | z.output<typeof comparisonRequest>;

/** Parses a request: the envelope is chosen by its key first, so an error names the field at fault. */
export function parseEstimateRequest(raw: unknown) {
  const isComparison = typeof raw === "object" && raw !== null && "comparison" in raw;
  return isComparison ? parseRequest(comparisonRequest, raw, "An estimate request") : parseRequest(targetsRequest, raw, "An estimate request");
}

/** An estimate whose items carry the target's display name, for the breakdown. */
export type LabelledEstimate = Omit<Estimate, "items"> & { items: (TargetEstimate & { label: string })[] };

/** The input as it would be stored: validated with its defaults when it parses, else the defaults under it. */
function asStored(t: EstimateTarget): EstimateTarget {
  const model = getModel(t.provider, t.model);
  if (!model) return t;
  const parsed = model.schema.safeParse(t.input);
  return { ...t, input: parsed.success ? (parsed.data as Record<string, unknown>) : { ...model.defaults, ...t.input } };
}

/** A comparison's targets with their mapped inputs; a half-typed form (no prompt yet) is estimated all the same. */
function comparisonTargets(c: Extract<EstimateRequest, { comparison: unknown }>["comparison"]): EstimateTarget[] {
  const parsed = sharedSchema.safeParse({ ...sharedDefaults, ...c.shared, prompt: "estimate" });
  const form = parsed.success ? parsed.data : sharedDefaults;
  const shared = { ...form, ...sizeOf(form) };
  return c.targets.map((t) => {
    const model = getModel(t.provider, t.model);
    const label = getProvider(t.provider)?.label ?? t.provider;
    return { provider: t.provider, model: t.model, input: model ? mapShared(label, model, shared, t.overrides).input : {} };
  });
}

export async function estimateRequest(req: EstimateRequest): Promise<LabelledEstimate> {
  const targets = "targets" in req ? req.targets : comparisonTargets(req.comparison);
  const result = await estimate(targets.map(asStored));
  return { ...result, items: result.items.map((i) => ({ ...i, label: targetLabel(i) })) };
}
