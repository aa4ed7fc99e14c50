/** Async jobs (Eachlabs predictions, ImagePipeline PENDING requests): lifetime, phase and in-flight accounting. */
import { performance } from "node:perf_hooks";
import type { Job } from "./state";
import type { Ctx } from "./wire";

export type JobPhase = "queued" | "starting" | "running" | "done" | "cancelled";

export function startJob(
  ctx: Ctx,
  fields: Pick<Job, "id" | "durationMs" | "outcome" | "urls" | "seed" | "input" | "altWords" | "model">,
): Job {
  const release = ctx.state.track(ctx.provider);
  const job: Job = { ...fields, provider: ctx.provider, createdAt: performance.now(), cancelledAt: null, timer: null, release };
  if (Number.isFinite(job.durationMs)) {
    job.timer = setTimeout(() => {
      job.timer = null;
      release();
    }, job.durationMs);
  }
  ctx.state.jobs.set(job.id, job);
  return job;
}

/** created → starting → running over the job's duration (10% / 20% / 70%); never-finish jobs settle in running. */
export function jobPhase(job: Job, now = performance.now()): JobPhase {
  if (job.cancelledAt !== null) return "cancelled";
  const elapsed = now - job.createdAt;
  if (elapsed >= job.durationMs) return "done";
  const scale = Number.isFinite(job.durationMs) ? job.durationMs : 1000;
  if (elapsed < scale * 0.1) return "queued";
  if (elapsed < scale * 0.3) return "starting";
  return "running";
}

export function cancelJob(job: Job): void {
  job.cancelledAt = performance.now();
  if (job.timer) clearTimeout(job.timer);
  job.timer = null;
  job.release();
}

/** When a job's files become downloadable. */
export function readyAt(durationMs: number): number {
  return performance.now() + durationMs;
}
