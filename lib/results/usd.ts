/**
 * What a run costs in US dollars. A provider's own figure is converted when it reports one; otherwise a dated,
 * sourced list price is shown as an estimate, so every card can be compared in one currency. The list prices are in
 * ./pricing.ts; result cards get a model's price from the result catalog, so the browser does not carry the table.
 */
import { groupDigits } from "@/lib/format";

export interface Cost {
  amount: number;
  unit: string;
}

export interface UsdCost {
  usd: number;
  /** The provider's own figure in its own unit ("273,000 credits"), when that unit is not dollars. */
  native: string | null;
  /** True when the provider reported nothing and the figure comes from the price table. */
  estimate: boolean;
  /** Where an estimate comes from (page and date), for a tooltip. */
  source: string | null;
}

/** Dollars per unit a provider reports in. AI/ML API: "$1 USD = 2,000,000 credits" (docs.aimlapi.com FAQ, 2026-11). */
const usdPerUnit: Record<string, number> = {
  usd: 1,
  credits: 1 / 2_000_000,
};

export interface ListPrice {
  /** Per image; for a provider that bills by size, at its default size (used when the size is not known). */
  usdPerImage: number;
  /** Set when the provider bills by size (fal): dollars per megapixel (10^6 pixels) of each image. */
  usdPerMegapixel?: number;
  source: string;
}

/**
 * The images of a generation, by count, or by their sizes (what a per-megapixel price needs); `count` images of one
 * size are one entry, so a request's figure costs the same to work out for 1 image as for 10^10.
 */
export type ImagesBilled = number | readonly { width: number; height: number; count?: number }[];

function nativeLabel(cost: Cost): string {
  return `${groupDigits(cost.amount)} ${cost.unit}`;
}

/** A provider's reported cost in dollars; null for a unit we cannot convert. */
export function reportedUsd(cost: Cost): number | null {
  const rate = usdPerUnit[cost.unit.toLowerCase()];
  return rate === undefined ? null : cost.amount * rate;
}

/** A list price for these images: per megapixel when the price is (and the sizes are known), else per image. */
function listedUsd(list: ListPrice, images: ImagesBilled): number {
  if (typeof images !== "number" && images.length > 0 && list.usdPerMegapixel !== undefined) {
    return images.reduce((sum, i) => sum + (list.usdPerMegapixel! * i.width * i.height * (i.count ?? 1)) / 1e6, 0);
  }
  return list.usdPerImage * Math.max(1, typeof images === "number" ? images : images.reduce((n, i) => n + (i.count ?? 1), 0));
}

/** The cost of one generation in dollars, given its model's list price; null when neither that nor the provider knows. */
export function usdCostAt(list: ListPrice | undefined, cost: Cost | null | undefined, images: ImagesBilled = 1): UsdCost | null {
  if (cost) {
    const rate = usdPerUnit[cost.unit.toLowerCase()];
    if (rate !== undefined) {
      return { usd: cost.amount * rate, native: rate === 1 ? null : nativeLabel(cost), estimate: false, source: null };
    }
  }
  if (!list) return null;
  return {
    usd: listedUsd(list, images),
    native: cost ? nativeLabel(cost) : null,
    estimate: true,
    source: list.source,
  };
}

export function formatUsd(usd: number): string {
  return `$${usd < 0.01 ? usd.toFixed(4) : usd.toFixed(3)}`;
}

/** "$0.137 (273,000 credits)", "$0.014", "$0.065 est.", or null. */
export function formatUsdCost(c: UsdCost | null): string | null {
  if (!c) return null;
  const parts = [formatUsd(c.usd)];
  if (c.estimate) parts.push("est.");
  if (c.native) parts.push(`(${c.native})`);
  return parts.join(" ");
}
