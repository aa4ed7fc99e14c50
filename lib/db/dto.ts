import type { ErrorCode } from "@/lib/providers/types";

/** Client-safe shapes the data layer returns and the API routes send to the browser. */

export type GenerationStatus = "queued" | "running" | "succeeded" | "failed";
/** Phase of a failed generation whose provider answer is kept: a retry only downloads, the provider isn't called. */
export const AWAITING_DOWNLOAD = "awaiting-download";
/**
 * Phase of a failed generation whose async job the provider accepted and may still hold (we lost sight of it: status
 * checks kept failing, our deadline ran out, the key was gone): a retry collects it by its id and pays nothing more.
 */
export const AWAITING_COLLECTION = "awaiting-collection";
/**
 * Phase of a generation being collected by its id on a person's Retry: the job ran at the provider while no one
 * watched, so its provider time is not known (recorded as null, and left out of the scorecard's latency).
 */
export const COLLECTING = "collecting";
export const terminalStatuses: readonly GenerationStatus[] = ["succeeded", "failed"];

export interface ImageDTO {
  id: string;
  index: number;
  /** The original, as the provider sent it. */
  url: string;
  /** A WebP at most 512 px wide, for grids and lists. */
  thumbUrl: string;
  /** A WebP at most 1024 px wide, for a result card or a share's hero. */
  viewUrl: string;
  mime: string;
  width: number;
  height: number;
  bytes: number;
  nsfw: boolean | null;
}

export interface GenerationDTO {
  id: string;
  runId: string;
  position: number;
  createdAt: string;
  provider: string;
  model: string;
  emulated: boolean;
  prompt: string;
  input: Record<string, unknown>;
  sent: Record<string, unknown> | null;
  seed: string | null;
  status: GenerationStatus;
  phase: string | null;
  attempts: number;
  startedAt: string | null;
  finishedAt: string | null;
  timings: { waitMs: number | null; providerMs: number | null; downloadMs: number | null };
  cost: { amount: number; unit: string } | null;
  providerRequestId: string | null;
  warnings: string[];
  error: { code: ErrorCode; message: string; providerMessage: string | null; retryAt: string | null } | null;
  images: ImageDTO[];
  /** Its place in a batch (suite: x = target, y = prompt; grid: axis value indexes); null outside batches. */
  cell: { x: number; y: number | null; z: number | null } | null;
  /** The person asked to cancel it (it may still be finishing at the provider). */
  cancelRequested: boolean;
  /**
   * It failed and nothing was charged for it (cancelled or refused before sending, an error the provider does not
   * bill): what it counts against the budgets settled at $0 (lib/db/queue.ts, failGeneration).
   */
  notBilled: boolean;
  /**
   * A failed attempt's dollars as the budgets count them (`reservedUsd`): the provider's reported charge, else the
   * estimate reserved when it was queued (from our cost history or the price table), or 0; null otherwise.
   */
  countedUsd: number | null;
}

export interface RunDTO {
  id: string;
  createdAt: string;
  kind: "single" | "compare" | "suite" | "grid";
  prompt: string;
  favorite: boolean;
  /** A batch's description (a suite's prompts and targets, a grid's axes); null for single runs and comparisons. */
  spec: Record<string, unknown> | null;
  /** For comparisons: the shared values and, per position, each target's overrides and reported adjustments. */
  shared: Record<string, unknown>;
  generations: GenerationDTO[];
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
