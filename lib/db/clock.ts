import "server-only";
import { db, engine } from "./client";

type Queryable = Pick<Awaited<ReturnType<typeof db>>, "$queryRawUnsafe">;

const nowMs = {
  postgres: `SELECT CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS double precision) AS "ms"`,
  sqlite: `SELECT (julianday('now') - 2440587.5) * 86400000.0 AS "ms"`,
} as const;

/**
 * The time leases are written and compared in (see lib/db/queue.ts): the database's clock, which every process sharing
 * the queue reads alike. Hosts' clocks drift: a worker whose clock ran ahead took other workers' live jobs over as
 * crashed (a sync call still open marked "may have been billed", its provider slot handed to the next job), and one
 * whose clock ran behind handed out leases the others already saw as run out. (On SQLite the file is on this machine,
 * and so is its clock.) `client` is the transaction to read it in, if any.
 */
export async function dbNow(client?: Queryable): Promise<Date> {
  const rows = await (client ?? (await db())).$queryRawUnsafe<{ ms: number }[]>(nowMs[engine()]);
  return new Date(Math.round(Number(rows[0]!.ms)));
}
