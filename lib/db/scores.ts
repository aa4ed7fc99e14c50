import "server-only";
import { targetLabel } from "@/lib/providers/labels";
import { listPrice, usdCost, type ImagesBilled } from "@/lib/results/pricing";
import { bucketRange, quantile } from "@/lib/scores/buckets";
import { describeRange, type ScoreFilters } from "@/lib/scores/filters";
import type { LatencyPart, ScorecardDTO, TargetPoint, TargetScore } from "@/lib/scores/types";
import { db, engine } from "./client";
import { ScoreCache, stampText } from "./score-cache";
import { buildScoreQueries, timeGrain, type ScoreQueries, type ScoreSql } from "./score-query";

/** The scorecard for `filters`: SQL does the counting and bucketing; here the groups become per-target figures. */

type Row = Record<string, unknown>;
const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const keyOf = (r: Row) => `${String(r.provider)}\u0000${String(r.model)}`;

interface Acc {
  provider: string;
  model: string;
  runs: number;
  finished: number;
  succeeded: number;
  failures: Map<string, number>;
  reportedUsd: number;
  reportedImages: number;
  estimatedUsd: number;
  estimatedImages: number;
  unpricedImages: number;
  /** What failed requests may have been billed (their reservation or reported charge, as the budgets count it). */
  failedUsd: number;
  hist: Record<LatencyPart, Map<number, number>>;
  series: Map<string, { finished: number; succeeded: number; hist: Map<number, number> }>;
}

function newAcc(r: Row): Acc {
  const hist = { total: new Map(), wait: new Map(), provider: new Map(), download: new Map() };
  return { provider: String(r.provider), model: String(r.model), runs: 0, finished: 0, succeeded: 0, failures: new Map(), reportedUsd: 0, reportedImages: 0, estimatedUsd: 0, estimatedImages: 0, unpricedImages: 0, failedUsd: 0, hist, series: new Map() };
}

function addOutcome(a: Acc, r: Row) {
  const n = num(r.n);
  a.finished += n;
  if (r.status !== "succeeded") {
    const cause = typeof r.errorCode === "string" && r.errorCode ? r.errorCode : "unknown";
    a.failures.set(cause, (a.failures.get(cause) ?? 0) + n);
    a.failedUsd += num(r.failedUsd);
    return;
  }
  a.succeeded += n;
  const images = num(r.images);
  const reported = typeof r.costUnit === "string" && r.cost !== null ? { amount: num(r.cost), unit: r.costUnit } : null;
  // Per megapixel (fal): the pixels delivered, as one image of that many pixels, price the group.
  const pixels = num(r.pixels);
  const billed: ImagesBilled = pixels > 0 && listPrice(a.provider, a.model)?.usdPerMegapixel !== undefined ? [{ width: pixels, height: 1 }] : images;
  const usd = usdCost(a.provider, a.model, reported, billed);
  if (usd && !usd.estimate) {
    a.reportedUsd += usd.usd;
    a.reportedImages += images;
  } else if (usd && images > 0) {
    a.estimatedUsd += usd.usd;
    a.estimatedImages += images;
  } else {
    a.unpricedImages += images;
  }
}

/** Most frequent cause first; equal counts by cause, not in whatever order the database grouped them. */
export const byCountThenCause = (x: { cause: string; count: number }, y: { cause: string; count: number }) =>
  y.count - x.count || (x.cause < y.cause ? -1 : x.cause > y.cause ? 1 : 0);

/**
 * Dollars per delivered image, counting what failures may have been billed (a request that timed out after it was
 * sent, an image paid for but lost): a provider that fails often costs more per image than its list price. That
 * part is mostly an estimate, so a reported cost with it reads "partly estimated".
 */
function costOf(a: Acc): Pick<TargetScore, "usdPerImage" | "costBasis" | "imagesPerDollar" | "failedUsd"> {
  const images = a.reportedImages + a.estimatedImages;
  const failedUsd = a.failedUsd;
  if (images === 0) return { usdPerImage: null, costBasis: null, imagesPerDollar: null, failedUsd };
  const usdPerImage = (a.reportedUsd + a.estimatedUsd + failedUsd) / images;
  const costBasis = a.estimatedImages === 0 && failedUsd === 0 ? "reported" : a.reportedImages === 0 ? "estimated" : "mixed";
  return { usdPerImage, costBasis, imagesPerDollar: usdPerImage > 0 ? 1 / usdPerImage : null, failedUsd };
}

function spreadOf(hist: Map<number, number>): TargetScore["spread"] {
  const qs = [0.05, 0.25, 0.5, 0.75, 0.95].map((q) => quantile(hist, q));
  return qs.every((q): q is number => q !== null) ? (qs as [number, number, number, number, number]) : null;
}

function toScore(a: Acc, sizeFiltered: boolean): TargetScore {
  const pct = (part: LatencyPart) => ({ p50: quantile(a.hist[part], 0.5), p95: quantile(a.hist[part], 0.95) });
  const series: TargetPoint[] = [...a.series.entries()]
    .sort(([x], [y]) => (x < y ? -1 : 1))
    .map(([period, s]) => ({ period, finished: s.finished, succeeded: s.succeeded, p50: quantile(s.hist, 0.5) }));
  return {
    provider: a.provider,
    model: a.model,
    label: targetLabel(a),
    runs: a.runs,
    finished: a.finished,
    succeeded: a.succeeded,
    successRate: sizeFiltered || a.finished === 0 ? null : a.succeeded / a.finished,
    failures: [...a.failures.entries()].map(([cause, count]) => ({ cause, count })).sort(byCountThenCause),
    latency: { total: pct("total"), wait: pct("wait"), provider: pct("provider"), download: pct("download") },
    spread: spreadOf(a.hist.total),
    histogram: [...a.hist.total.entries()].sort(([x], [y]) => x - y).map(([b, n]) => [...bucketRange(b), n] as [number, number, number]),
    images: a.reportedImages + a.estimatedImages + a.unpricedImages,
    ...costOf(a),
    series,
  };
}

