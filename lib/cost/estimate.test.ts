/** Where an estimate comes from: our own reported costs (median, ≥ 5 matching runs), else the price table, else unknown. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { freshDatabaseUrl, testEngine } from "@/lib/db/test-database.test-helpers";

type Modules = { estimate: typeof import("./history"); runs: typeof import("@/lib/db/runs"); client: typeof import("@/lib/db/client") };
let m: Modules;
let dataDir: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sd3-estimate-"));
  vi.stubEnv("DATA_DIR", dataDir);
  vi.stubEnv("DATABASE_URL", await freshDatabaseUrl());
  vi.stubEnv("PROVIDER_EMULATOR", "off");
  vi.resetModules();
  const [estimate, runs, client] = await Promise.all([import("./history"), import("@/lib/db/runs"), import("@/lib/db/client")]);
  m = { estimate, runs, client };
});

afterAll(async () => {
  await (await m.client.db()).$disconnect();
  fs.rmSync(dataDir, { recursive: true, force: true });
  vi.unstubAllEnvs();
});

beforeEach(async () => {
  const db = await m.client.db();
  await db.generation.deleteMany({});
  await db.run.deleteMany({});
});

const SEGMIND = { provider: "segmind", model: "stable-diffusion-3.5-large-txt2img" };
const input = (over: Record<string, unknown> = {}) => ({ prompt: "p", aspect_ratio: "custom", width: 1024, height: 1024, batch_size: 1, steps: 30, ...over });

/** Past runs that ended, with what the provider reported (cost in `unit`, per request). */
async function history(costs: number[], opts: { input?: Record<string, unknown>; unit?: string; emulated?: boolean; status?: string } = {}) {
  const db = await m.client.db();
  for (const cost of costs) {
    const { generationIds } = await m.runs.createRun({ kind: "single", prompt: "p", targets: [{ ...SEGMIND, prompt: "p", input: opts.input ?? input() }] });
    await db.generation.update({
      where: { id: generationIds[0]! },
      data: { status: opts.status ?? "succeeded", cost, costUnit: opts.unit ?? "usd", emulated: opts.emulated ?? false },
    });
  }
}

describe(`estimate on ${testEngine}`, () => {
  it("uses the price table, dated and sourced, until five matching runs reported a cost", async () => {
    await history([0.02, 0.02, 0.02, 0.02]);
    const e = await m.estimate.estimate([{ ...SEGMIND, input: input({ batch_size: 2 }) }]);
    expect(e.items[0]).toMatchObject({ source: "table", images: 2, basis: expect.stringMatching(/^price table, 2026-11: Segmind model page/) });
    expect(e.usd).toBeCloseTo(0.028);
  });

  it("takes the median of our own reported costs per image once there are five, and says how many", async () => {
    await history([0.01, 0.03, 0.02, 0.5, 0.02]);
    // One run of two images reported 0.04: 0.02 per image.
    await history([0.04], { input: input({ batch_size: 2 }) });
    const e = await m.estimate.estimate([{ ...SEGMIND, input: input({ batch_size: 3 }) }]);
    expect(e.items[0]).toMatchObject({ source: "history", basis: "history of 6 runs", images: 3 });
    expect(e.usd).toBeCloseTo(0.06);
  });

  it("counts only runs with the same size and steps, never emulated or failed ones", async () => {
    await history([0.05, 0.05, 0.05], { input: input({ steps: 40 }) });
    await history([0.05, 0.05, 0.05], { input: input({ width: 512 }) });
    await history([0.05, 0.05, 0.05], { emulated: true });
    await history([0.05, 0.05, 0.05], { status: "failed" });
    await history([0.02, 0.02]);
    const e = await m.estimate.estimate([{ ...SEGMIND, input: input() }]);
    expect(e.items[0]?.source).toBe("table");
    await history([0.02, 0.02, 0.02]);
    expect((await m.estimate.estimate([{ ...SEGMIND, input: input() }])).items[0]).toMatchObject({ source: "history", usd: 0.02 });
    expect((await m.estimate.estimate([{ ...SEGMIND, input: input({ steps: 40 }) }])).items[0]?.source).toBe("table");
  });

  it("converts credits to dollars", async () => {
    const aiml = { provider: "aimlapi", model: "stable-diffusion-v35-large" };
    const db = await m.client.db();
    for (let i = 0; i < 5; i++) {
      const { generationIds } = await m.runs.createRun({ kind: "single", prompt: "p", targets: [{ ...aiml, prompt: "p", input: { prompt: "p" } }] });
      await db.generation.update({ where: { id: generationIds[0]! }, data: { status: "succeeded", cost: 100_000, costUnit: "credits" } });
    }
    const e = await m.estimate.estimate([{ ...aiml, input: { prompt: "p" } }]);
    expect(e.items[0]).toMatchObject({ source: "history" });
    expect(e.usd).toBeCloseTo(0.05);
  });

  it("says unknown when neither our history nor the table knows the model, and leaves it out of the total", async () => {
    const e = await m.estimate.estimate([
      { provider: "segmind", model: "not-a-model", input: {} },
      { ...SEGMIND, input: input() },
    ]);
    expect(e.items[0]).toMatchObject({ source: "unknown", usd: null });
    expect(e).toMatchObject({ unknown: 1 });
    expect(e.usd).toBeCloseTo(0.014);
  });
});

