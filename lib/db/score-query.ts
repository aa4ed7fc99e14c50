import "server-only";
import { allTargets } from "@/lib/providers";
import { bucketSql } from "@/lib/scores/buckets";
import { scoreRange, type ScoreFilters } from "@/lib/scores/filters";
import type { Engine } from "./engine";
import { forEngine, toDbTime } from "./run-query";

/**
 * The scorecard's SQL: four grouped queries over one filtered set of finished generations, written once for SQLite
 * and Postgres. Every figure is a GROUP BY, so the page reads a few hundred rows whatever the history holds. Pure, so
 * the SQL can be unit-tested; lib/db/scores.ts runs it.
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

/** `WITH f AS (…)`: the finished generations the filters select, with the columns every query needs. */
function filtered(f: ScoreFilters, engine: Engine, now: number): ScoreSql {
  const pg = engine === "postgres";
  const where = [`g."status" IN ('succeeded', 'failed')`, `g."emulated" = ${pg ? "true" : "1"}`];
  if (f.source === "live") where[1] = `g."emulated" = ${pg ? "false" : "0"}`;
  const args: (string | number)[] = [];
  const time = pg ? "CAST(? AS timestamp(3))" : "?";
  const { start, end } = scoreRange(f, now);
  if (start) {
    where.push(`g."createdAt" >= ${time}`);
    args.push(toDbTime(start));
  }
  if (end) {
    where.push(`g."createdAt" < ${time}`);
    args.push(toDbTime(end));
  }
  if (f.family) {
    // The family's targets come from the registry: the database stores provider and model ids only.
    const targets = allTargets().filter((t) => t.model.family === f.family);
    if (targets.length === 0) where.push("1 = 0");
    else where.push(`(${targets.map(() => `(g."provider" = ? AND g."model" = ?)`).join(" OR ")})`);
    for (const t of targets) args.push(t.provider.id, t.model.id);
  }
  if (f.steps !== undefined) {
    // Providers name the field `num_inference_steps` or `steps`; read from the validated input as stored.
    const read = (key: string) => (pg ? `(g."input"::jsonb ->> '${key}')` : `CAST(json_extract(g."input", '$.${key}') AS TEXT)`);
    where.push(`COALESCE(${read("num_inference_steps")}, ${read("steps")}) = ?`);
    args.push(String(f.steps));
  }
  if (f.size) {
    // The size delivered: what the image really measures, whatever each provider calls the parameter.
    const [w, h] = f.size.split("x").map(Number) as [number, number];
    where.push(`EXISTS (SELECT 1 FROM "Image" i WHERE i."generationId" = g."id" AND i."width" = ? AND i."height" = ?)`);
    args.push(w, h);
  }
  const day = timeGrain(f, now) === "month" ? 7 : 10;
  const period = pg ? `to_char(g."createdAt", '${day === 7 ? "YYYY-MM" : "YYYY-MM-DD"}')` : `substr(g."createdAt", 1, ${day})`;
  const sql = `WITH f AS (SELECT g."provider" AS "provider", g."model" AS "model", g."runId" AS "runId", g."status" AS "status",
 g."errorCode" AS "errorCode", g."cost" AS "cost", g."costUnit" AS "costUnit", ${period} AS "period",
 g."waitMs" AS "waitMs", g."providerMs" AS "providerMs", g."downloadMs" AS "downloadMs",
 COALESCE(g."waitMs", 0) + COALESCE(g."providerMs", 0) + COALESCE(g."downloadMs", 0) AS "totalMs", g."id" AS "id"
 FROM "Generation" g WHERE ${where.join(" AND ")})`;
  return { sql, args };
}

export interface ScoreQueries {
  outcomes: ScoreSql;
  runs: ScoreSql;
  latency: ScoreSql;
  series: ScoreSql;
}

export function buildScoreQueries(f: ScoreFilters, engine: Engine = "sqlite", now = Date.now()): ScoreQueries {
  const base = filtered(f, engine, now);
  const q = (select: string): ScoreSql => ({ sql: forEngine(`${base.sql} ${select}`, engine), args: [...base.args] });
  const latencyPart = (part: string, column: string) =>
    `SELECT "provider", "model", '${part}' AS "part", ${bucketSql(column)} AS "bucket", count(*) AS "n" FROM f WHERE "status" = 'succeeded' AND ${column} IS NOT NULL GROUP BY "provider", "model", 4`;
  return {
    outcomes: q(
      // Images are counted here only: the other queries read the same CTE and need no per-row lookup.
      `SELECT "provider", "model", "status", "errorCode", "costUnit", count(*) AS "n", sum("cost") AS "cost", sum(CASE WHEN "status" = 'succeeded' THEN (SELECT count(*) FROM "Image" i WHERE i."generationId" = f."id") ELSE 0 END) AS "images" FROM f GROUP BY "provider", "model", "status", "errorCode", "costUnit"`,
    ),
    runs: q(`SELECT "provider", "model", count(DISTINCT "runId") AS "runs" FROM f GROUP BY "provider", "model"`),
    latency: q(
      [latencyPart("total", `"totalMs"`), latencyPart("wait", `"waitMs"`), latencyPart("provider", `"providerMs"`), latencyPart("download", `"downloadMs"`)].join(" UNION ALL "),
    ),
    series: q(
      `SELECT "provider", "model", "period", "status", CASE WHEN "status" = 'succeeded' THEN ${bucketSql(`"totalMs"`)} END AS "bucket", count(*) AS "n" FROM f GROUP BY "provider", "model", "period", "status", 5`,
    ),
  };
}
