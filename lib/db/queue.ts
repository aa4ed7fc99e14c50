import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { db, engine } from "./client";
import { dbNow } from "./clock";
import { forEngine } from "./run-query";
import { AWAITING_COLLECTION, AWAITING_DOWNLOAD } from "./dto";
import type { ErrorCode } from "@/lib/providers/types";
import { settledUsd, withBudget } from "./budget";

/**
 * The generation queue, for the runner. Jobs are rows; a claim is a lease (`claimedBy`, `leaseUntil`) that its
 * worker renews while it works. When a lease runs out (the worker crashed, was killed, or lost its host), any
 * process may take the job over: never-sent work is queued again, an async job whose id is known is collected by
 * that id, and anything that may have reached a provider without a way to follow it up is failed, not re-sent.
 * Writes of a worker about its job are fenced by its claim (`claimedBy` and `attempts`), so a worker that lost its
 * lease cannot overwrite the worker that took over.
 */

/** A claimed generation: who holds it, and which of its claims (its `attempts` count once claimed). */
export interface Claim {
  id: string;
  workerId: string;
  attempt: number;
}

/**
 * A worker's writes about its job hold only for its own claim: the worker id alone is shared by every claim a process
 * makes, and a stalled run whose job was taken over and claimed again by the same process must not write (or send)
 * as if it were the new run.
 */
const fenced = (claim: Claim) => ({ id: claim.id, status: "running", claimedBy: claim.workerId, attempts: claim.attempt });

export { anyQueued, claimNext } from "./claim";

/**
 * Heartbeat: extend this worker's leases on the jobs it is running, from `now` in the database's time (clock.ts; read
 * when not given). Returns how many it still holds.
 */
export async function renewLeases(workerId: string, ids: string[], leaseMs: number, now?: Date): Promise<number> {
  if (ids.length === 0) return 0;
  const client = await db();
  const from = now ?? (await dbNow(client));
  const { count } = await client.generation.updateMany({
    where: { id: { in: ids }, status: "running", claimedBy: workerId },
    data: { leaseUntil: new Date(from.getTime() + leaseMs) },
  });
  return count;
}

/** The provider's answer, kept until its images are stored (see `recovery` in the schema). */
export const recoverySchema = z.object({
  images: z.array(
    z.discriminatedUnion("kind", [
      z.object({ kind: z.literal("url"), url: z.string(), nsfw: z.boolean().optional() }),
      z.object({ kind: z.literal("bytes"), base64: z.string(), mime: z.string(), nsfw: z.boolean().optional() }),
    ]),
  ),
  seed: z.string().optional(),
  requestId: z.string().optional(),
  cost: z.object({ amount: z.number(), unit: z.enum(["usd", "credits"]) }).optional(),
  warnings: z.array(z.string()),
  providerMs: z.number(),
});
export type Recovery = z.infer<typeof recoverySchema>;

export async function updateRunning(
  claim: Claim,
  data: { sent?: Record<string, unknown>; phase?: string; providerRequestId?: string; emulated?: boolean; recovery?: Recovery },
  /** Only while nobody asked to cancel it (false is returned otherwise). */
  unlessCanceled = false,
): Promise<boolean> {
  const { count } = await (await db()).generation.updateMany({
    where: { ...fenced(claim), ...(unlessCanceled ? { cancelRequestedAt: null } : {}) },
    data: {
      // A 64-bit seed sent as a bigint is kept as its digits, as the input holds it.
      ...(data.sent ? { sent: JSON.stringify(data.sent, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v)) } : {}),
      ...(data.emulated !== undefined ? { emulated: data.emulated } : {}),
      ...(data.phase ? { phase: data.phase } : {}),
      ...(data.providerRequestId ? { providerRequestId: data.providerRequestId } : {}),
      ...(data.recovery ? { recovery: JSON.stringify(data.recovery) } : {}),
    },
  });
  return count === 1;
}

/** A kept provider answer (the `recovery` column), if there is a valid one. */
export function parseRecovery(json: string | null): Recovery | null {
  if (!json) return null;
  const parsed = recoverySchema.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : null;
}

export interface StoredImage {
  sha256: string;
  file: string;
  thumbFile: string;
  mime: string;
  width: number;
  height: number;
  bytes: number;
  nsfw?: boolean;
}

/**
 * Records a finished generation and its images in one transaction. Accepted from the worker that holds the claim,
 * and also when its lease ran out meanwhile and recovery marked it interrupted: the images were paid for.
 */
