import "server-only";
import { allTargets } from "@/lib/providers";
import { megapixelPricedProviders } from "@/lib/results/pricing";
import { bucketSql } from "@/lib/scores/buckets";
import { scoreRange, type ScoreFilters } from "@/lib/scores/filters";
import type { Engine } from "./engine";
import { forEngine, toDbTime } from "./run-query";

/**
 * The scorecard's SQL: three grouped queries over one filtered set of finished generations, written once for SQLite
 * and Postgres. Every figure is a GROUP BY, so the page reads a few hundred rows whatever the history holds. Pure, so
 * the SQL can be unit-tested; lib/db/scores.ts runs it. A retry resets its generation to queued: the failed attempts
 * it replaced are read from `RetiredAttempt` (one more grouped query, filtered alike), so retrying never tidies the
 * evidence.
 *
 * Each query reads `Generation` directly (no CTE) through the scorecard index (`Generation_scores_idx`, which holds
 * every column read here), so the table itself is never visited; SQLite is told to (INDEXED BY), as without
 * statistics it prefers the (status, createdAt) index and a visit per row. On SQLite a statement that begins with
 * SELECT also goes to the read connection instead of queueing behind writes (lib/db/sqlite.ts). `RetiredAttempt` is
 * read the same way, through `RetiredAttempt_scores_idx`.
 */

export interface ScoreSql {
  sql: string;
  args: (string | number)[];
}

/** Days, or months once the range is long enough that days would be too many points for a chart. */
export function timeGrain(f: ScoreFilters, now = Date.now()): "day" | "month" {
  const { start, end } = scoreRange(f, now);
  if (!start) return "month";
  return ((end?.getTime() ?? now) - start.getTime()) / 86_400_000 > 120 ? "month" : "day";
}

/**
 * Failures that say nothing about the provider: the person cancelled it, it had no key to be sent with, our server
 * lost it when it stopped mid-request (interrupted) or it failed on a bug of ours (internal).
 */
const notTheProvider = `('canceled', 'not_configured', 'interrupted', 'internal')`;

/**
 * The WHERE clause selecting what the filters cover, of `f.source` or of both: the finished generations (alias `g`),
 * or the failed attempts of retried ones (`RetiredAttempt`, alias `a`), counted as they were before the retry.
 */
function filtered(f: ScoreFilters, engine: Engine, now: number, sources: "one" | "both" = "one", of: "generations" | "attempts" = "generations"): ScoreSql {
  const pg = engine === "postgres";
  const alias = of === "generations" ? "g" : "a";
  const where = [`(${alias}."errorCode" IS NULL OR ${alias}."errorCode" NOT IN ${notTheProvider})`];
  if (of === "generations") where.unshift(`g."status" IN ('succeeded', 'failed')`);
  if (sources === "one") where.unshift(`${alias}."emulated" = ${f.source === "live" ? (pg ? "false" : "0") : pg ? "true" : "1"}`);
  const args: (string | number)[] = [];
  const time = pg ? "CAST(? AS timestamp(3))" : "?";
  const { start, end } = scoreRange(f, now);
  if (start) {
    where.push(`${alias}."createdAt" >= ${time}`);
    args.push(toDbTime(start));
  }
  if (end) {
    where.push(`${alias}."createdAt" < ${time}`);
    args.push(toDbTime(end));
  }
  if (f.family) {
    // The family's targets come from the registry: the database stores provider and model ids only.
    const targets = allTargets().filter((t) => t.model.family === f.family);
    if (targets.length === 0) where.push("1 = 0");
    else where.push(`(${targets.map(() => `(${alias}."provider" = ? AND ${alias}."model" = ?)`).join(" OR ")})`);
    for (const t of targets) args.push(t.provider.id, t.model.id);
  }
  if (f.steps !== undefined) {
    // Providers name the field `num_inference_steps` or `steps`; read from the validated input as stored (a retry
    // sends the same input, so an attempt's is its generation's).
    const read = (key: string) => (pg ? `(g."input"::jsonb ->> '${key}')` : `CAST(json_extract(g."input", '$.${key}') AS TEXT)`);
    const steps = `COALESCE(${read("num_inference_steps")}, ${read("steps")}) = ?`;
    where.push(of === "generations" ? steps : `EXISTS (SELECT 1 FROM "Generation" g WHERE g."id" = a."generationId" AND ${steps})`);
    args.push(String(f.steps));
  }
  if (f.size) {
    // The size delivered: what the image really measures, whatever each provider calls the parameter. A failed
    // attempt delivered none, as a failed generation did not.
    const [w, h] = f.size.split("x").map(Number) as [number, number];
    if (of === "generations") {
      where.push(`EXISTS (SELECT 1 FROM "Image" i WHERE i."generationId" = g."id" AND i."width" = ? AND i."height" = ?)`);
      args.push(w, h);
    } else where.push("1 = 0");
  }
  return { sql: where.join(" AND "), args };
}

