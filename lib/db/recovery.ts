import "server-only";
import { db } from "./client";
import { dbNow } from "./clock";
import { CANCELED_BEFORE_SENDING } from "./cancel";
import type { Prisma } from "./generated/client";

/**
 * Taking over from workers that are gone: their leases ran out (see lib/db/queue.ts). Every step is one conditional
 * update, so any number of processes may run this at once.
 */

const interruptedMessages = {
  submitting:
    "The server stopped while this generation was being sent to the provider. It may have been billed, so it was not sent again; retrying sends it again and may be billed again.",
  generating:
    "The server stopped while the provider was generating this image. It may have been billed, so it was not sent again; retrying sends it again and may be billed again.",
};

/**
 * The phases a taken-over job is queued with: its provider answer is kept and only the download is left, or its async
 * job is collected by id. Either way it was sent, so its next claim goes on from the lost attempt (claim.ts).
 */
export const TAKEOVER_PHASES = { download: "downloading", resume: "resuming" } as const;

/**
 * Takes over running generations whose lease has run out by `at`, in the database's time as leases are (clock.ts;
 * read when not given). Never-sent work is queued again; work whose provider answer is kept is queued to download it;
 * an async job whose id is known is queued to be collected by that id (`resumable` providers); anything else may have
 * been billed and is failed as interrupted, never re-sent. Safe to run from several processes at once: every step is
 * one conditional update.
 */
export async function recoverExpired(resumable: string[], at?: Date, leaseMs = 0) {
  const client = await db();
  const now = at ?? (await dbNow(client));
  // Rows claimed before leases existed have no leaseUntil: their claim time stands in for it.
  const expired: Prisma.GenerationWhereInput = {
    status: "running",
    OR: [{ leaseUntil: { lt: now } }, { leaseUntil: null, claimedAt: { lt: new Date(now.getTime() - leaseMs) } }],
  };
  // Nearly always nothing has expired: one read, rather than six writes that each take the write lock.
  if (!(await client.generation.findFirst({ where: expired, select: { id: true } }))) return { requeued: 0, interrupted: 0 };
  const requeue = { status: "queued", claimedBy: null, claimedAt: null, leaseUntil: null } as const;
  const downloads = await client.generation.updateMany({
    where: { ...expired, recovery: { not: null } },
    data: { ...requeue, phase: TAKEOVER_PHASES.download },
  });
  // Never sent and cancelled meanwhile: it ends here, so a takeover cannot send what the person cancelled.
  await client.generation.updateMany({
    where: { ...expired, sent: null, cancelRequestedAt: { not: null } },
    // Never sent: its budget reservation is released, as a cancel of a queued job does.
    data: { status: "failed", errorCode: "canceled", errorMessage: CANCELED_BEFORE_SENDING, reservedUsd: 0, finishedAt: now, leaseUntil: null, phase: null },
  });
  const unsent = await client.generation.updateMany({ where: { ...expired, sent: null }, data: { ...requeue, phase: null } });
  const resumed = await client.generation.updateMany({
    where: { ...expired, provider: { in: resumable }, providerRequestId: { not: null } },
    data: { ...requeue, phase: TAKEOVER_PHASES.resume },
  });
  const failed = { status: "failed", errorCode: "interrupted", finishedAt: now, leaseUntil: null } as const;
  const submitting = await client.generation.updateMany({
    where: { ...expired, phase: "submitting" },
    data: { ...failed, phase: null, errorMessage: interruptedMessages.submitting },
  });
  const generating = await client.generation.updateMany({
    where: expired,
    data: { ...failed, phase: null, errorMessage: interruptedMessages.generating },
  });
  return {
    requeued: unsent.count + downloads.count + resumed.count,
    interrupted: submitting.count + generating.count,
  };
}

/**
 * This worker's running generations that it is not actually running (its claim succeeded but the work never started,
 * or recording the end failed): their lease is ended now, so `recoverExpired` takes them over as it does a crashed
 * worker's, by what is known of them (never sent: run; an answer kept: downloaded; an async job: collected by id;
 * else "may have been billed"). Failing them outright lost a kept answer and counted work that was never sent.
 * `olderThan` is in the database's time, as `claimedAt` is (clock.ts).
 */
export async function expireOrphans(workerId: string, activeIds: string[], olderThan: Date) {
  const client = await db();
  const where = { status: "running", claimedBy: workerId, id: { notIn: activeIds }, claimedAt: { lt: olderThan } };
  // As in recoverExpired: a read finds the usual nothing without taking the write lock.
  if (!(await client.generation.findFirst({ where, select: { id: true } }))) return;
  await client.generation.updateMany({ where, data: { leaseUntil: new Date(0) } });
}