export async function completeGeneration(
  claim: Claim,
  data: {
    seed: string | null;
    /** Null when not known: a job collected on a person's Retry ran while no one watched. */
    providerMs: number | null;
    downloadMs: number;
    cost?: { amount: number; unit: string };
    providerRequestId?: string;
    warnings: string[];
    images: StoredImage[];
  },
): Promise<boolean> {
  const client = await db();
  return client.$transaction(async (tx) => {
    const { count } = await tx.generation.updateMany({
      where: { id: claim.id, claimedBy: claim.workerId, attempts: claim.attempt, OR: [{ status: "running" }, { status: "failed", errorCode: "interrupted" }] },
      data: {
        status: "succeeded",
        phase: null,
        seed: data.seed,
        providerMs: data.providerMs,
        downloadMs: data.downloadMs,
        cost: data.cost?.amount ?? null,
        costUnit: data.cost?.unit ?? null,
        // Paid for: the reported cost replaces the reservation; without one, the estimate keeps standing for it.
        ...withSettled(settledUsd(data.cost, true)),
        ...(data.providerRequestId ? { providerRequestId: data.providerRequestId } : {}),
        warnings: JSON.stringify(data.warnings),
        finishedAt: new Date(),
        leaseUntil: null,
        recovery: null,
        errorCode: null,
        errorMessage: null,
        providerMessage: null,
        retryAt: null,
      },
    });
    if (count !== 1) return false;
    await tx.image.deleteMany({ where: { generationId: claim.id } });
    await tx.image.createMany({
      data: data.images.map((img, index) => ({
        id: randomUUID(),
        generationId: claim.id,
        index,
        sha256: img.sha256,
        file: img.file,
        thumbFile: img.thumbFile,
        mime: img.mime,
        width: img.width,
        height: img.height,
        bytes: img.bytes,
        nsfw: img.nsfw ?? null,
      })),
    });
    return true;
  });
}

export async function failGeneration(
  claim: Claim,
  data: {
    code: ErrorCode;
    message: string;
    providerMessage?: string;
    retryAt?: Date;
    providerMs?: number;
    seed?: string | null;
    warnings?: string[];
    /** The provider's answer, kept so "retry download" can fetch the images without calling the provider. */
    recovery?: Recovery;
    /** The provider accepted the async job and may still hold it: a retry collects it by its id (requeueGeneration). */
    collect?: boolean;
    /** What the provider reported it charged, if it answered. */
    charged?: { amount: number; unit: string };
    /** The provider answered with its images (billed), even if they were not kept: without a report, the estimate stands. */
    billed?: boolean;
  },
): Promise<boolean> {
  const { count } = await (await db()).generation.updateMany({
    where: fenced(claim),
    data: {
      status: "failed",
      phase: data.recovery ? AWAITING_DOWNLOAD : data.collect ? AWAITING_COLLECTION : null,
      recovery: data.recovery ? JSON.stringify(data.recovery) : null,
      errorCode: data.code,
      errorMessage: data.message,
      providerMessage: data.providerMessage ?? null,
      retryAt: data.retryAt ?? null,
      providerMs: data.providerMs ?? null,
      ...(data.seed !== undefined ? { seed: data.seed } : {}),
      ...(data.warnings ? { warnings: JSON.stringify(data.warnings) } : {}),
      finishedAt: new Date(),
      leaseUntil: null,
      // A kept answer, or one whose images were lost afterwards (an expired link), was paid for, and so may be a
      // request that timed out after it was sent (the provider carries on and bills it): their estimate stands. Any
      // other failure counts only what the provider reported it charged.
      ...withSettled(settledUsd(data.charged ?? data.recovery?.cost, Boolean(data.recovery) || Boolean(data.billed) || data.code === "timeout")),
    },
  });
  return count === 1;
}

const withSettled = (usd: number | undefined) => (usd === undefined ? {} : { reservedUsd: usd });

const retireAttemptSpend = () =>
  forEngine(
    `INSERT INTO "RetiredSpend" ("id", "provider", "usd", "createdAt") SELECT "id" || '#' || CAST("attempts" AS TEXT), "provider", "reservedUsd", "createdAt" FROM "Generation" WHERE "id" = ? AND "status" = 'failed' AND "emulated" = ${engine() === "postgres" ? "false" : "0"} AND "reservedUsd" > 0 ON CONFLICT ("id") DO NOTHING`,
    engine(),
  );

/**
 * Keeps the failed attempt a retry is about to reset, as the scorecard counts it (RetiredAttempt): its target, source,
 * cause, time, and the dollars it counted (`usd`: the row's reservedUsd, or 0 when the retry carries that charge on).
 * Only while the row is still that failure (`extra` narrows it as the reset does), so it is kept once.
 */