describe(`a suite's live estimate on ${testEngine}`, () => {
  it("is priced by the server from our history, the figure its run's confirmation quotes, not the price table's", async () => {
    const [{ previewSuiteRun, withPrices }, { planSuiteRun }, { estimateRequest }] = await Promise.all([
      import("@/lib/suites/preview"),
      import("@/lib/suites/plan"),
      import("./request"),
    ]);
    const prompts = [{ text: "a lamp", category: null }, { text: "a kite", category: null }, { text: "a bell", category: null }];
    const shared = { size: "1:1" as const, seed: 3 };
    const targets = [{ ...SEGMIND, overrides: {} }];
    const local = previewSuiteRun(prompts, shared, targets, 100);
    await history([0.05, 0.05, 0.05, 0.05, 0.05], { input: local.requests[0]!.input });

    // What the page shows once /api/estimate answers, and what starting the run asks to confirm (start-suite-run).
    const live = withPrices(local, await estimateRequest({ targets: local.requests }), prompts.length);
    const plan = planSuiteRun(prompts, shared, targets);
    if (!plan.ok) throw new Error("the suite should plan");
    const confirmation = await m.estimate.estimate(plan.cells);

    expect(live.usd).toBeCloseTo(confirmation.usd);
    expect(live.usd).toBeCloseTo(0.15);
    expect(live.targets[0]).toMatchObject({ usdPerPrompt: 0.05, basis: "history of 5 runs" });
    expect(local.usd).not.toBeCloseTo(live.usd);
    expect(local.targets[0]!.basis).toMatch(/^price table/);

    // An answer still on its way for the targets picked before (one swapped for another) prices nothing.
    const swapped = previewSuiteRun(prompts, shared, [{ provider: "aimlapi", model: "stable-diffusion-v35-large", overrides: {} }], 100);
    expect(withPrices(swapped, await estimateRequest({ targets: local.requests }), prompts.length)).toEqual(swapped);
  });
});

describe(`a failed attempt's card on ${testEngine}`, () => {
  it("shows the estimate the budgets count for it, from our history, not the price table's figure", async () => {
    const [{ claimNext }, { failGeneration }, { getGeneration }, { costLine, imagesRequestedBy }, { listPrice }] = await Promise.all([
      import("@/lib/db/claim"),
      import("@/lib/db/queue"),
      import("@/lib/db/generations"),
      import("@/lib/results/cost-line"),
      import("@/lib/results/pricing"),
    ]);
    await history([0.05, 0.05, 0.05, 0.05, 0.05]);
    const { generationIds } = await m.runs.createRun({ kind: "single", prompt: "p", targets: [{ ...SEGMIND, prompt: "p", input: input() }] });
    const claimed = await claimNext("w", [], 60_000);
    expect(claimed?.id).toBe(generationIds[0]);
    await failGeneration({ id: claimed!.id, workerId: "w", attempt: claimed!.attempts }, { code: "timeout", message: "Segmind did not answer in time.", billed: true });

    const g = (await getGeneration(generationIds[0]!))!;
    expect(g).toMatchObject({ status: "failed", notBilled: false, countedUsd: 0.05 });
    const list = listPrice(SEGMIND.provider, SEGMIND.model)!;
    expect(costLine(g, list, imagesRequestedBy(g, undefined))!.text).toBe("$0.050 est. — may have been billed");
    expect(list.usdPerImage).not.toBeCloseTo(0.05);
  });
});

