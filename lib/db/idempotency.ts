import "server-only";
import { db } from "./client";
import type { Tx } from "./spend";

/**
 * Idempotency keys of requests that start paid work (lib/actions/idempotency.ts decides what to answer). A key is
 * claimed by inserting its row, so of two requests with one key only one gets past the primary key; the run and the
 * answer to give again are then written in the transaction that stores the run (createRun), never one without the
 * other.
 */

/** How long a key answers again: a client retrying a dropped request does so within seconds, a day leaves room. */
export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000;
/**
 * A key still in progress after this was claimed by a server that stopped before storing anything (the run and the
 * answer commit together, and that transaction gives up long before): it is taken over rather than refused for a day.
 */
export const ABANDONED_CLAIM_MS = 5 * 60 * 1000;

export type KeyClaim =
  | { state: "claimed" }
  | { state: "answered"; response: unknown }
  | { state: "in_progress" }
  | { state: "other_request" };

/** How often a process deletes the keys past their retention; a stale key met on a claim goes at once. */
const SWEEP_EVERY_MS = 10 * 60 * 1000;
let lastSweep = 0;

/**
 * Claims `key` for the request whose fingerprint is `requestHash`, or says what holds it. A claim is one insert; a key
 * held past its time (answered over a day ago, or claimed and abandoned) is taken out of the way first.
 */
export async function claimKey(key: string, requestHash: string, now = new Date()): Promise<KeyClaim> {
  const client = await db();
  if (now.getTime() - lastSweep > SWEEP_EVERY_MS) {
    lastSweep = now.getTime();
    await client.idempotencyKey.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - IDEMPOTENCY_RETENTION_MS) } } });
  }
  for (let tries = 0; ; tries++) {
    try {
      await client.idempotencyKey.create({ data: { key, requestHash, createdAt: now } });
      return { state: "claimed" };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    const row = await client.idempotencyKey.findUnique({ where: { key } });
    // Released between our insert and this read: the caller asks again.
    if (!row) return { state: "in_progress" };
    const age = now.getTime() - row.createdAt.getTime();
    const stale = age > IDEMPOTENCY_RETENTION_MS || (row.response === null && age > ABANDONED_CLAIM_MS);
    if (stale && tries === 0) {
      // Only that row: a claim another request made meanwhile has another creation time, and stays.
      await client.idempotencyKey.deleteMany({ where: { key, createdAt: row.createdAt } });
      continue;
    }
    if (row.requestHash !== requestHash) return { state: "other_request" };
    return row.response === null ? { state: "in_progress" } : { state: "answered", response: JSON.parse(row.response) as unknown };
  }
}

/** Frees a claim whose request stored nothing (refused, or failed before its run), so the key can be sent again. */
export async function releaseKey(key: string): Promise<void> {
  await (await db()).idempotencyKey.deleteMany({ where: { key, response: null } });
}

/**
 * Records the answer of a claim that is still open (an action that stores no run through createRun); a no-op once
 * createRun recorded one.
 */
export async function recordAnswer(key: string, response: unknown): Promise<void> {
  await (await db()).idempotencyKey.updateMany({ where: { key, response: null }, data: { response: JSON.stringify(response) } });
}

/**
 * The write that ties a claimed key to the run being stored, for createRun's transaction: it fails (and the run with it)
 * when the claim is gone or already answered.
 */
export function answerKeyIn(tx: Pick<Tx, "idempotencyKey">, key: string, runId: string, response: unknown) {
  return tx.idempotencyKey.update({ where: { key, response: null }, data: { runId, response: JSON.stringify(response) } });
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}
