import type { GenerationDTO } from "@/lib/db/dto";

export interface BatchProgress {
  total: number;
  succeeded: number;
  failed: number;
  /** Of `failed`, cancelled by the person. */
  canceled: number;
  running: number;
  queued: number;
  /** succeeded + failed. */
  finished: number;
  /** Milliseconds until the rest is done at the pace so far; null before the first cell ends or after the last. */
  etaMs: number | null;
}

/**
 * Progress of a batch and an ETA from its own pace: the time since the first cell started, divided by the cells
 * finished since, times the cells left. Cancelled cells count as finished, never as pace.
 */
export function batchProgress(generations: GenerationDTO[], now: number): BatchProgress {
  let succeeded = 0;
  let failed = 0;
  let canceled = 0;
  let running = 0;
  let firstStart = Infinity;
  let paced = 0;
  for (const g of generations) {
    if (g.status === "succeeded") succeeded++;
    else if (g.status === "failed") failed++;
    else if (g.status === "running") running++;
    if (g.status === "failed" && g.error?.code === "canceled") canceled++;
    if (g.startedAt) firstStart = Math.min(firstStart, Date.parse(g.startedAt));
    if (g.startedAt && (g.status === "succeeded" || g.status === "failed")) paced++;
  }
  const total = generations.length;
  const finished = succeeded + failed;
  const left = total - finished;
  const elapsed = now - firstStart;
  const etaMs = left > 0 && paced > 0 && Number.isFinite(firstStart) && elapsed > 0 ? Math.round((elapsed / paced) * left) : null;
  return { total, succeeded, failed, canceled, running, queued: total - finished - running, finished, etaMs };
}

/** "about 2 min", "about 40 s". */
export function formatEta(ms: number): string {
  const s = Math.max(1, Math.round(ms / 1000));
  if (s < 90) return `about ${s} s`;
  const m = Math.round(s / 60);
  return m < 90 ? `about ${m} min` : `about ${Math.round(m / 60)} h`;
}
