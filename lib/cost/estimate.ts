import { findRole } from "@/lib/params/roles";
import { expectedSize } from "@/lib/params/sizes";
import { getModel } from "@/lib/providers";
import { priceTableDate, usdCost } from "@/lib/results/pricing";

/**
 * What a submission will cost before it is sent, per target and in total. The price table is the fallback source;
 * `source` says which one each figure came from, so the UI can say so ("est. from the price table, 2026-11").
 */
export type EstimateSource = "history" | "table" | "unknown";

export interface EstimateTarget {
  provider: string;
  model: string;
  input: Record<string, unknown>;
}

export interface TargetEstimate {
  provider: string;
  model: string;
  images: number;
  /** Dollars for this target's request; null when unknown. */
  usd: number | null;
  source: EstimateSource;
  /** Where the figure comes from, in words ("price table, 2026-11: Segmind model page"). */
  basis: string;
}

export interface Estimate {
  /** Sum of the known figures. */
  usd: number;
  /** Targets whose cost is unknown (not in `usd`). */
  unknown: number;
  items: TargetEstimate[];
}

/** Images one request asks for: the model's count field, else 1. */
export function imagesRequested(target: EstimateTarget): number {
  const schema = getModel(target.provider, target.model)?.schema;
  const field = schema && findRole(schema, "count");
  const n = field ? Number(target.input[field]) : 1;
  return Number.isInteger(n) && n > 0 ? n : 1;
}

/** The price-table estimate of one target; `null` usd when the table doesn't list the model. */
export function tableEstimate(target: EstimateTarget): TargetEstimate {
  const images = imagesRequested(target);
  // A per-megapixel price needs the size the input asks for.
  const schema = getModel(target.provider, target.model)?.schema;
  const size = schema && expectedSize(schema, target.input);
  const listed = usdCost(target.provider, target.model, null, size ? [{ ...size, count: images }] : images);
  return listed
    ? { provider: target.provider, model: target.model, images, usd: listed.usd, source: "table", basis: `price table, ${priceTableDate}: ${listed.source}` }
    : { provider: target.provider, model: target.model, images, usd: null, source: "unknown", basis: "no reported costs and not in the price table" };
}

export function sumEstimates(items: TargetEstimate[]): Estimate {
  return {
    usd: items.reduce((sum, i) => sum + (i.usd ?? 0), 0),
    unknown: items.filter((i) => i.usd == null).length,
    items,
  };
}

/** The estimate of a submission from the price table alone. */
export function estimateFromTable(targets: EstimateTarget[]): Estimate {
  return sumEstimates(targets.map(tableEstimate));
}

/** Whether a submission needs the person's confirmation (CONFIRM_ABOVE_IMAGES / CONFIRM_ABOVE_USD), and why. */
export function confirmationReason(
  estimate: Estimate,
  limits: { CONFIRM_ABOVE_IMAGES: number; CONFIRM_ABOVE_USD: number },
): string | null {
  const images = estimate.items.reduce((n, i) => n + i.images, 0);
  if (images > limits.CONFIRM_ABOVE_IMAGES) return `more than the ${limits.CONFIRM_ABOVE_IMAGES} images that run without asking`;
  if (estimate.usd > limits.CONFIRM_ABOVE_USD) return `more than the $${limits.CONFIRM_ABOVE_USD} that runs without asking`;
  return null;
}
