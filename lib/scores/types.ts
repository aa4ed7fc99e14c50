/** Client-safe shapes of a scorecard: what the page, the CSV export and a shared scorecard render. */

export type LatencyPart = "total" | "wait" | "provider" | "download";

export interface Percentiles {
  p50: number | null;
  p95: number | null;
}

export interface TargetPoint {
  /** "2026-11-30" or "2026-11". */
  period: string;
  finished: number;
  succeeded: number;
  p50: number | null;
}

export interface TargetScore {
  provider: string;
  model: string;
  /** "Segmind · Stable Diffusion 3.5 Large". */
  label: string;
  runs: number;
  /** Finished generations (succeeded + failed). */
  finished: number;
  succeeded: number;
  /** succeeded / finished; null under a size filter, which only sees generations that delivered an image. */
  successRate: number | null;
  failures: { cause: string; count: number }[];
  latency: Record<LatencyPart, Percentiles>;
  /** Total latency at the 5th, 25th, 50th, 75th and 95th percentiles (a box plot), or null with no successes. */
  spread: [number, number, number, number, number] | null;
  /** Total latency distribution: [bucket low ms, bucket high ms, count], in order. */
  histogram: [number, number, number][];
  images: number;
  /** Dollars per image; null when neither the provider nor the price table knows. */
  usdPerImage: number | null;
  /** Where the cost comes from: the provider's own figures, the dated price table, or some of each. */
  costBasis: "reported" | "estimated" | "mixed" | null;
  /** Dollars failed requests may have been billed, included in usdPerImage (0 when none). */
  failedUsd: number;
  imagesPerDollar: number | null;
  series: TargetPoint[];
}

export interface ScorecardDTO {
  source: "live" | "emulated";
  /** "last 30 days" and the like. */
  range: string;
  grain: "day" | "month";
  targets: TargetScore[];
  /** Whether a model family, size or steps filter narrows it: an empty one then says so, rather than "run something". */
  narrowed: boolean;
  /** Finished generations on the other side (emulated when this is live, and the reverse), never mixed in. */
  otherSourceCount: number;
}