const retireAttempt = (usd: "reservedUsd" | "0", extra = "") =>
  forEngine(
    `INSERT INTO "RetiredAttempt" ("id", "generationId", "provider", "model", "emulated", "errorCode", "usd", "createdAt") SELECT "id" || '#' || CAST("attempts" AS TEXT), "id", "provider", "model", "emulated", "errorCode", ${usd === "0" ? "0" : `"reservedUsd"`}, "createdAt" FROM "Generation" WHERE "id" = ? AND "status" = 'failed'${extra} ON CONFLICT ("id") DO NOTHING`,
    engine(),
  );

/**
 * Puts a failed generation back in the queue (a retry of that target alone). When the provider's answer was kept
 * (the images were paid for but not stored), only the download is done again; when its async job was accepted and
 * may still be the provider's (AWAITING_COLLECTION), it is collected by its id; otherwise the request is sent again.
 */
export async function requeueGeneration(id: string): Promise<boolean> {
  const client = await db();
  // The provider delivered and was paid once; the row keeps that charge (its reservation, then what is reported) for
  // the download done again. The failed attempt still counts as a failure of its cause, with no dollars of its own.
  const [, downloadOnly] = await client.$transaction([
    client.$executeRawUnsafe(retireAttempt("0", ` AND "phase" = '${AWAITING_DOWNLOAD}' AND "recovery" IS NOT NULL`), id),
    client.generation.updateMany({
      where: { id, status: "failed", phase: AWAITING_DOWNLOAD, recovery: { not: null } },
      data: { status: "queued", errorCode: null, errorMessage: null, providerMessage: null, claimedBy: null, leaseUntil: null, cancelRequestedAt: null },
    }),
  ]);
  if (downloadOnly.count === 1) return true;
  // The provider had accepted this async job, and we lost sight of it before its end, not by its verdict (execute.ts,
  // collectable: status checks that kept failing, our deadline, the key gone): the job may still be the provider's,
  // so a retry collects it by its id, as a takeover does, rather than sending, and paying for, it a second time. Its
  // reservation stands for it. A collection the provider answers "no such job" fails without the phase, so the retry
  // after it sends anew. `not_configured` alone marks such a failure recorded before the phase existed.
  const [, collect] = await client.$transaction([
    client.$executeRawUnsafe(
      retireAttempt("0", ` AND ("phase" = '${AWAITING_COLLECTION}' OR "errorCode" = 'not_configured') AND "providerRequestId" IS NOT NULL AND "sent" IS NOT NULL`),
      id,
    ),
    client.generation.updateMany({
      where: {
        id,
        status: "failed",
        OR: [{ phase: AWAITING_COLLECTION }, { errorCode: "not_configured" }],
        providerRequestId: { not: null },
        sent: { not: null },
      },
      // Queued with its phase: the claim keeps its first wait and starts it now, as a collection (claim.ts).
      data: { status: "queued", phase: AWAITING_COLLECTION, errorCode: null, errorMessage: null, providerMessage: null, retryAt: null, claimedBy: null, leaseUntil: null, cancelRequestedAt: null },
    }),
  ]);
  if (collect.count === 1) return true;
  const gen = await client.generation.findUnique({ where: { id }, select: { status: true, provider: true, model: true, input: true } });
  if (gen?.status !== "failed") return false;
  const target = { provider: gen.provider, model: gen.model, input: JSON.parse(gen.input) as Record<string, unknown> };
  // Sent again, so paid again: the new estimate is checked against the budgets and reserved (BudgetExceeded if not).
  // What the failed attempt counted (a reported charge, or the estimate of one that may have been billed) stays
  // counted, in RetiredSpend, since the row's reservation is replaced; the attempt itself stays in the scorecard's
  // evidence, in RetiredAttempt.
  const [, , updated] = await withBudget([target], (tx, [reservedUsd]) => [tx.$executeRawUnsafe(retireAttemptSpend(), id), tx.$executeRawUnsafe(retireAttempt("reservedUsd"), id), tx.generation.updateMany({
    where: { id, status: "failed" },
    data: {
      reservedUsd: reservedUsd ?? null,
      status: "queued",
      createdAt: new Date(),
      errorCode: null,
      errorMessage: null,
      providerMessage: null,
      retryAt: null,
      phase: null,
      sent: null,
      seed: null,
      recovery: null,
      // The previous attempt's provider job id and notes must not be shown as this attempt's.
      providerRequestId: null,
      warnings: "[]",
      startedAt: null,
      finishedAt: null,
      waitMs: null,
      providerMs: null,
      downloadMs: null,
      claimedBy: null,
      claimedAt: null,
      leaseUntil: null,
      // A retry is a new request from the person: an earlier cancel does not apply to it.
      cancelRequestedAt: null,
    },
  })]);
  return (updated as { count: number }).count === 1;
}
