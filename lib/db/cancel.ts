import "server-only";
import { db } from "./client";

/** Which generations a cancel is for: a whole run (a batch) or some of its generations. */
export type CancelScope = { runId: string } | { generationIds: string[] };

export const CANCELED_BEFORE_SENDING = "Cancelled before it was sent, so nothing was billed.";

/**
 * A person's cancel. Queued generations that were never sent fail at once as `canceled` (never billed). Running ones
 * are flagged, and so are queued ones that were sent before a restart (an async job waiting to be collected by its id,
 * or a paid answer waiting to be downloaded): their worker sees the flag, cancels at the provider where it can, keeps
 * what is already paid for, and records what happened. Both updates are conditional, so a job claimed between them is
 * flagged rather than lost.
 */
export async function requestCancel(scope: CancelScope): Promise<{ canceled: number; stopping: number }> {
  const client = await db();
  const where = "runId" in scope ? { runId: scope.runId } : { id: { in: scope.generationIds } };
  const now = new Date();
  const queued = await client.generation.updateMany({
    where: { ...where, status: "queued", sent: null },
    data: {
      status: "failed",
      errorCode: "canceled",
      errorMessage: CANCELED_BEFORE_SENDING,
      cancelRequestedAt: now,
      // Never sent: its budget reservation is released.
      reservedUsd: 0,
      finishedAt: now,
      claimedBy: null,
      leaseUntil: null,
    },
  });
  const running = await client.generation.updateMany({
    where: { ...where, status: { in: ["running", "queued"] }, cancelRequestedAt: null },
    data: { cancelRequestedAt: now },
  });
  return { canceled: queued.count, stopping: running.count };
}

/** Whether the person asked to cancel this generation (the runner checks before sending and before each poll). */
export async function isCancelRequested(id: string): Promise<boolean> {
  const row = await (await db()).generation.findUnique({ where: { id }, select: { cancelRequestedAt: true } });
  return row?.cancelRequestedAt != null;
}
