/**
 * Budgets on each engine (the `postgres` vitest project runs this file on Postgres too): the estimate is checked and
 * reserved when work is stored, reported costs replace it, emulated and unbilled work never count, day and month
 * begin in the configured time zone, and two processes racing for a cap that fits one cannot both pass.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { freshDatabaseUrl, testEngine } from "./test-database.test-helpers";

type Modules = {
  runs: typeof import("./runs");
  queue: typeof import("./queue");
  caps: typeof import("./budget-caps");
  budget: typeof import("./budget");
  helpers: typeof import("./queue.test-helpers");
  client: typeof import("./client");
  errors: typeof import("@/lib/budget/errors");
};
let m: Modules;
let dataDir: string;
let databaseUrl: string | undefined;

const childEnv = { PROVIDER_EMULATOR: "off", SEGMIND_API_KEY: "sg-test-key", FAL_KEY: "", BUDGET_TIME_ZONE: "Europe/Berlin" };

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sd3-budget-"));
  databaseUrl = await freshDatabaseUrl();
  vi.stubEnv("DATA_DIR", dataDir);
  vi.stubEnv("DATABASE_URL", databaseUrl);
  for (const [k, v] of Object.entries(childEnv)) vi.stubEnv(k, v);
  // The environment's cap is loose; the tests set stricter ones on the "settings page" (the stricter applies).
  vi.stubEnv("BUDGET_MONTHLY_USD", "100");
  vi.resetModules();
  const [runs, queue, caps, budget, helpers, client, errors] = await Promise.all([
    import("./runs"),
    import("./queue"),
    import("./budget-caps"),
    import("./budget"),
    import("./queue.test-helpers"),
    import("./client"),
    import("@/lib/budget/errors"),
  ]);
  m = { runs, queue, caps, budget, helpers, client, errors };
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
  await db.retiredSpend.deleteMany({});
  await m.caps.replaceBudgetCaps([]);
});

// Segmind SD3.5 Large: $0.014 an image in the price table.
const segmind = (n = 1) =>
  Array.from({ length: n }, () => ({ provider: "segmind", model: "stable-diffusion-3.5-large-txt2img", prompt: "p", input: { prompt: "p" } }));
const submit = (n = 1) => m.runs.createRun({ kind: "compare", prompt: "p", targets: segmind(n) });
const runCount = async () => (await m.client.db()).run.count();

describe(`budgets on ${testEngine}`, () => {
  it("refuses a submission over what is left before storing anything, naming the budget, what is left and the estimate", async () => {
    await m.caps.replaceBudgetCaps([{ scope: "total", period: "day", usd: 0.05 }]);
    await submit(3);
    const refused = await submit(1).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(m.errors.BudgetExceeded);
    expect((refused as Error).message).toBe(
      "Over budget: the daily budget is $0.050 and $0.0080 is left; this submission is estimated at $0.014. Nothing was sent.",
    );
    expect(await runCount()).toBe(1);
  });

  it("replaces a reservation by the reported cost, releases an unbilled failure, and keeps a billed one without a report", async () => {
    await m.caps.replaceBudgetCaps([{ scope: "segmind", period: "month", usd: 0.042 }]);
    const { generationIds: [a, b, c] } = await submit(3);
    await expect(submit(1)).rejects.toThrow(/Segmind's monthly budget is \$0.042 and \$0 is left/);
    const done = await m.queue.completeGeneration(await m.helpers.claimForTest(a!), {
      seed: "1", providerMs: 1, downloadMs: 1, cost: { amount: 0.004, unit: "usd" }, warnings: [], images: [],
    });
    expect(done).toBe(true);
    await m.queue.failGeneration(await m.helpers.claimForTest(b!), { code: "upstream", message: "HTTP 500" });
    // A storage failure after the provider answered was paid for: without a report, the estimate stands for it.
    await m.queue.failGeneration(await m.helpers.claimForTest(c!), {
      code: "storage", message: "disk full", recovery: { images: [{ kind: "url", url: "http://x/1.png" }], warnings: [], providerMs: 1 },
    });
    const rows = await (await m.client.db()).generation.findMany({ orderBy: { position: "asc" }, select: { reservedUsd: true } });
    expect(rows.map((r) => r.reservedUsd)).toEqual([0.004, 0, 0.014]);
    // 0.042 − 0.018 spent leaves room for one more, not two.
    await submit(1);
    await expect(submit(1)).rejects.toThrow(m.errors.BudgetExceeded);
  });

  it("keeps the estimate of a request that timed out after it was sent (the provider may have billed it)", async () => {
    await m.caps.replaceBudgetCaps([{ scope: "segmind", period: "month", usd: 0.028 }]);
    const { generationIds: [a] } = await submit(1);
    await m.queue.failGeneration(await m.helpers.claimForTest(a!), { code: "timeout", message: "Segmind did not answer within 120 s." });
    const row = await (await m.client.db()).generation.findUniqueOrThrow({ where: { id: a! }, select: { reservedUsd: true } });
    expect(row.reservedUsd).toBe(0.014);
    await submit(1);
    await expect(submit(1)).rejects.toThrow(m.errors.BudgetExceeded);
  });

  it("keeps counting what deleted gallery items spent", async () => {
    await m.caps.replaceBudgetCaps([{ scope: "total", period: "day", usd: 0.042 }]);
    const charged = await submit(1);
    await m.queue.completeGeneration(await m.helpers.claimForTest(charged.generationIds[0]!), {
      seed: "1", providerMs: 1, downloadMs: 1, cost: { amount: 0.014, unit: "usd" }, warnings: [], images: [],
    });
    // Interrupted mid-call: it may have been billed, so its estimate stands.
    const interrupted = await submit(1);
    await m.queue.updateRunning(await m.helpers.claimForTest(interrupted.generationIds[0]!), { sent: { prompt: "p" }, phase: "generating" });
    await (await import("./recovery")).recoverExpired([], new Date(Date.now() + 120_000));
    // Cancelled before it was sent: nothing billed, nothing counted.
    const cancelled = await submit(1);
    await (await import("./cancel")).requestCancel({ runId: cancelled.runId });
    await m.runs.deleteRuns([charged.runId, interrupted.runId, cancelled.runId]);
    expect(await runCount()).toBe(0);
    await submit(1);
    await expect(submit(1)).rejects.toThrow(/the daily budget is \$0.042 and \$0 is left/);
  });

  it("never counts emulated work", async () => {
    await m.caps.replaceBudgetCaps([{ scope: "total", period: "day", usd: 0.014 }]);
    const { generationIds } = await submit(1);
    await (await m.client.db()).generation.update({ where: { id: generationIds[0]! }, data: { emulated: true } });
    await submit(1);
    await expect(submit(1)).rejects.toThrow(m.errors.BudgetExceeded);
  });

  it("checks and reserves again when a failed generation is retried", async () => {
    await m.caps.replaceBudgetCaps([{ scope: "total", period: "day", usd: 0.028 }]);
    const { generationIds: [a] } = await submit(1);
    await m.queue.failGeneration(await m.helpers.claimForTest(a!), { code: "upstream", message: "HTTP 500" });
    await submit(1);
    expect(await m.queue.requeueGeneration(a!)).toBe(true);
    const { generationIds: [b] } = await m.runs.createRun({ kind: "single", prompt: "p", targets: segmind(1) }).catch(() => ({ generationIds: [] }));
    expect(b).toBeUndefined();
    await m.queue.failGeneration(await m.helpers.claimForTest(a!), { code: "upstream", message: "HTTP 500" });
    await m.caps.replaceBudgetCaps([{ scope: "total", period: "day", usd: 0.02 }]);
    await expect(m.queue.requeueGeneration(a!)).rejects.toThrow(/the daily budget is \$0.020 and \$0.0060 is left/);
  });

  it("keeps counting what a failed attempt was charged once it is retried", async () => {
    await m.caps.replaceBudgetCaps([{ scope: "total", period: "day", usd: 0.042 }]);
    const { generationIds: [a] } = await submit(1);
    // Billed and then failed (a reported charge), or interrupted mid-call (it may have been billed: the estimate).
    await m.queue.failGeneration(await m.helpers.claimForTest(a!), { code: "upstream", message: "x", charged: { amount: 0.014, unit: "usd" } });
    expect(await m.queue.requeueGeneration(a!)).toBe(true);
    const second = await m.helpers.claimForTest(a!);
    await m.queue.updateRunning(second, { sent: { prompt: "p" }, phase: "generating" });
    await (await import("./recovery")).recoverExpired([], new Date(Date.now() + 120_000));
    expect(await m.queue.requeueGeneration(a!)).toBe(true);
    // 0.014 charged + 0.014 estimate kept + 0.014 reserved by the retry now queued: nothing is left.
    await expect(submit(1)).rejects.toThrow(/the daily budget is \$0.042 and \$0 is left/);
    // A retry cancelled before it was sent counted nothing, and retrying it again leaves nothing behind either.
    await (await import("./cancel")).requestCancel({ generationIds: [a!] });
    expect(await m.queue.requeueGeneration(a!)).toBe(true);
    await expect(submit(1)).rejects.toThrow(/and \$0 is left/);
  });

  it("refuses a target whose cost is unknown while a budget covers it", async () => {
    await m.caps.replaceBudgetCaps([{ scope: "total", period: "month", usd: 10 }]);
    const unknown = { provider: "segmind", model: "no-such-model", prompt: "p", input: {} };
    await expect(m.runs.createRun({ kind: "single", prompt: "p", targets: [unknown] })).rejects.toThrow(/cost of one target is unknown/);
  });

  it("begins the day and the month at midnight in Berlin, not UTC, across a month end and a daylight-saving change", async () => {
    await m.caps.replaceBudgetCaps([{ scope: "total", period: "day", usd: 0.02 }, { scope: "total", period: "month", usd: 0.02 }]);
    const { generationIds } = await submit(1);
    const storedAt = (iso: string) => m.client.db().then((db) => db.generation.update({ where: { id: generationIds[0]! }, data: { createdAt: new Date(iso) } }));
    const one = await m.budget.reservationsFor(segmind(1));
    const check = (iso: string) => m.client.db().then((db) => db.$transaction((tx) => m.budget.checkBudgetIn(tx, one, new Date(iso))));
    // Stored at 23:59 on the 31st of October in Berlin (22:59 UTC): 0.014 + 0.014 does not fit that day or month.
    await storedAt("2026-10-31T22:59:00Z");
    await expect(check("2026-10-31T22:59:30Z")).rejects.toThrow(/the (daily|monthly) budget is \$0.020 and \$0.0060 is left/);
    // 00:00:30 on the 1st of November in Berlin: a new day and a new month, though UTC still says October.
    await expect(check("2026-10-31T23:00:30Z")).resolves.toBeUndefined();
    // The 29th of March 2026 lasts 23 hours in Berlin: stored at 00:30 that day, counted until 22:00 UTC.
    await m.caps.replaceBudgetCaps([{ scope: "total", period: "day", usd: 0.02 }]);
    await storedAt("2026-03-28T23:30:00Z");
    await expect(check("2026-03-29T21:59:00Z")).rejects.toThrow(/the daily budget/);
    await expect(check("2026-03-29T22:00:30Z")).resolves.toBeUndefined();
  });

  it("lets exactly one of two processes submitting at the same moment pass a cap that fits one", { timeout: 90_000 }, async () => {
    await m.caps.replaceBudgetCaps([{ scope: "total", period: "day", usd: 0.02 }]);
    const results = await race(2);
    expect(results.sort()).toEqual(["accepted", "refused"]);
    expect(await (await m.client.db()).generation.count()).toBe(1);
  });
});

/** Starts `n` contenders, waits until each has its database open, then tells them all to go at once. */
async function race(n: number): Promise<string[]> {
  const entry = path.join(import.meta.dirname, "budget-race.test-helpers.ts");
  const tsx = path.resolve(import.meta.dirname, "../../node_modules/.bin/tsx");
  const env: NodeJS.ProcessEnv = { ...process.env, ...childEnv, DATA_DIR: dataDir, DATABASE_URL: databaseUrl, BUDGET_MONTHLY_USD: "" };
  if (!databaseUrl) delete env.DATABASE_URL;
  const children = Array.from({ length: n }, () => spawn(tsx, ["--conditions=react-server", entry], { env, stdio: ["pipe", "pipe", "pipe"] }));
  const outputs = children.map((child) => {
    let out = "";
    let err = "";
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    const ready = new Promise<void>((resolve) => child.stdout.on("data", (d: Buffer) => ((out += d.toString()), out.includes("ready") && resolve())));
    const done = new Promise<string>((resolve, reject) =>
      child.on("exit", (code) => (code === 0 ? resolve(out.trim().split("\n").at(-1)!) : reject(new Error(`contender exited ${code}: ${err}`)))),
    );
    return { ready, done };
  });
  // A contender that dies before it is ready fails the test at once rather than at the timeout.
  await Promise.race([Promise.all(outputs.map((o) => o.ready)), Promise.all(outputs.map((o) => o.done))]);
  for (const child of children) child.stdin.write("go\n");
  return Promise.all(outputs.map((o) => o.done));
}
