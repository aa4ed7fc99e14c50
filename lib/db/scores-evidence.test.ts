/** The scorecard's cost per image against a real (temporary) database: priced like the result cards price them. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { freshDatabaseUrl } from "./test-database.test-helpers";

type Modules = { scores: typeof import("./scores"); client: typeof import("./client"); filters: typeof import("@/lib/scores/filters"); pricing: typeof import("@/lib/results/pricing") };
let m: Modules;
let dataDir: string;
const NOW = Date.parse("2026-11-30T12:00:00Z");
const at = new Date(NOW - 86_400_000);
const AIML = { provider: "aimlapi", model: "stable-diffusion-v35-large" };
const SEG = { provider: "segmind", model: "stable-diffusion-3.5-large-txt2img" };
const FAL = { provider: "fal", model: "fal-ai/stable-diffusion-v35-large" };

async function seed(g: { provider: string; model: string; status: "succeeded" | "failed"; size?: number; errorCode?: string; reservedUsd?: number }) {
  const client = await m.client.db();
  const runId = crypto.randomUUID();
  await client.run.create({ data: { id: runId, createdAt: at, kind: "single", prompt: "p", searchText: "p" } });
  const size = g.size ?? 1024;
  await client.generation.create({
    data: {
      id: crypto.randomUUID(), runId, createdAt: at, provider: g.provider, model: g.model, prompt: "p", status: g.status,
      input: JSON.stringify({ prompt: "p" }), waitMs: 0, providerMs: 2000, downloadMs: g.status === "succeeded" ? 100 : null,
      errorCode: g.errorCode ?? null, reservedUsd: g.reservedUsd ?? null,
      images: g.status === "succeeded" ? { create: { id: crypto.randomUUID(), index: 0, sha256: "x", file: "x.png", thumbFile: "t.webp", mime: "image/png", width: size, height: size, bytes: 1 } } : undefined,
    },
  });
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sd3-scores-cost-"));
  vi.stubEnv("DATA_DIR", dataDir);
  vi.stubEnv("DATABASE_URL", await freshDatabaseUrl());
  vi.resetModules();
  m = { scores: await import("./scores"), client: await import("./client"), filters: await import("@/lib/scores/filters"), pricing: await import("@/lib/results/pricing") };
  // fal bills per megapixel and reports nothing: two 1024×1024 images (1.048576 MP each).
  await seed({ ...FAL, status: "succeeded", size: 1024 });
  await seed({ ...FAL, status: "succeeded", size: 1024 });
  // Segmind: one image at its list price, and one request that timed out after it was sent (its estimate stands in
  // the budgets: it may have been billed).
  await seed({ ...SEG, status: "succeeded", reservedUsd: 0.014 });
  await seed({ ...SEG, status: "failed", errorCode: "timeout", reservedUsd: 0.014 });
  // AI/ML API: two images, and two generations our own server lost (it restarted mid-request; a bug of ours).
  await seed({ ...AIML, status: "succeeded" });
  await seed({ ...AIML, status: "succeeded" });
  await seed({ ...AIML, status: "failed", errorCode: "interrupted" });
  await seed({ ...AIML, status: "failed", errorCode: "internal" });
}, 60_000);

afterAll(async () => {
  if (m) await (await m.client.db()).$disconnect();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  vi.unstubAllEnvs();
});

describe("scorecard cost per image", () => {
  it("prices a per-megapixel provider by the size of the images it delivered, as the result card does", async () => {
    const card = await m.scores.getScorecard(m.filters.scoreFiltersSchema.parse({}), NOW);
    const fal = card.targets.find((t) => t.provider === "fal")!;
    const onCard = m.pricing.usdCost(FAL.provider, FAL.model, null, [{ width: 1024, height: 1024 }])!;
    expect(onCard.usd).toBeCloseTo(0.065 * 1.048576, 6);
    expect(fal.costBasis).toBe("estimated");
    expect(fal.usdPerImage).toBeCloseTo(onCard.usd, 6);
  });

  it("counts what failures may have been billed in the cost per delivered image, as the budgets do", async () => {
    const card = await m.scores.getScorecard(m.filters.scoreFiltersSchema.parse({}), NOW);
    const seg = card.targets.find((t) => t.provider === "segmind")!;
    // $0.028 spent (as the budget counts it) for one image.
    expect(seg.images).toBe(1);
    expect(seg.usdPerImage).toBeCloseTo(0.028, 6);
  });

  it("does not count our own server's failures (a restart mid-request, a bug of ours) against the provider", async () => {
    const card = await m.scores.getScorecard(m.filters.scoreFiltersSchema.parse({}), NOW);
    const aiml = card.targets.find((t) => t.provider === "aimlapi")!;
    expect(aiml).toMatchObject({ finished: 2, succeeded: 2, successRate: 1, failures: [] });
  });
});

describe("scorecard of retried failures", () => {
  const TURBO = { provider: "segmind", model: "stable-diffusion-3.5-turbo-txt2img" };
  const MEDIUM = { provider: "segmind", model: "stable-diffusion-3-medium-txt2img" };
  const picture = { sha256: "y", file: "y.png", thumbFile: "ty.webp", mime: "image/png", width: 1024, height: 1024, bytes: 1 };
  const live = () => m.filters.scoreFiltersSchema.parse({});
  const card = async (filters = live()) => (await m.scores.getScorecard(filters, Date.now())).targets;

  /** A generation of `target` submitted `ago` ms before now, queued with `reservedUsd` reserved. */
  async function queued(target: { provider: string; model: string }, opts: { ago?: number; reservedUsd?: number; emulated?: boolean; input?: object } = {}) {
    const client = await m.client.db();
    const runId = crypto.randomUUID();
    const id = crypto.randomUUID();
    const createdAt = new Date(Date.now() - (opts.ago ?? 3_600_000));
    await client.run.create({ data: { id: runId, createdAt, kind: "single", prompt: "p", searchText: "p" } });
    await client.generation.create({
      data: { id, runId, createdAt, ...target, prompt: "p", status: "queued", input: JSON.stringify(opts.input ?? { prompt: "p" }), reservedUsd: opts.reservedUsd ?? 0.01, emulated: opts.emulated ?? false },
    });
    return id;
  }
  const claim = async (id: string) => (await import("./queue.test-helpers")).claimForTest(id);
  const queue = () => import("./queue");
  const succeed = async (id: string, usd = 0.01) =>
    expect(await (await queue()).completeGeneration(await claim(id), { seed: "1", providerMs: 1000, downloadMs: 100, cost: { amount: usd, unit: "usd" }, warnings: [], images: [picture] })).toBe(true);

  it("keeps a failed attempt, with its cause and what it may have been billed, once it is retried and succeeds", async () => {
    const id = await queued(TURBO);
    const q = await queue();
    // Timed out after it was sent: the provider may bill it, so its estimate stands (as the budgets count it).
    await q.failGeneration(await claim(id), { code: "timeout", message: "no answer in time" });
    const before = (await card()).find((t) => t.model === TURBO.model)!;
    expect(before).toMatchObject({ finished: 1, succeeded: 0, failures: [{ cause: "timeout", count: 1 }] });
    expect(before.failedUsd).toBeCloseTo(0.01, 6);
    expect(await q.requeueGeneration(id)).toBe(true);
    await q.failGeneration(await claim(id), { code: "upstream", message: "HTTP 500", charged: { amount: 0, unit: "usd" } });
    expect(await q.requeueGeneration(id)).toBe(true);
    await succeed(id);
    const after = (await card()).find((t) => t.model === TURBO.model)!;
    expect(after).toMatchObject({ finished: 3, succeeded: 1, images: 1 });
    expect(after.successRate).toBeCloseTo(1 / 3, 6);
    expect(after.failures).toEqual(expect.arrayContaining([{ cause: "timeout", count: 1 }, { cause: "upstream", count: 1 }]));
    // The timed-out attempt may have been billed ($0.01), the HTTP 500 was not ($0), the image cost $0.01.
    expect(after.failedUsd).toBeCloseTo(0.01, 6);
    expect(after.usdPerImage).toBeCloseTo(0.02, 6);
    expect(after.series.reduce((n, p) => n + p.finished, 0)).toBe(3);
    // The budgets count the timed-out attempt once, and the retry's reported cost.
    const since = new Date(Date.now() - 2 * 3_600_000);
    const spend = await (await import("./spend")).spendSince({ day: since, month: since });
    expect(spend.month.segmind).toBeCloseTo(0.02, 6);
  });

  it("dates a failed attempt by when it was submitted, not by its retry", async () => {
    const id = await queued(MEDIUM, { ago: 40 * 86_400_000, input: { prompt: "p", num_inference_steps: 28 } });
    const q = await queue();
    await q.failGeneration(await claim(id), { code: "network", message: "x" });
    expect(await q.requeueGeneration(id)).toBe(true);
    await succeed(id);
    const month = (await card()).find((t) => t.model === MEDIUM.model)!;
    expect(month).toMatchObject({ finished: 1, succeeded: 1, failures: [] });
    const year = (await card(m.filters.scoreFiltersSchema.parse({ period: "1y" }))).find((t) => t.model === MEDIUM.model)!;
    expect(year).toMatchObject({ finished: 2, succeeded: 1, failures: [{ cause: "network", count: 1 }] });
    // Filtered as the generation is: by family and steps (its input), never by size (a failure delivered no image).
    const medium = (filters: object) => card(m.filters.scoreFiltersSchema.parse({ period: "1y", family: "sd3-medium", ...filters })).then((ts) => ts.find((t) => t.model === MEDIUM.model));
    expect(await medium({ steps: "28" })).toMatchObject({ finished: 2, succeeded: 1, failures: [{ cause: "network", count: 1 }] });
    expect(await medium({ steps: "30" })).toBeUndefined();
    expect(await medium({ size: "1024x1024" })).toMatchObject({ finished: 1, succeeded: 1, failures: [] });
  });
  it("leaves out retried failures it leaves out unretried (our own, cancelled) and counts emulated ones under emulated", async () => {
    const ours = await queued(MEDIUM, { ago: 2 * 86_400_000 });
    const q = await queue();
    await q.failGeneration(await claim(ours), { code: "internal", message: "bug" });
    expect(await q.requeueGeneration(ours)).toBe(true);
    await (await import("./cancel")).requestCancel({ generationIds: [ours] });
    expect(await q.requeueGeneration(ours)).toBe(true);
    await succeed(ours);
    const emulated = await queued({ provider: "segmind", model: "stable-diffusion-3.5-large-txt2img" }, { emulated: true, reservedUsd: 0 });
    await q.failGeneration(await claim(emulated), { code: "upstream", message: "HTTP 500" });
    expect(await q.requeueGeneration(emulated)).toBe(true);
    await succeed(emulated);
    const medium = (await card()).find((t) => t.model === MEDIUM.model)!;
    // Two successes in the last 30 days: the earlier test's retry, and this one.
    expect(medium).toMatchObject({ finished: 2, succeeded: 2, failures: [] });
    expect((await card()).find((t) => t.model === SEG.model)).toMatchObject({ finished: 2, failures: [{ cause: "timeout", count: 1 }] });
    const onEmulator = (await card(m.filters.scoreFiltersSchema.parse({ source: "emulated" }))).find((t) => t.model === SEG.model)!;
    expect(onEmulator).toMatchObject({ finished: 2, succeeded: 1, failures: [{ cause: "upstream", count: 1 }] });
  });

  it("counts a download-only retry's failure once and its charge once: the provider delivered and was paid once", async () => {
    const LARGE = { provider: "segmind", model: "stable-diffusion-3.5-large-txt2img" };
    const id = await queued(LARGE, { ago: 3 * 86_400_000 });
    const q = await queue();
    const recovery = { images: [{ kind: "url" as const, url: "https://example.com/a.png" }], warnings: [], providerMs: 1000 };
    await q.failGeneration(await claim(id), { code: "storage", message: "could not save", recovery, billed: true });
    const before = (await card()).find((t) => t.model === LARGE.model)!;
    expect(before.failures).toEqual(expect.arrayContaining([{ cause: "storage", count: 1 }]));
    expect(await q.requeueGeneration(id)).toBe(true);
    await succeed(id);
    const after = (await card()).find((t) => t.model === LARGE.model)!;
    // Seeded: one success and a timeout ($0.014); now a storage failure too, whose charge is the image's ($0.01).
    expect(after).toMatchObject({ finished: 4, succeeded: 2, images: 2 });
    expect(after.failures).toEqual(expect.arrayContaining([{ cause: "timeout", count: 1 }, { cause: "storage", count: 1 }]));
    expect(after.failedUsd).toBeCloseTo(0.014, 6);
  });

  it("counts the run of a failure whose retry is still queued: never a failure in 0 runs", async () => {
    const XL = { provider: "aimlapi", model: "stable-diffusion-v3-medium" };
    const id = await queued(XL, { ago: 5 * 86_400_000 });
    const q = await queue();
    await q.failGeneration(await claim(id), { code: "upstream", message: "HTTP 500", charged: { amount: 0, unit: "usd" } });
    expect(await q.requeueGeneration(id)).toBe(true);
    expect((await card()).find((t) => t.model === XL.model)).toMatchObject({ runs: 1, finished: 1, succeeded: 0, failures: [{ cause: "upstream", count: 1 }] });
    await succeed(id);
    expect((await card()).find((t) => t.model === XL.model)).toMatchObject({ runs: 1, finished: 2, succeeded: 1 });
  });

  it("forgets a deleted generation's earlier attempts along with it", async () => {
    const id = await queued(TURBO, { ago: 4 * 86_400_000 });
    const q = await queue();
    const before = (await card()).find((t) => t.model === TURBO.model)!;
    await q.failGeneration(await claim(id), { code: "rate_limited", message: "slow down", charged: { amount: 0, unit: "usd" } });
    expect(await q.requeueGeneration(id)).toBe(true);
    await q.failGeneration(await claim(id), { code: "rate_limited", message: "slow down", charged: { amount: 0, unit: "usd" } });
    expect((await card()).find((t) => t.model === TURBO.model)).toMatchObject({ finished: before.finished + 2 });
    expect(await (await import("./runs")).deleteGeneration(id)).toMatchObject({ runDeleted: true });
    expect((await card()).find((t) => t.model === TURBO.model)).toMatchObject({ finished: before.finished, failures: before.failures });
  });
});
