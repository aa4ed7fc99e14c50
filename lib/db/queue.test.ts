/**
 * The queue and the stored values on each engine (the `postgres` vitest project runs this file on Postgres too):
 * per-provider limits that hold however many workers claim at once, case-insensitive search for all of Unicode,
 * 64-bit seeds and JSON read back exactly, and migrations applied once by concurrent starters.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { freshDatabaseUrl, testEngine } from "./test-database.test-helpers";

type Modules = {
  runs: typeof import("./runs");
  queue: typeof import("./queue");
  generations: typeof import("./generations");
  helpers: typeof import("./queue.test-helpers");
  client: typeof import("./client");
};

let dataDir: string;
let databaseUrl: string | undefined;
let m: Modules;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sd3-queue-"));
  databaseUrl = await freshDatabaseUrl();
  vi.stubEnv("DATA_DIR", dataDir);
  vi.stubEnv("DATABASE_URL", databaseUrl);
  vi.stubEnv("PROVIDER_EMULATOR", "off");
  vi.resetModules();
  const [runs, queue, generations, helpers, client] = await Promise.all([
    import("./runs"),
    import("./queue"),
    import("./generations"),
    import("./queue.test-helpers"),
    import("./client"),
  ]);
  m = { runs, queue, generations, helpers, client };
});

afterAll(async () => {
  await (await m.client.db()).$disconnect();
  fs.rmSync(dataDir, { recursive: true, force: true });
  vi.unstubAllEnvs();
});

const target = (provider: string, prompt = "p") => ({ provider, model: "m", prompt, input: { prompt } });

describe(`queue on ${testEngine}`, () => {
  it("never lets more workers run a provider's jobs than its limit, however many claim at the same moment", async () => {
    await m.runs.createRun({ kind: "compare", prompt: "limits", targets: Array.from({ length: 12 }, () => target("segmind")) });
    await m.runs.createRun({ kind: "compare", prompt: "limits", targets: Array.from({ length: 4 }, () => target("aimlapi")) });
    const limits = { segmind: 2, aimlapi: 3 };
    // Twelve workers at once, each with its own id, as if each were its own process.
    const claims = await Promise.all(Array.from({ length: 12 }, (_, i) => m.queue.claimNext(`w${i}`, [], 30_000, limits)));
    const got = claims.filter((c) => c !== null);
    expect(got.filter((c) => c.provider === "segmind")).toHaveLength(2);
    expect(got.filter((c) => c.provider === "aimlapi")).toHaveLength(3);
    expect(new Set(got.map((c) => c.id)).size).toBe(got.length);

    // Once one segmind job ends, exactly one more may start.
    const done = got.find((c) => c.provider === "segmind")!;
    await m.queue.failGeneration({ id: done.id, workerId: `w${claims.indexOf(done)}`, attempt: done.attempts }, { code: "upstream", message: "x" });
    const next = await Promise.all(Array.from({ length: 4 }, (_, i) => m.queue.claimNext(`v${i}`, ["aimlapi"], 30_000, limits)));
    expect(next.filter((c) => c?.provider === "segmind")).toHaveLength(1);
  });

  it("fences a worker's writes to its own claim: a stalled run of a job its process claimed again cannot send", async () => {
    const { generationIds } = await m.runs.createRun({ kind: "single", prompt: "fence", targets: [target("fence-test")] });
    const id = generationIds[0]!;
    // The same process claims the job twice: its first run stalled, the lease ran out, the job was queued again.
    const stalled = await m.helpers.claimForTest(id, "one-process");
    const current = await m.helpers.claimForTest(id, "one-process");
    expect(current.attempt).toBe(stalled.attempt + 1);

    expect(await m.queue.updateRunning(stalled, { sent: { prompt: "fence" }, phase: "submitting" }, true)).toBe(false);
    expect(await m.queue.failGeneration(stalled, { code: "upstream", message: "stale" })).toBe(false);
    expect(await m.queue.updateRunning(current, { sent: { prompt: "fence" }, phase: "submitting" }, true)).toBe(true);
    const row = await m.generations.getGeneration(id);
    expect([row?.status, row?.error ?? null]).toEqual(["running", null]);
  });

  it("a failure awaiting collection is retried by its job id, keeping its reservation; one without that phase is sent anew", async () => {
    const replicate = { provider: "replicate", model: "stable-diffusion-3.5-large", prompt: "collect", input: { prompt: "collect" } };
    const { generationIds } = await m.runs.createRun({ kind: "compare", prompt: "collect", targets: [replicate, replicate] });
    const client = await m.client.db();
    const lost = async (id: string, collect: boolean) => {
      const claim = await m.helpers.claimForTest(id);
      await m.queue.updateRunning(claim, { sent: { input: { prompt: "collect" } }, phase: "submitted", providerRequestId: `job-${id}` });
      await m.queue.failGeneration(claim, { code: "upstream", message: "lost sight of it", billed: true, collect });
      return (await client.generation.findUnique({ where: { id }, select: { reservedUsd: true } }))?.reservedUsd;
    };
    const [collectId, sendId] = generationIds as [string, string];
    const reserved = await lost(collectId, true);
    expect((await m.generations.getGeneration(collectId))?.phase).toBe("awaiting-collection");
    expect(await m.queue.requeueGeneration(collectId)).toBe(true);
    const collected = await client.generation.findUnique({ where: { id: collectId } });
    expect(collected).toMatchObject({ status: "queued", phase: "awaiting-collection", providerRequestId: `job-${collectId}`, reservedUsd: reserved, errorCode: null });
    expect(collected?.sent).not.toBeNull();

    await lost(sendId, false);
    expect(await m.queue.requeueGeneration(sendId)).toBe(true);
    const sent = await client.generation.findUnique({ where: { id: sendId } });
    expect(sent).toMatchObject({ status: "queued", phase: null, providerRequestId: null, sent: null });
  });

  it("finds prompts whatever their case, beyond ASCII", async () => {
    const a = await m.runs.createRun({ kind: "single", prompt: "Straße im ÉTÉ, Ωμέγα", targets: [target("aimlapi")] });
    const b = await m.runs.createRun({ kind: "single", prompt: "ÇA VA, ΟΔΌΣ", targets: [target("aimlapi")] });
    const ids = async (q: string) => (await m.runs.listRuns({ q })).items.map((r) => r.id);
    expect(await ids("STRASSE")).toEqual([a.runId]);
    expect(await ids("été")).toEqual([a.runId]);
    expect(await ids("ωμέγα")).toEqual([a.runId]);
    expect(await ids("ça va")).toEqual([b.runId]);
    expect(await ids("οδός")).toEqual([b.runId]);
  });

  it("keeps every bit of a 64-bit seed and reads JSON back equal", async () => {
    const input = { prompt: "seed", seed: "18446744073709551615", nested: { ratio: 1.5, list: [1, "二", null], emoji: "🦊" } };
    const { generationIds } = await m.runs.createRun({ kind: "single", prompt: "seed", targets: [{ ...target("eachlabs"), input }] });
    const id = generationIds[0]!;
    const claim = await m.helpers.claimForTest(id);
    await m.queue.updateRunning(claim, { sent: { seed: 18446744073709551615n.toString(), body: input } });
    await m.queue.completeGeneration(claim, { seed: "18446744073709551615", providerMs: 1, downloadMs: 1, warnings: ["ü"], images: [] });
    const gen = await m.generations.getGeneration(id);
    expect(gen?.seed).toBe("18446744073709551615");
    expect(gen?.input).toEqual(input);
    expect(gen?.sent).toEqual({ seed: "18446744073709551615", body: input });
    expect(gen?.warnings).toEqual(["ü"]);
  });
});

describe.runIf(testEngine === "postgres")("migrations on Postgres", () => {
  it("several instances starting together apply each migration exactly once", async () => {
    const url = await freshDatabaseUrl();
    const { applyPgMigrations } = await import("./migrate-pg");
    await Promise.all([applyPgMigrations(url!), applyPgMigrations(url!), applyPgMigrations(url!)]);
    const pg = (await import("pg")).default;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ name: string }>('SELECT "name" FROM "_app_migrations"');
      const dirs = fs.readdirSync(path.resolve(import.meta.dirname, "../../prisma/postgres/migrations"));
      expect(rows.map((r) => r.name).sort()).toEqual(dirs.sort());
    } finally {
      await client.end();
    }
  });
});
