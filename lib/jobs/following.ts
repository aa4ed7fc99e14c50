import "server-only";
import { randomUUID } from "node:crypto";
import { ProviderError } from "@/lib/providers/errors";
import { isTransient } from "@/lib/providers/poll";

/**
 * Following an async job the provider accepted (lib/jobs/execute.ts): what a failure then says, and whether a retry
 * collects the job by its id (lib/db/queue.ts requeueGeneration) or sends a new request.
 */

/** Unexpected: full detail in the server log; the reference is for the person, with a generic message. */
export function logUnexpected(genId: string, error: unknown): string {
  const reference = randomUUID().slice(0, 8);
  console.error(`[runner] generation ${genId} failed unexpectedly (ref ${reference})`, error);
  return reference;
}

/**
 * A failure after the provider accepted the job, other than its own last word on it (ProviderError.terminal): the job
 * may have run, and been billed, while we lost sight of it. Its estimate stays counted, and the message says why and
 * what a retry does: collect the job by its id, or, when the provider no longer has it, send a new request.
 */
export function whileFollowing(error: unknown, genId: string, label: string): unknown {
  if (error instanceof ProviderError && error.terminal) return error;
  const accepted = `${label} had already accepted this job, so it may have been billed`;
  if (!(error instanceof ProviderError)) {
    const reference = logUnexpected(genId, error);
    const message = `Something went wrong in the playground while following ${label}'s job (reference ${reference}). ${accepted}; ${COLLECT}`;
    return new ProviderError("internal", message, { cause: error, mayHaveBilled: true });
  }
  const { providerMessage, status, retryAt, field, transport } = error;
  const opts = { providerMessage, status, retryAt, field, transport, cause: error, mayHaveBilled: true };
  if (isGone(error)) {
    const message = `${label} no longer has this job (HTTP ${status}): it is no longer available at ${label}, so it cannot be collected. ${accepted}. Retry sends a new request, which ${label} charges again.`;
    return new ProviderError(error.code, message, opts);
  }
  const then = collectable(error) ? COLLECT : "Retry sends a new request, which is charged again.";
  return new ProviderError(error.code, `${error.message} ${accepted}; ${then}`, opts);
}

const COLLECT = "Retry collects it by its id, without a new charge.";

/** The provider answered that it has no job by that id (never had it, or no longer keeps it). */
const isGone = (error: ProviderError) => error.status === 404 || error.status === 410;

/**
 * A failure after acceptance that says nothing of the job itself, so the provider may still hold it, running or done:
 * status checks that kept failing (no answer, a 5xx, a 429: lib/providers/poll.ts isTransient), our own deadline (a
 * job the provider cancelled for it is `terminal`), its key gone or refused, an error of ours. Not the provider's
 * verdict on the job (`terminal`: failed, cancelled, filtered, invalid), nor "no such job" (isGone), nor any other
 * refusal or odd answer: collecting again would meet the same, and the retry after it must be free to send anew.
 */
export function collectable(error: ProviderError): boolean {
  if (error.terminal || isGone(error)) return false;
  return ["timeout", "not_configured", "auth", "internal"].includes(error.code) || isTransient(error);
}