export interface ScoreQueries {
  /**
   * One row per target, period and outcome (status, error code, cost unit): generations, summed cost, images, and
   * the total-latency histogram of its successes as "bucket:count,…" text. Outcomes, the time series, percentiles
   * and the distribution chart all come from these rows, so the history is read once for them.
   */
  cells: ScoreSql;
  /**
   * The failed attempts of retried generations, as rows like `cells` (failures only): a retry resets its generation,
   * and the attempts it replaced still count, for their own target, cause, dollars and time.
   */
  attempts: ScoreSql;
  /** Distinct runs per target, the runs of failed attempts included. */
  runs: ScoreSql;
  /**
   * What the other queries would read, in one cheap pass: finished generations of either source and the latest
   * update among them. Unchanged, so is the scorecard (lib/db/score-cache.ts).
   */
  stamp: ScoreSql;
  /** Histograms of the latency parts of successes, per target, as text like `cells` (wait, providerPart, download). */
  parts: ScoreSql;
}

const generations = (engine: Engine) => `"Generation" g${engine === "sqlite" ? ` INDEXED BY "Generation_scores_idx"` : ""}`;
/** The failed attempts, read from their own covering index (`RetiredAttempt_scores_idx`) likewise. */
const attempts = (engine: Engine) => `"RetiredAttempt" a${engine === "sqlite" ? ` INDEXED BY "RetiredAttempt_scores_idx"` : ""}`;

/** A row's period (day or month) as text, from its `createdAt` column. */
function periodOf(f: ScoreFilters, engine: Engine, now: number, createdAt: string): string {
  const monthly = timeGrain(f, now) === "month";
  return engine === "postgres" ? `to_char(${createdAt}, '${monthly ? "YYYY-MM" : "YYYY-MM-DD"}')` : `substr(${createdAt}, 1, ${monthly ? 7 : 10})`;
}

/**
 * The total latency a generation took: its parts, a missing wait or download counting as nothing. One whose provider
 * time is not known (collected on a person's Retry, lib/db/dto.ts COLLECTING) has no total, and is left out.
 */
const totalMs = `COALESCE(g."waitMs", 0) + COALESCE(g."providerMs", 0) + COALESCE(g."downloadMs", 0)`;

/** `"bucket:count,…"` of a grouped subquery's `bucket` and `n` columns (`bucket` null: left out). */
const histogramText = (engine: Engine, bucket: string) =>
  engine === "postgres" ? `string_agg(${bucket} || ':' || "n", ',')` : `group_concat(${bucket} || ':' || "n", ',')`;

function cellsSql(f: ScoreFilters, engine: Engine, now: number, where: string): string {
  // A provider priced per megapixel (fal) is estimated from the pixels it delivered, as its result cards are; only
  // its images are read for their size.
  const mp = megapixelPricedProviders();
  const perMegapixel = mp.length ? `g."provider" IN (${mp.map((p) => `'${p}'`).join(", ")})` : "1 = 0";
  const period = periodOf(f, engine, now, `g."createdAt"`);
  // Grouped by bucket first (a few thousand groups at most), then folded to one row per outcome and period with the
  // buckets as text: ten times fewer rows for the driver to convert, which is most of what a row costs.
  const inner = `SELECT g."provider" AS "provider", g."model" AS "model", ${period} AS "period", g."status" AS "status",
 g."errorCode" AS "errorCode", g."costUnit" AS "costUnit", CASE WHEN g."status" = 'succeeded' AND g."providerMs" IS NOT NULL THEN ${bucketSql(`(${totalMs})`)} END AS "bucket",
 count(*) AS "n", sum(g."cost") AS "cost",
 sum(CASE WHEN g."status" = 'succeeded' THEN (SELECT count(*) FROM "Image" i WHERE i."generationId" = g."id") ELSE 0 END) AS "images",
 sum(CASE WHEN g."status" = 'failed' THEN g."reservedUsd" ELSE 0 END) AS "failedUsd",
 sum(CASE WHEN g."status" = 'succeeded' AND ${perMegapixel} THEN (SELECT sum(i."width" * i."height") FROM "Image" i WHERE i."generationId" = g."id") ELSE 0 END) AS "pixels"
 FROM ${generations(engine)} WHERE ${where} GROUP BY 1, 2, 3, 4, 5, 6, 7`;
  return `SELECT "provider", "model", "period", "status", "errorCode", "costUnit", sum("n") AS "n", sum("cost") AS "cost",
 sum("images") AS "images", sum("failedUsd") AS "failedUsd", sum("pixels") AS "pixels", ${histogramText(engine, `"bucket"`)} AS "histogram" FROM (${inner}) c GROUP BY 1, 2, 3, 4, 5, 6`;
}