/** "bucket:count,…" (a cell's histogram, see score-query.ts) added into `hist`. */
function addHistogram(hist: Map<number, number>, text: unknown) {
  if (typeof text !== "string" || !text) return;
  for (const pair of text.split(",")) {
    const [bucket, n] = pair.split(":").map(Number) as [number, number];
    hist.set(bucket, (hist.get(bucket) ?? 0) + n);
  }
}

/**
 * Cells (one per period and outcome) into the target's figures: outcomes summed over periods first, because a cost
 * estimate is priced per outcome group (see usdCost), then the series and the total-latency histogram.
 */
function addCells(accs: Map<string, Acc>, acc: (r: Row) => Acc, cells: Row[]) {
  const outcomes = new Map<string, Row>();
  for (const r of cells) {
    const key = JSON.stringify([r.provider, r.model, r.status, r.errorCode, r.costUnit]);
    const o = outcomes.get(key);
    if (!o) outcomes.set(key, { ...r, n: num(r.n), cost: r.cost === null ? null : num(r.cost), images: num(r.images), pixels: num(r.pixels), failedUsd: num(r.failedUsd) });
    else {
      o.n = num(o.n) + num(r.n);
      o.pixels = num(o.pixels) + num(r.pixels);
      o.failedUsd = num(o.failedUsd) + num(r.failedUsd);
      o.cost = o.cost === null && r.cost === null ? null : num(o.cost) + num(r.cost);
      o.images = num(o.images) + num(r.images);
    }
    const a = acc(r);
    const period = String(r.period);
    let s = a.series.get(period);
    if (!s) a.series.set(period, (s = { finished: 0, succeeded: 0, hist: new Map() }));
    s.finished += num(r.n);
    if (r.status !== "succeeded") continue;
    s.succeeded += num(r.n);
    addHistogram(s.hist, r.histogram);
  }
  for (const o of outcomes.values()) addOutcome(acc(o), o);
  for (const a of accs.values()) for (const s of a.series.values()) for (const [b, n] of s.hist) a.hist.total.set(b, (a.hist.total.get(b) ?? 0) + n);
}

type Figures = Pick<ScorecardDTO, "targets" | "otherSourceCount">;

/** Scorecards of the last few filter sets, reused while nothing they count has changed (see ScoreCache). */
const cache = new ScoreCache<Figures>(30_000, 32);

export async function getScorecard(filters: ScoreFilters, now = Date.now()): Promise<ScorecardDTO> {
  const client = await db();
  const eng = engine();
  const run = (q: ScoreSql) => client.$queryRawUnsafe<Row[]>(q.sql, ...q.args);
  const queries = buildScoreQueries(filters, eng, now);
  const grain = timeGrain(filters, now);
  const narrowed = Boolean(filters.family || filters.size || filters.steps !== undefined);
  const head = { source: filters.source, range: describeRange(filters), grain, narrowed };
  // The grain is part of the key: a range open at its end grows from days into months as time passes.
  const key = JSON.stringify([eng, filters, grain]);
  const stamp = stampText(await run(queries.stamp));
  const cached = cache.get(key, stamp, now);
  if (cached) return { ...head, ...cached };
  const figures = await computeFigures(filters, queries, buildScoreQueries(otherSource(filters), eng, now).runs, run);
  cache.set(key, stamp, figures, now);
  return { ...head, ...figures };
}

const otherSource = (f: ScoreFilters): ScoreFilters => ({ ...f, source: f.source === "live" ? "emulated" : "live" });

async function computeFigures(filters: ScoreFilters, queries: ScoreQueries, otherRunsSql: ScoreSql, run: (q: ScoreSql) => Promise<Row[]>): Promise<Figures> {
  const [cells, attempts, runs, parts, otherRuns] = await Promise.all([run(queries.cells), run(queries.attempts), run(queries.runs), run(queries.parts), run(otherRunsSql)]);
  const accs = new Map<string, Acc>();
  const acc = (r: Row) => {
    const key = keyOf(r);
    let a = accs.get(key);
    if (!a) accs.set(key, (a = newAcc(r)));
    return a;
  };
  // A retried generation's earlier failed attempts count beside it, as failures of their own cause and time.
  addCells(accs, acc, [...cells, ...attempts]);
  for (const r of runs) acc(r).runs = num(r.runs);
  for (const r of parts) {
    const a = acc(r);
    addHistogram(a.hist.wait, r.wait);
    addHistogram(a.hist.provider, r.providerPart);
    addHistogram(a.hist.download, r.download);
  }
  const targets = [...accs.values()].map((a) => toScore(a, Boolean(filters.size))).sort((x, y) => x.label.localeCompare(y.label));
  return { targets, otherSourceCount: otherRuns.reduce((s, r) => s + num(r.runs), 0) };
}
