import "server-only";
import { db, engine } from "./client";
import { forEngine, toDbTime } from "./run-query";
import type { Spend } from "@/lib/budget/caps";

/**
 * The SQL behind budgets and estimates. Spend is the sum of `Generation.reservedUsd` (an estimate while a
 * generation waits or runs, its reported cost once it ends) over non-emulated rows, by the time it was submitted,
 * plus what no row carries any more (`RetiredSpend`: deleted generations, earlier attempts of retried ones); every
 * query is served by an index of its own (see the schema).
 */

export type Tx = Parameters<Parameters<Awaited<ReturnType<typeof db>>["$transaction"]>[0]>[0];
type Queryable = Pick<Tx, "$queryRawUnsafe">;

const time = () => (engine() === "postgres" ? "CAST(? AS timestamp(3))" : "?");
const notEmulated = () => (engine() === "postgres" ? `g."emulated" = false` : `g."emulated" = 0`);

/** Dollars counted since the start of this day and of this month, per provider. */
export async function spendSince(starts: { day: Date; month: Date }, client?: Queryable): Promise<Spend> {
  const sql = forEngine(
    `SELECT s."provider" AS "provider", SUM(CASE WHEN s."createdAt" >= ${time()} THEN s."usd" ELSE 0 END) AS "day", SUM(s."usd") AS "month" FROM (` +
      `SELECT g."provider" AS "provider", g."createdAt" AS "createdAt", g."reservedUsd" AS "usd" FROM "Generation" g WHERE g."createdAt" >= ${time()} AND ${notEmulated()} AND g."reservedUsd" IS NOT NULL` +
      ` UNION ALL SELECT d."provider", d."createdAt", d."usd" FROM "RetiredSpend" d WHERE d."createdAt" >= ${time()}) s GROUP BY s."provider"`,
    engine(),
  );
  const rows = await (client ?? (await db())).$queryRawUnsafe<{ provider: string; day: number | null; month: number | null }[]>(
    sql,
    toDbTime(starts.day),
    // A month starts on or before the day does.
    toDbTime(starts.month),
    toDbTime(starts.month),
  );
  const spend: Spend = { day: {}, month: {} };
  for (const r of rows) {
    spend.day[r.provider] = Number(r.day ?? 0);
    spend.month[r.provider] = Number(r.month ?? 0);
  }
  return spend;
}

/**
 * Serializes budget checks across processes: SQLite's interactive transactions already hold the write lock
 * (BEGIN IMMEDIATE); on Postgres a transaction-level advisory lock does, released at COMMIT or ROLLBACK.
 */
export async function lockBudgets(tx: Queryable): Promise<void> {
  if (engine() === "postgres") await tx.$queryRawUnsafe(`SELECT 1 AS "locked" FROM pg_advisory_xact_lock(${BUDGET_LOCK_KEY})`);
}

/** An arbitrary constant: the advisory lock every budget check takes. */
const BUDGET_LOCK_KEY = 727_380_214;

/** How many of a model's newest succeeded generations the history estimate looks through. */
const SCAN_LIMIT = 2000;

export interface ReportedCost {
  cost: number;
  costUnit: string;
  /** The row's image count field, when the model has one. */
  count: unknown;
}

/**
 * The newest reported costs of a provider's model for generations whose input matches `match` exactly (size and
 * steps fields), never emulated ones, among its newest SCAN_LIMIT succeeded ones (the (provider, model, status,
 * createdAt) index, newest first).
 */
export async function reportedCosts(
  provider: string,
  model: string,
  match: Record<string, unknown>,
  countField: string | undefined,
  limit: number,
): Promise<ReportedCost[]> {
  const pg = engine() === "postgres";
  const field = () => (pg ? `(g."input"::jsonb -> ?)` : `json_extract(g."input", ?)`);
  const fieldArg = (name: string) => (pg ? name : `$."${name.replace(/"/g, '\\"')}"`);
  const conds: string[] = [];
  const args: unknown[] = [];
  for (const [name, value] of Object.entries(match)) {
    if (value === undefined || value === null) {
      conds.push(`${field()} IS NULL`);
      args.push(fieldArg(name));
    } else if (pg) {
      conds.push(`${field()} = CAST(? AS jsonb)`);
      args.push(fieldArg(name), JSON.stringify(value));
    } else {
      conds.push(`${field()} = ?`);
      // json_extract answers numbers and text as SQL values, true/false as 1/0, objects as JSON text.
      args.push(fieldArg(name), typeof value === "object" ? JSON.stringify(value) : typeof value === "boolean" ? Number(value) : value);
    }
  }
  const count = countField ? `${pg ? `(g."input"::jsonb ->> ?)` : `json_extract(g."input", ?)`}` : "NULL";
  const countArgs = countField ? [fieldArg(countField)] : [];
  // Only the newest SCAN_LIMIT succeeded rows are looked at: a setting rarely used costs a bounded walk, not the
  // whole history (this runs on every submission).
  const sql = forEngine(
    `SELECT g."cost" AS "cost", g."costUnit" AS "costUnit", ${count} AS "count" FROM (SELECT "cost", "costUnit", "input", "emulated", "createdAt" FROM "Generation" WHERE "provider" = ? AND "model" = ? AND "status" = 'succeeded' ORDER BY "createdAt" DESC LIMIT ?) g WHERE ${notEmulated()} AND g."cost" IS NOT NULL AND g."costUnit" IS NOT NULL${conds.map((c) => ` AND ${c}`).join("")} ORDER BY g."createdAt" DESC LIMIT ?`,
    engine(),
  );
  return (await db()).$queryRawUnsafe<ReportedCost[]>(sql, ...countArgs, provider, model, SCAN_LIMIT, ...args, limit);
}