/** The failed attempts as `cells` rows: failures with the dollars they counted, and no images or latency. */
function attemptsSql(f: ScoreFilters, engine: Engine, now: number, where: string): string {
  return `SELECT a."provider" AS "provider", a."model" AS "model", ${periodOf(f, engine, now, `a."createdAt"`)} AS "period", 'failed' AS "status",
 a."errorCode" AS "errorCode", NULL AS "costUnit", count(*) AS "n", NULL AS "cost", 0 AS "images", sum(a."usd") AS "failedUsd", 0 AS "pixels",
 NULL AS "histogram" FROM ${attempts(engine)} WHERE ${where} GROUP BY 1, 2, 3, 5`;
}

/**
 * Distinct runs per target: of the finished generations, and of the failed attempts, which count as they were (a
 * retried generation still queued has no finished row, and its earlier attempt still ran in its run).
 */
function runsSql(engine: Engine, where: string, triedWhere: string): string {
  return `SELECT u."provider" AS "provider", u."model" AS "model", count(DISTINCT u."runId") AS "runs" FROM (
 SELECT g."provider" AS "provider", g."model" AS "model", g."runId" AS "runId" FROM ${generations(engine)} WHERE ${where}
 UNION ALL SELECT a."provider", a."model", (SELECT r."runId" FROM "Generation" r WHERE r."id" = a."generationId") FROM ${attempts(engine)} WHERE ${triedWhere}
 ) u GROUP BY 1, 2`;
}

/** The three parts' histograms in one pass: grouped by all three buckets, then each folded to text per target. */
function partsSql(engine: Engine, where: string): string {
  // bucketSql puts NULL in the last bucket: a part that was never measured is left out instead.
  const bucket = (column: string) => `CASE WHEN ${column} IS NOT NULL THEN ${bucketSql(column)} END`;
  const inner = `SELECT g."provider" AS "provider", g."model" AS "model", ${bucket(`g."waitMs"`)} AS "w", ${bucket(`g."providerMs"`)} AS "p",
 ${bucket(`g."downloadMs"`)} AS "d", count(*) AS "n" FROM ${generations(engine)} WHERE ${where} AND g."status" = 'succeeded' GROUP BY 1, 2, 3, 4, 5`;
  return `SELECT c."provider" AS "provider", c."model" AS "model", ${histogramText(engine, `c."w"`)} AS "wait",
 ${histogramText(engine, `c."p"`)} AS "providerPart", ${histogramText(engine, `c."d"`)} AS "download" FROM (${inner}) c GROUP BY 1, 2`;
}

function stampSql(f: ScoreFilters, engine: Engine, now: number): ScoreSql {
  const both = filtered(f, engine, now, "both");
  const tried = filtered(f, engine, now, "both", "attempts");
  const sql = `SELECT count(*) AS "n", sum(CASE WHEN g."emulated" THEN 1 ELSE 0 END) AS "emulated", max(g."updatedAt") AS "updated",
 (SELECT count(*) FROM ${attempts(engine)} WHERE ${tried.sql}) AS "attempts" FROM ${generations(engine)} WHERE ${both.sql}`;
  return { sql: forEngine(sql, engine), args: [...tried.args, ...both.args] };
}

export function buildScoreQueries(f: ScoreFilters, engine: Engine = "sqlite", now = Date.now()): ScoreQueries {
  const base = filtered(f, engine, now);
  const q = (sql: string): ScoreSql => ({ sql: forEngine(sql, engine), args: [...base.args] });
  const tried = filtered(f, engine, now, "one", "attempts");
  return {
    cells: q(cellsSql(f, engine, now, base.sql)),
    attempts: { sql: forEngine(attemptsSql(f, engine, now, tried.sql), engine), args: tried.args },
    runs: { sql: forEngine(runsSql(engine, base.sql, tried.sql), engine), args: [...base.args, ...tried.args] },
    parts: q(partsSql(engine, base.sql)),
    stamp: stampSql(f, engine, now),
  };
}
