import "server-only";
import { parseRunCursor } from "@/lib/gallery/cursor";
import { dayRangeToInstants, type GalleryFilters } from "@/lib/gallery/filters";
import type { Engine } from "./engine";
import { foldForSearch } from "./search-text";

/**
 * Builds the gallery's page query: run ids, newest first, keyset-paginated on (createdAt, id). Pure, so the SQL can
 * be unit-tested; `listRuns` runs it and loads the rows.
 */

export interface RunListQuery extends GalleryFilters {
  /** The last run id of the previous page. */
  cursor?: string | null;
  limit: number;
}

/** How Prisma's libsql adapter stores DateTime (ISO 8601 text), so text comparison orders correctly. */
export function toDbTime(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

/** `%`, `_` and the escape character itself are literal in a search. */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Whether any filter applies to generations (provider, model, status) rather than to the run itself. */
export function hasGenerationFilters(q: GalleryFilters): boolean {
  return Boolean(q.provider || q.model || q.status);
}

/**
 * The SQL is written once with `?` placeholders; Postgres numbers them ($1, $2, …). None of our statements has a
 * `?` inside a literal.
 */
export function forEngine(sql: string, engine: Engine): string {
  if (engine === "sqlite") return sql;
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/**
 * `unindexed` prefixes each column with SQLite's unary `+`, which keeps the planner from using it for an index
 * (Postgres has no such operator on text, and its planner costs the EXISTS probe well without it).
 */
function generationConditions(q: GalleryFilters, unindexed = false) {
  const conds: string[] = [];
  const args: string[] = [];
  const col = (name: string) => `${unindexed ? "+" : ""}g."${name}"`;
  if (q.provider) {
    conds.push(`${col("provider")} = ?`);
    args.push(q.provider);
  }
  if (q.model) {
    conds.push(`${col("model")} = ?`);
    args.push(q.model);
  }
  if (q.status) {
    conds.push(`${col("status")} = ?`);
    args.push(q.status);
  }
  return { conds, args };
}

/**
 * Counts matching generations up to `cap` (an index probe that reads at most `cap` entries), to choose a plan:
 * few matches → start from them; many → walk runs newest first and test each.
 */
export function buildGenerationProbe(
  q: GalleryFilters,
  cap: number,
  engine: Engine = "sqlite",
): { sql: string; args: (string | number)[] } {
  const { conds, args } = generationConditions(q);
  const sql = `SELECT count(*) AS "n" FROM (SELECT 1 FROM "Generation" g WHERE ${conds.join(" AND ") || "1 = 1"} LIMIT ?)`;
  // Postgres 15 wants a name on a subquery in FROM.
  return { sql: forEngine(engine === "postgres" ? `${sql} AS "p"` : sql, engine), args: [...args, cap] };
}

/**
 * `walk` reads runs newest first through the (createdAt, id) index and keeps those with a matching generation
 * (cheap when matches are common); `generations-first` collects the matching generations' runs and sorts them
 * (cheap when they are rare, e.g. "running", where a walk would read every run to find none).
 */
export type RunListStrategy = "walk" | "generations-first";

export function buildRunListQuery(
  q: RunListQuery,
  strategy: RunListStrategy = "walk",
  localMidnight?: (day: string) => Date,
  engine: Engine = "sqlite",
): { sql: string; args: (string | number)[] } {
  const pg = engine === "postgres";
  // Postgres compares a timestamp column with a typed value; the text form is UTC, as Prisma stores it there.
  const time = pg ? "CAST(? AS timestamp(3))" : "?";
  const where: string[] = [];
  const args: (string | number)[] = [];

  const cursor = q.cursor ? parseRunCursor(q.cursor) : null;
  if (cursor?.createdAt) {
    // A row-value comparison SQLite resolves as one range seek on the (createdAt, id) index.
    where.push(`(r."createdAt", r."id") < (${time}, ?)`);
    args.push(toDbTime(cursor.createdAt), cursor.id);
  } else if (cursor) {
    where.push(`(r."createdAt", r."id") < (SELECT c."createdAt", c."id" FROM "Run" c WHERE c."id" = ?)`);
    args.push(cursor.id);
  }
  if (q.favorite) where.push(pg ? `r."favorite" = true` : `r."favorite" = 1`);
  const { start, end } = dayRangeToInstants(q, localMidnight);
  if (start) {
    where.push(`r."createdAt" >= ${time}`);
    args.push(toDbTime(start));
  }
  if (end) {
    where.push(`r."createdAt" < ${time}`);
    args.push(toDbTime(end));
  }
  if (q.q) {
    // Both sides folded the same way (search-text.ts): case-insensitive for all of Unicode, on either engine.
    where.push(`r."searchText" LIKE ? ESCAPE '\\'`);
    args.push(likeContains(foldForSearch(q.q)));
  }

  // A run matches when any one of its generations matches every generation-level filter.
  const gen = generationConditions(q, strategy === "walk" && !pg);
  let from = `"Run" r`;
  if (gen.conds.length > 0 && strategy === "generations-first") {
    // CROSS JOIN fixes the loop order in SQLite: the (few) matching generations drive.
    from = `(SELECT DISTINCT g."runId" AS "runId" FROM "Generation" g WHERE ${gen.conds.join(" AND ")}) m ${pg ? "JOIN" : "CROSS JOIN"} "Run" r ON r."id" = m."runId"`;
    args.unshift(...gen.args);
  } else if (gen.conds.length > 0) {
    // Looked up per run through (runId, …): an index on provider or status here would read thousands of rows per run.
    where.push(`EXISTS (SELECT 1 FROM "Generation" g WHERE g."runId" = r."id" AND ${gen.conds.join(" AND ")})`);
    args.push(...gen.args);
  }

  const sql = [
    `SELECT r."id" AS "id" FROM ${from}`,
    where.length ? `WHERE ${where.join(" AND ")}` : "",
    `ORDER BY r."createdAt" DESC, r."id" DESC LIMIT ?`,
  ]
    .filter(Boolean)
    .join(" ");
  args.push(q.limit);
  return { sql: forEngine(sql, engine), args };
}
