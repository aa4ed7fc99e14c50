import "server-only";
import { db, engine } from "./client";
import { dbNow } from "./clock";
import { AWAITING_COLLECTION, AWAITING_DOWNLOAD, COLLECTING, type GenerationDTO } from "./dto";
import { generationInclude, toGenerationDTO } from "./mappers";
import { TAKEOVER_PHASES } from "./recovery";

/** A claimed generation, with the provider answer kept from an earlier attempt (JSON, see queue.ts) if any. */
export type ClaimedGeneration = GenerationDTO & { keptAnswer: string | null };

/** Any fixed 64-bit number: the Postgres advisory lock a claim holds while it counts and takes (see claimNext). */
const CLAIM_LOCK = "7305114842117392";

/**
 * Atomically claims the oldest queued generation whose provider has spare capacity, across every process that
 * shares the database: inside one transaction it counts running generations per provider, leaves out providers at
 * their limit (`limits`, plus `skipProviders`), and takes the oldest remaining job. On SQLite the transaction holds
 * the write lock from its start (BEGIN IMMEDIATE), so counting and taking are one step; on Postgres the claim
 * takes a transaction-scoped advisory lock for the same effect, and reads the job `FOR UPDATE SKIP LOCKED` so rows
 * another transaction is changing (a retry, a delete) are passed over instead of waited for.
 */
export async function claimNext(
  workerId: string,
  skipProviders: string[],
  leaseMs: number,
  limits: Record<string, number> = {},
): Promise<ClaimedGeneration | null> {
  const client = await db();
  const pg = engine() === "postgres";
  const id = await client.$transaction(async (tx) => {
    if (pg) await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${CLAIM_LOCK})`);
    const skip = new Set(skipProviders);
    if (Object.keys(limits).length > 0) {
      const running = await tx.generation.groupBy({ by: ["provider"], where: { status: "running" }, _count: { _all: true } });
      for (const row of running) {
        const limit = limits[row.provider];
        if (limit !== undefined && row._count._all >= limit) skip.add(row.provider);
      }
    }
    const candidate = pg ? await oldestQueuedLocked(tx, [...skip]) : await tx.generation.findFirst({
      where: { status: "queued", provider: { notIn: [...skip] } },
      orderBy: [{ createdAt: "asc" }, { position: "asc" }],
      select: { id: true, createdAt: true, phase: true },
    });
    if (!candidate) return null;
    // Taken over from a lost worker (recovery.ts): the job goes on from where that attempt was, so its wait and its
    // start stand, and the time since that start is booked to the step it was in (lib/jobs/execute.ts), not to the
    // queue. A retried download keeps its first wait as well (the gap before the retry is the person's, not the
    // queue's), and starts now; so does a job collected by its id on a person's Retry, which runs as COLLECTING.
    const takenOver = (Object.values(TAKEOVER_PHASES) as (string | null)[]).includes(candidate.phase);
    const retried = candidate.phase === AWAITING_DOWNLOAD || candidate.phase === AWAITING_COLLECTION;
    const now = new Date();
    // The lease, and the claim time the orphan clean-up compares, are in the database's time, which every process
    // reads alike (clock.ts); the job's own times stay this process's, as its end is.
    const claimedAt = await dbNow(tx);
    const { count } = await tx.generation.updateMany({
      where: { id: candidate.id, status: "queued" },
      data: {
        status: "running",
        claimedBy: workerId,
        claimedAt,
        leaseUntil: new Date(claimedAt.getTime() + leaseMs),
        ...(takenOver ? {} : { startedAt: now }),
        phase: candidate.phase === AWAITING_COLLECTION ? COLLECTING : "starting",
        attempts: { increment: 1 },
        // Time in the queue since it was submitted, up to its first send.
        ...(takenOver || retried ? {} : { waitMs: Math.max(0, now.getTime() - candidate.createdAt.getTime()) }),
      },
    });
    return count === 1 ? candidate.id : null;
  });
  if (!id) return null;
  // The kept answer comes with the claim, so the job's start costs no second read.
  const row = await client.generation.findUnique({ where: { id }, include: generationInclude, omit: { recovery: false } });
  return row ? { ...toGenerationDTO(row), keptAnswer: row.recovery } : null;
}

/** Whether any generation waits for a provider outside `skipProviders`: a read, no lock taken. */
export async function anyQueued(skipProviders: string[]): Promise<boolean> {
  const row = await (await db()).generation.findFirst({
    where: { status: "queued", provider: { notIn: skipProviders } },
    select: { id: true },
  });
  return row !== null;
}

type Tx = Parameters<Parameters<Awaited<ReturnType<typeof db>>["$transaction"]>[0]>[0];

async function oldestQueuedLocked(tx: Tx, skip: string[]): Promise<{ id: string; createdAt: Date; phase: string | null } | null> {
  const notIn = skip.length ? `AND "provider" NOT IN (${skip.map((_, i) => `$${i + 1}`).join(", ")})` : "";
  const rows = await tx.$queryRawUnsafe<{ id: string; createdAt: Date | string; phase: string | null }[]>(
    `SELECT "id", "createdAt", "phase" FROM "Generation" WHERE "status" = 'queued' ${notIn} ORDER BY "createdAt" ASC, "position" ASC LIMIT 1 FOR UPDATE SKIP LOCKED`,
    ...skip,
  );
  const row = rows[0];
  if (!row) return null;
  // Prisma returns a timestamp column from raw SQL as text without a zone: it is UTC.
  const createdAt = row.createdAt instanceof Date ? row.createdAt : new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(row.createdAt) ? row.createdAt : `${row.createdAt}Z`);
  return { id: row.id, createdAt, phase: row.phase };
}
