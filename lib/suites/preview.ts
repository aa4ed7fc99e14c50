import { mapShared } from "@/lib/compare/mapping";
import { sizeOf } from "@/lib/compare/shared";
import type { Adjustment } from "@/lib/compare/types";
import { estimateFromTable, imagesRequested, type Estimate, type EstimateTarget } from "@/lib/cost/estimate";
import { getModel, getProvider } from "@/lib/providers";
import { targetLabel } from "@/lib/providers/labels";
import type { LineProblem } from "./import";
import { batchLimitProblem, checkTargetLimits } from "./limits";
import type { SuiteShared, SuiteTarget } from "./plan";
import type { SuitePrompt } from "./types";

export interface SuitePreview {
  images: number;
  /** Known dollars for the whole batch: from the price table here, the server's estimate once it answers (withPrices). */
  usd: number;
  /** Targets whose price is unknown (not in `usd`). */
  unknownTargets: number;
  targets: { label: string; images: number; usdPerPrompt: number | null; basis: string; adjustments: Adjustment[] }[];
  /** Prompts too long for a chosen target, by line. */
  problems: LineProblem[];
  /** The batch is over BATCH_MAX_IMAGES, in words; null when it fits. */
  overLimit: string | null;
  /** One prompt's request to each target, for the server's estimate (/api/estimate), which the run is checked against. */
  requests: EstimateTarget[];
}

/**
 * What a suite run will do, before it is sent: per target, what the mapping changes (the first prompt stands for
 * all: every prompt maps alike once over-long ones are refused) and what one prompt costs; in total, the images
 * and the estimate. The server computes the same again as the authority.
 */
export function previewSuiteRun(prompts: SuitePrompt[], shared: SuiteShared, targets: SuiteTarget[], batchMax: number): SuitePreview {
  const sample = prompts[0]?.text ?? "";
  const rows = targets.flatMap((t) => {
    const provider = getProvider(t.provider);
    const model = getModel(t.provider, t.model);
    if (!provider || !model) return [];
    const mapped = mapShared(provider.label, model, { ...shared, ...sizeOf(shared), prompt: sample }, t.overrides);
    return [{ target: { provider: t.provider, model: t.model, input: mapped.input }, adjustments: mapped.adjustments.filter((a) => a.role !== "prompt") }];
  });
  const requests = rows.map((r) => r.target);
  const images = requests.reduce((n, t) => n + imagesRequested(t), 0) * prompts.length;
  const preview = {
    images,
    usd: 0,
    unknownTargets: 0,
    targets: rows.map((r) => ({ label: targetLabel(r.target), images: imagesRequested(r.target) * prompts.length, usdPerPrompt: null, basis: "", adjustments: r.adjustments })),
    problems: checkTargetLimits(prompts, targets),
    overLimit: batchLimitProblem(images, batchMax, prompts.length, targets.length),
    requests,
  };
  return withPrices(preview, estimateFromTable(requests), prompts.length);
}

/**
 * The preview priced by an estimate of one prompt's requests: the price table's, or the server's from our own cost
 * history (the one the run's confirmation quotes), every prompt costing alike. The preview as it is (the price table)
 * when the estimate is of other requests.
 */
export function withPrices(preview: SuitePreview, estimate: Estimate, promptCount: number): SuitePreview {
  // An answer for other targets or counts (asked before the last change) prices nothing here.
  const matches = (item: Estimate["items"][number], i: number) => {
    const asked = preview.requests[i];
    return asked !== undefined && item.provider === asked.provider && item.model === asked.model && item.images === imagesRequested(asked);
  };
  if (estimate.items.length !== preview.requests.length || !estimate.items.every(matches)) return preview;
  return {
    ...preview,
    usd: estimate.usd * promptCount,
    unknownTargets: estimate.unknown,
    targets: preview.targets.map((t, i) => ({ ...t, usdPerPrompt: estimate.items[i]!.usd, basis: estimate.items[i]!.basis })),
  };
}
