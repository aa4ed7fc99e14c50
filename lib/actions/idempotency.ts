import "server-only";
import { createHash } from "node:crypto";
import { claimKey, type KeyClaim } from "@/lib/db/idempotency";

/*
 * Idempotency-Key for the actions that start paid work (Stripe's semantics, the IETF draft's header name). The key is
 * global: the app has one password and no accounts, so whoever may start a run may read any run anyway.
 * Not a "use server" module: helpers for validatedAction (./result.ts) and the API routes.
 */

export const IDEMPOTENCY_HEADER = "Idempotency-Key";
export const REPLAYED_HEADER = "Idempotent-Replayed";
export const MAX_KEY_LENGTH = 255;
/** How long a request waits for another with its key to answer before it is told to try again (409). */
export const IN_PROGRESS_WAIT_MS = 10_000;
const POLL_MS = 100;

/** What an action that starts paid work takes besides its request. */
export interface StartOptions {
  /** One per submission: the same key and request answer the first answer again and start nothing. */
  idempotencyKey?: string;
}

/** Why a key cannot be used, in words naming the header; null when it can. */
export function keyProblem(key: unknown): string | null {
  if (typeof key !== "string") return `The ${IDEMPOTENCY_HEADER} header must be a string.`;
  if (key.length === 0) return `The ${IDEMPOTENCY_HEADER} header is empty: send 1 to ${MAX_KEY_LENGTH} characters, or leave it out.`;
  if (key.length > MAX_KEY_LENGTH) return `The ${IDEMPOTENCY_HEADER} header is ${key.length} characters long: at most ${MAX_KEY_LENGTH}.`;
  return null;
}

/** sha-256 of the action's name and its validated request as JSON with sorted keys: equal requests, equal hashes. */
export function fingerprint(action: string, request: unknown): string {
  return createHash("sha256").update(JSON.stringify([action, sorted(request)])).digest("hex");
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value === null || typeof value !== "object" || value instanceof Date) return value;
  const object = value as Record<string, unknown>;
  return Object.fromEntries(Object.keys(object).sort().map((k) => [k, sorted(object[k])]));
}

/**
 * Claims the key, or waits (up to `waitMs`) while another request with it is in progress: it then answers with that
 * request's answer, or (refused, nothing stored) frees the key for this one.
 */
export async function claimOrWait(key: string, requestHash: string, waitMs = IN_PROGRESS_WAIT_MS): Promise<KeyClaim> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const claim = await claimKey(key, requestHash);
    if (claim.state !== "in_progress" || Date.now() >= deadline) return claim;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

// Answers given again: the API routes add the replay header for them (their body is the first answer, unchanged).
const replays = new WeakSet<object>();

export function markReplayed<T extends object>(answer: T): T {
  replays.add(answer);
  return answer;
}

export function wasReplayed(answer: object): boolean {
  return replays.has(answer);
}

/** The headers an API route answers a start action's result with. */
export function replayHeaders(answer: object): Record<string, string> {
  return wasReplayed(answer) ? { [REPLAYED_HEADER]: "true" } : {};
}

/** The key a request carries in its header (undefined: none, so no idempotency). */
export function keyOf(req: Request): string | undefined {
  return req.headers.get(IDEMPOTENCY_HEADER) ?? undefined;
}
