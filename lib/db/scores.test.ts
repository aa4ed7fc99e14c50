/** The scorecard's grouped SQL against a real (temporary) database, on either engine. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { freshDatabaseUrl } from "./test-database.test-helpers";

type Modules = { scores: typeof import("./scores"); client: typeof import("./client"); filters: typeof import("@/lib/scores/filters"); csv: typeof import("@/lib/scores/csv") };
let m: Modules;
let dataDir: string;
const NOW = Date.parse("2026-11-30T12:00:00Z");
const day = (d: number, h = 10) => new Date(NOW - d * 86_400_000 + (h - 12) * 3_600_000);

interface Gen {
  provider: string;
  model: string;
  status: "succeeded" | "failed";
  at: Date;
  /** Null when not known (a job collected by its id on a person's Retry). */
  providerMs?: number | null;
  /** A success's download time; null when it was never measured. */
  downloadMs?: number | null;
  errorCode?: string;
  cost?: number;
  costUnit?: string;
  emulated?: boolean;
  steps?: number;
  width?: number;
}

async function seed(gens: Gen[]) {
  const client = await m.client.db();
  for (const [i, g] of gens.entries()) {
    const runId = crypto.randomUUID();
    await client.run.create({ data: { id: runId, createdAt: g.at, kind: "single", prompt: `p${i}`, searchText: `p${i}` } });
    await client.generation.create({
      data: {
        id: crypto.randomUUID(), runId, createdAt: g.at, provider: g.provider, model: g.model, prompt: `p${i}`, status: g.status,
        input: JSON.stringify({ prompt: `p${i}`, num_inference_steps: g.steps ?? 28 }), emulated: g.emulated ?? false,
        waitMs: 100, providerMs: g.providerMs === undefined ? 2000 : g.providerMs, downloadMs: g.status === "succeeded" ? (g.downloadMs === undefined ? 300 : g.downloadMs) : null,
        errorCode: g.errorCode ?? null, cost: g.cost ?? null, costUnit: g.costUnit ?? null,
        images: g.status === "succeeded" ? { create: { id: crypto.randomUUID(), index: 0, sha256: "x", file: "x.png", thumbFile: "t.webp", mime: "image/png", width: g.width ?? 1024, height: g.width ?? 1024, bytes: 1 } } : undefined,
      },
    });
  }
}

const AIML = { provider: "aimlapi", model: "stable-diffusion-v35-large" };
const SEG = { provider: "segmind", model: "stable-diffusion-3.5-large-txt2img" };

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sd3-scores-"));
  vi.stubEnv("DATA_DIR", dataDir);
  vi.stubEnv("DATABASE_URL", await freshDatabaseUrl());
  vi.resetModules();
  m = { scores: await import("./scores"), client: await import("./client"), filters: await import("@/lib/scores/filters"), csv: await import("@/lib/scores/csv") };
  await seed([
    // AI/ML: 8 successes at 1..8 s provider time, reported $0.05 each; 2 failures (one timeout, one upstream).
    ...Array.from({ length: 8 }, (_, i): Gen => ({ ...AIML, status: "succeeded", at: day(1 + (i % 3)), providerMs: (i + 1) * 1000, cost: 0.05, costUnit: "usd" })),
    { ...AIML, status: "failed", at: day(2), errorCode: "upstream" },
    { ...AIML, status: "failed", at: day(2), errorCode: "timeout" },
    // Cancelled by the person, or never sent for want of a key: not the provider's failures, not counted at all.
    { ...AIML, status: "failed", at: day(2), errorCode: "canceled" },
    { ...SEG, status: "failed", at: day(2), errorCode: "not_configured" },
    // Segmind: nothing reported, so its list price ($0.014) is the estimate; one at 20 steps and 512 px.
    { ...SEG, status: "succeeded", at: day(1), providerMs: 4000, downloadMs: null },
    { ...SEG, status: "succeeded", at: day(1), providerMs: 6000, steps: 20, width: 512 },
    // Outside the 30 days, and emulated: never in the live scorecard.
    { ...SEG, status: "failed", at: day(45), errorCode: "upstream" },
    { ...AIML, status: "succeeded", at: day(1), emulated: true },
  ]);
}, 60_000);

