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

/** Claims `key` for the request whose fingerprint is `requestHash`, or says what holds it. */
export async function claimKey(key: string, requestHash: string, now = new Date()): Promise<KeyClaim> {
  const client = await db();
  await client.idempotencyKey.deleteMany({
    where: {
      OR: [
        { createdAt: { lt: new Date(now.getTime() - IDEMPOTENCY_RETENTION_MS) } },
        { response: null, createdAt: { lt: new Date(now.getTime() - ABANDONED_CLAIM_MS) } },
      ],
    },
  });
  try {
    await client.idempotencyKey.create({ data: { key, requestHash, createdAt: now } });
    return { state: "claimed" };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  const row = await client.idempotencyKey.findUnique({ where: { key } });
  // Released between our insert and this read: the caller asks again.
  if (!row) return { state: "in_progress" };
  if (row.requestHash !== requestHash) return { state: "other_request" };
  return row.response === null ? { state: "in_progress" } : { state: "answered", response: JSON.parse(row.response) as unknown };
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
