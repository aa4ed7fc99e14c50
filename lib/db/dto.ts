import type { ErrorCode } from "@/lib/providers/types";

/** Client-safe shapes the data layer returns and the API routes send to the browser. */

export type GenerationStatus = "queued" | "running" | "succeeded" | "failed";
/** Phase of a failed generation whose provider answer is kept: a retry only downloads, the provider isn't called. */
export const AWAITING_DOWNLOAD = "awaiting-download";
export const terminalStatuses: readonly GenerationStatus[] = ["succeeded", "failed"];

export interface ImageDTO {
  id: string;
  index: number;
  url: string;
  thumbUrl: string;
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
}

export interface RunDTO {
  id: string;
  createdAt: string;
  kind: "single" | "compare";
  prompt: string;
  favorite: boolean;
  /** For comparisons: the shared values and, per position, each target's overrides and reported adjustments. */
  shared: Record<string, unknown>;
  generations: GenerationDTO[];
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