afterAll(async () => {
  if (m) await (await m.client.db()).$disconnect();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  vi.unstubAllEnvs();
});

const parse = (q: Record<string, string>) => m.filters.scoreFiltersSchema.parse(q);

describe("scorecard", () => {
  it("orders failures by count, then by cause: SQLite and Postgres group them in different orders", () => {
    const causes = [{ cause: "upstream", count: 1 }, { cause: "timeout", count: 2 }, { cause: "network", count: 1 }];
    expect(causes.sort(m.scores.byCountThenCause).map((f) => f.cause)).toEqual(["timeout", "network", "upstream"]);
  });

  it("counts runs, success and failures by cause, latency percentiles and cost per target", async () => {
    const card = await m.scores.getScorecard(parse({}), NOW);
    expect(card.targets.map((t) => t.provider)).toEqual(["aimlapi", "segmind"]);
    const [aiml, seg] = card.targets;
    expect(aiml).toMatchObject({ runs: 10, finished: 10, succeeded: 8, successRate: 0.8, images: 8, costBasis: "reported" });
    // Equal counts by cause, whatever order the database returns them in (SQLite and Postgres differ).
    expect(aiml!.failures).toEqual([{ cause: "timeout", count: 1 }, { cause: "upstream", count: 1 }]);
    expect(aiml!.usdPerImage).toBeCloseTo(0.05, 6);
    expect(aiml!.imagesPerDollar).toBeCloseTo(20, 6);
    // Total = 100 wait + provider + 300 download: 1.4 s … 8.4 s; the median sits at the 4th (4.4 s) within half a bucket.
    expect(Math.abs(aiml!.latency.total.p50! - 4400)).toBeLessThanOrEqual(125);
    expect(Math.abs(aiml!.latency.provider.p95! - 8000)).toBeLessThanOrEqual(125);
    expect(aiml!.latency.wait.p50).toBe(125);
    expect(seg).toMatchObject({ finished: 2, succeeded: 2, costBasis: "estimated" });
    expect(seg!.usdPerImage).toBeCloseTo(0.014, 6);
    expect(aiml!.series.map((p) => p.period)).toEqual(["2026-11-27", "2026-11-28", "2026-11-29"]);
    expect(aiml!.series.reduce((s, p) => s + p.finished, 0)).toBe(10);
  });

  it("reads each day's median and the distribution from the same successes", async () => {
    const [aiml] = (await m.scores.getScorecard(parse({}), NOW)).targets;
    // Totals per day: 3.4 and 6.4 s; 2.4, 5.4 and 8.4 s (and two failures); 1.4, 4.4 and 7.4 s. Medians at the
    // midpoint of their 250 ms bucket.
    expect(aiml!.series.map((p) => [p.period, p.finished, p.succeeded, p.p50])).toEqual([
      ["2026-11-27", 2, 2, 3375],
      ["2026-11-28", 5, 3, 5375],
      ["2026-11-29", 3, 3, 4375],
    ]);
    expect(aiml!.histogram.reduce((n, [, , count]) => n + count, 0)).toBe(8);
    expect(aiml!.histogram[0]).toEqual([1250, 1500, 1]);
    expect(aiml!.spread).toEqual([1375, 2375, 4375, 6375, 8375]);
  });

  it("leaves a latency part that was never measured out of its percentiles", async () => {
    const seg = (await m.scores.getScorecard(parse({}), NOW)).targets[1]!;
    // Two successes, one without a download time: the other's 300 ms is the whole download distribution.
    expect(seg.latency.download).toEqual({ p50: 325, p95: 325 });
    expect(seg.latency.total.p95).toBe(6375);
  });

  it("keeps emulated results apart from live ones", async () => {
    const live = await m.scores.getScorecard(parse({}), NOW);
    expect(live.targets.reduce((s, t) => s + t.finished, 0)).toBe(12);
    expect(live.otherSourceCount).toBe(1);
    const emulated = await m.scores.getScorecard(parse({ source: "emulated" }), NOW);
    expect(emulated.targets).toHaveLength(1);
    expect(emulated.targets[0]).toMatchObject({ provider: "aimlapi", finished: 1 });
  });

  it("filters by family, steps, size and period", async () => {
    const seg = (q: Record<string, string>) => m.scores.getScorecard(parse(q), NOW).then((c) => c.targets.map((t) => `${t.provider}:${t.finished}`));
    expect(await seg({ family: "sd3-medium" })).toEqual([]);
    // An empty scorecard says the filters left nothing (not that nothing ran).
    expect((await m.scores.getScorecard(parse({ family: "sd3-medium" }), NOW)).narrowed).toBe(true);
    expect((await m.scores.getScorecard(parse({ period: "all" }), NOW)).narrowed).toBe(false);
    expect(await seg({ steps: "20" })).toEqual(["segmind:1"]);
    const sized = await m.scores.getScorecard(parse({ size: "512x512" }), NOW);
    expect(sized.targets.map((t) => [t.provider, t.finished, t.successRate])).toEqual([["segmind", 1, null]]);
    expect(await seg({ period: "all" })).toEqual(["aimlapi:10", "segmind:3"]);
    expect(await seg({ from: "2026-11-29", to: "2026-11-29" })).toEqual(["aimlapi:3", "segmind:2"]);
  });

  it("exports the same figures as CSV", async () => {
    const csv = m.csv.scorecardCsv(await m.scores.getScorecard(parse({}), NOW));
    const [head, first] = csv.split("\r\n");
    expect(head).toMatch(/^provider,model,label,source,range,runs,finished,succeeded,success_rate/);
    expect(first).toContain("aimlapi,stable-diffusion-v35-large,");
    expect(first).toContain(",live,last 30 days,10,10,8,0.8,");
  });

  it("counts a result that arrives or leaves after a view at the next one", async () => {
    const aimlFinished = async () => (await m.scores.getScorecard(parse({}), NOW)).targets[0]!.finished;
    expect(await aimlFinished()).toBe(10);
    await seed([{ ...AIML, status: "succeeded", at: day(1), providerMs: 9999 }]);
    expect(await aimlFinished()).toBe(11);
    await (await m.client.db()).generation.deleteMany({ where: { providerMs: 9999 } });
    expect(await aimlFinished()).toBe(10);
  });

  it("shows a finished result changed in place at the next view", async () => {
    const client = await m.client.db();
    const failures = async () => (await m.scores.getScorecard(parse({}), NOW)).targets[0]!.failures.map((f) => f.cause).sort();
    expect(await failures()).toEqual(["timeout", "upstream"]);
    // Same count, same source and period: only the row's own update tells the scorecard it changed.
    const timedOut = await client.generation.findFirstOrThrow({ where: { errorCode: "timeout" } });
    await client.generation.update({ where: { id: timedOut.id }, data: { errorCode: "refused" } });
    expect(await failures()).toEqual(["refused", "upstream"]);
    await client.generation.update({ where: { id: timedOut.id }, data: { errorCode: "timeout" } });
    expect(await failures()).toEqual(["timeout", "upstream"]);
  });

  it("leaves a success whose provider time is not known (collected on a Retry) out of the latency, not out of the count", async () => {
    const seg = async () => (await m.scores.getScorecard(parse({}), NOW)).targets.find((t) => t.provider === "segmind")!;
    const before = await seg();
    await seed([{ ...SEG, status: "succeeded", at: day(1), providerMs: null }]);
    const after = await seg();
    expect(after.succeeded).toBe(before.succeeded + 1);
    expect(after.histogram).toEqual(before.histogram);
    expect(after.latency.total).toEqual(before.latency.total);
    const client = await m.client.db();
    await client.generation.deleteMany({ where: { provider: SEG.provider, providerMs: null } });
  });

  it("refuses unknown or malformed filters", () => {
    expect(m.filters.parseScoreFilters({ provider: "x" }).ok).toBe(false);
    expect(m.filters.parseScoreFilters({ size: "big" }).ok).toBe(false);
    expect(m.filters.parseScoreFilters({ source: "both" }).ok).toBe(false);
    // The page shows what it can read: one bad filter leaves the others in place.
    const partly = m.filters.parseScoreFilters({ family: "sd3.5-large", steps: "abc", period: "7d", provider: "x" });
    expect(partly).toMatchObject({ ok: false, filters: { family: "sd3.5-large", period: "7d" } });
    expect(partly.filters.steps).toBeUndefined();
    expect(!partly.ok && partly.error).toMatch(/Expected a whole number of steps/);
  });
});
