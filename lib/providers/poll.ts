import "server-only";
import type { RunContext } from "./adapter";
import { ProviderError } from "./errors";

/** One status check: finished with a value, or still running in `phase` (the provider's own status word). */
export type PollStep<T> = { done: true; value: T } | { done: false; phase?: string };

export interface PollOptions {
  /** Provider label, for messages. */
  provider: string;
  /** When the run started (ctx.now()), for the timeout message; defaults to when polling starts. */
  startedAt?: number;
  /** Phase already reported (e.g. from the submit answer), so it is not reported twice. */
  phase?: string;
  /**
   * Best-effort clean-up before the timeout error (e.g. cancel the job); its failure is ignored. A Response it
   * resolves to that is ok means the provider cancelled the job: the timeout is then the job's end (`terminal`), not
   * a job left running that a retry can collect by its id.
   */
  onTimeout?: () => Promise<unknown>;
  /**
   * The provider's cancel, for a person's cancel (ctx.cancelRequested): `send` makes the call once; `billing` says
   * what the provider bills for cancelled work, and `mayBill` whether a cancelled job may still be charged (its
   * estimate then stays counted). Without it a cancel cannot reach the provider and the job runs on.
   */
  cancel?: { send: () => Promise<Response>; billing: string; mayBill: boolean };
  /** Transient failures of the status check (429, 5xx, network) tolerated in a row. Default 3. */
  maxTransientFailures?: number;
  /** Gets one note the first time a transient failure is retried. */
  warnings?: string[];
}

/**
 * Poll `check` every `ctx.pollIntervalMs` until it reports done, reporting phase changes through
 * `ctx.progress`. Past `ctx.deadline` it runs `onTimeout` and throws ProviderError("timeout").
 * A status check that fails transiently is retried (after `retryAt` for a 429) rather than losing a job
 * that is already running and paid for, and so is a 404 just after the submit; any other error from `check` ends the
 * poll as is.
 */
export async function pollUntil<T>(
  ctx: RunContext,
  check: () => Promise<PollStep<T>>,
  opts: PollOptions,
): Promise<T> {
  const startedAt = opts.startedAt ?? ctx.now();
  const maxTransient = opts.maxTransientFailures ?? 3;
  let phase = opts.phase;
  let failuresInARow = 0;
  let noted = false;
  let waitMs = ctx.pollIntervalMs;
  let cancelSent = false;

  for (;;) {
    if (opts.cancel && !cancelSent && (await ctx.cancelRequested?.())) {
      // Sent once: a cancel the provider refuses (the job already started) leaves the job running, paid for.
      cancelSent = true;
      if (await cancelAtProvider(opts.cancel, opts)) {
        // Accepted, yet the job may have finished between the last check and the cancel (Replicate answers 200 for a
        // prediction that already succeeded). One more look keeps an image that is paid for.
        const last = await check().catch(() => undefined);
        if (last?.done) return last.value;
        throw new ProviderError("canceled", `Cancelled at ${opts.provider} before it finished. ${opts.cancel.billing}`, {
          mayHaveBilled: opts.cancel.mayBill,
          terminal: true,
        });
      }
    }
    if (ctx.now() >= ctx.deadline) {
      const cancelled = opts.onTimeout ? await opts.onTimeout().then((res) => res instanceof Response && res.ok, () => false) : false;
      // As after a person's cancel: the job may have finished just before (Replicate accepts a cancel of a finished one).
      const last = cancelled ? await check().catch(() => undefined) : undefined;
      if (last?.done) return last.value;
      throw deadlinePassed(ctx, opts, { startedAt, phase, cancelled });
    }
    // Never sleep past the deadline: one last check there beats giving up on a job that just finished.
    await ctx.sleep(Math.max(0, Math.min(waitMs, ctx.deadline - ctx.now())));

    let step: PollStep<T>;
    try {
      step = await check();
    } catch (err) {
      // Not counted among the transient failures: the grace alone bounds how long an unknown job is asked after.
      const catchingUp = notFound(err) && ctx.now() - startedAt < NOT_FOUND_GRACE_MS;
      if (!catchingUp && (!isTransient(err) || ++failuresInARow > maxTransient)) throw err;
      if (!noted && opts.warnings) {
        opts.warnings.push(`${opts.provider}: a status check failed (${err.message}) and was retried.`);
        noted = true;
      }
      const untilRetry = err.retryAt ? err.retryAt.getTime() - ctx.now() : 0;
      waitMs = Math.max(ctx.pollIntervalMs, untilRetry);
      continue;
    }
    failuresInARow = 0;
    waitMs = ctx.pollIntervalMs;
    if (step.done) return step.value;
    if (step.phase && step.phase !== phase) {
      phase = step.phase;
      ctx.progress({ phase });
    }
  }
}

/**
 * Our deadline passed. A job the provider cancelled for it has ended (`terminal`: nothing left to collect); any other
 * is still the provider's, running or done, for a retry to collect by its id (lib/jobs/execute.ts).
 */
function deadlinePassed(ctx: RunContext, opts: PollOptions, at: { startedAt: number; phase?: string; cancelled: boolean }): ProviderError {
  const seconds = Math.round((ctx.now() - at.startedAt) / 1000);
  const last = at.phase ? ` (last status: ${at.phase})` : "";
  const message = `${opts.provider} did not finish within ${seconds} s${last}`;
  if (!at.cancelled) return new ProviderError("timeout", `${message}.`);
  return new ProviderError("timeout", `${message}, so it was cancelled at ${opts.provider}.`, { terminal: true, mayHaveBilled: opts.cancel?.mayBill ?? true });
}

/** Whether the provider accepted the cancel; a refusal is noted, and polling goes on. */
async function cancelAtProvider(cancel: NonNullable<PollOptions["cancel"]>, opts: PollOptions): Promise<boolean> {
  let refusal: string;
  try {
    const res = await cancel.send();
    if (res.ok) return true;
    refusal = `HTTP ${res.status}`;
  } catch (err) {
    refusal = err instanceof Error ? err.message : "no answer";
  }
  opts.warnings?.push(`${opts.provider} did not accept the cancel (${refusal}), so the job ran on.`);
  return false;
}

/**
 * How long after the start a status check's 404 or 410 is read as the provider's queue not yet knowing the job it just
 * accepted (fal's queue can lag its submit) and retried like a transient failure; later it means the job is gone.
 */
export const NOT_FOUND_GRACE_MS = 10_000;

const notFound = (err: unknown): err is ProviderError => err instanceof ProviderError && (err.status === 404 || err.status === 410);

/** Failures of the HTTP exchange itself, not a job the provider reports as failed (those carry no status). */
export function isTransient(err: unknown): err is ProviderError {
  if (!(err instanceof ProviderError)) return false;
  // A status check that timed out or could not connect says nothing about the job; the deadline still bounds the wait.
  if (err.code === "network" || err.transport) return true;
  return err.status !== undefined && (err.status === 429 || err.status >= 500);
}
