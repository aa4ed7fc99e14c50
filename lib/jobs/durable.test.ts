/**
 * Money and durability at the edges of a job's end: a failure recorded while another writer holds the SQLite lock,
 * the runner's clean-up of jobs it no longer runs, and an image link that expired after the provider finished.
 * Asserted as the bill and the person see them: the emulator's request log, the row's status and its reservation.
 */
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import Database from "libsql";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { RunningEmulator } from "@/emulator/server";
import { testEngine } from "@/lib/db/test-database.test-helpers";
import { emulatedWorld, EmulatorControl, until } from "./pipeline.test-helpers";

let emulator: RunningEmulator;
let emu: EmulatorControl;
let dataDir: string;

/**
 * Takes the write lock as another program would and lets it go after `ms`. Awaiting the answer waits for the COMMIT
 * itself, not a guess of how long it takes, so the connection is never closed under a COMMIT still to come.
 */
function holdLock(outsider: InstanceType<typeof Database>, ms: number): { released: Promise<void> } {
  outsider.exec("BEGIN IMMEDIATE");
  return { released: new Promise((resolve) => setTimeout(() => resolve(void outsider.exec("COMMIT")), ms)) };
}

let runs: typeof import("@/lib/db/runs");
let generations: typeof import("@/lib/db/generations");
let queue: typeof import("@/lib/db/queue");
let recovery: typeof import("@/lib/db/recovery");
let exec: typeof import("./execute");
let registry: typeof import("@/lib/providers");
let dbModule: typeof import("@/lib/db/client");
const WORKER = `durable-test-${process.pid}`;
const LEASE = 60_000;
const MODEL = "stable-diffusion-3.5-large";

beforeAll(async () => {
  ({ emulator, emu, dataDir } = await emulatedWorld(
    "durable",
    { replicate: "r8_durable-test-key", aimlapi: "aiml-durable-test-key", fal: "fal-durable:test-key" },
    // A second writer that holds the lock longer than DB_BUSY_TIMEOUT_MS is "busy" to every write that meets it.
    { PROVIDER_TIMEOUT_MS: "30000", DB_BUSY_TIMEOUT_MS: "200" },
  ));
  [runs, generations, queue, recovery, exec, registry, dbModule] = await Promise.all([
    import("@/lib/db/runs"),
    import("@/lib/db/generations"),
    import("@/lib/db/queue"),
    import("@/lib/db/recovery"),
    import("./execute"),
    import("@/lib/providers"),
    import("@/lib/db/client"),
  ]);
});

afterAll(async () => {
  if (dbModule) await (await dbModule.db()).$disconnect();
  await emulator?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  vi.unstubAllEnvs();
});

beforeEach(() => emu.reset());

async function submit(prompt: string, provider: "replicate" | "fal" = "replicate", modelId = MODEL): Promise<string> {
  const model = registry.getModel(provider, modelId)!;
  const input = model.schema.parse({ ...model.defaults, prompt, seed: 42 }) as Record<string, unknown>;
  const { generationIds } = await runs.createRun({ kind: "single", prompt, targets: [{ provider, model: modelId, prompt, input }] });
  return generationIds[0]!;
}

async function claimAndRun(id: string) {
  const claimed = await queue.claimNext(WORKER, [], LEASE);
  expect(claimed?.id).toBe(id);
  await exec.executeGeneration(claimed!, new AbortController().signal, WORKER);
}

const submits = async () => (await emu.requests("replicate")).filter((r) => r.method === "POST" && /\/predictions$/.test(r.path));
const reservedUsd = async (id: string) =>
  (await (await dbModule.db()).generation.findUnique({ where: { id }, select: { reservedUsd: true } }))?.reservedUsd;

it("an image link that expired after the provider finished keeps counting against the caps: the provider billed it", async () => {
  const id = await submit("a harbour at dusk [[emulate:expired-url]]");
  const estimate = await reservedUsd(id);
  expect(estimate).toBeGreaterThan(0);
  await claimAndRun(id);
  const gen = await generations.getGeneration(id);
  expect(gen?.error?.code, gen?.error?.message).toBe("expired");
  expect(await submits()).toHaveLength(1); // Replicate ran it and bills it
  expect(await reservedUsd(id), "the spend the caps count for a billed prediction").toBe(estimate);
});

it.runIf(testEngine === "sqlite")(
  "a failure recorded while another writer holds the SQLite lock is waited out: the paid answer is kept, and its retry does not pay again",
  async () => {
    const id = await submit("a lighthouse in fog");
    // The image folder fails (a full disk) at the moment a backup or `sqlite3` in a terminal holds the write lock.
    const outsider = new Database(path.join(dataDir, "playground.db"));
    let lock: { released: Promise<void> } | undefined;
    const write = vi.spyOn(fsp, "writeFile").mockImplementation(async () => {
      lock = holdLock(outsider, 1500);
      throw Object.assign(new Error("no space left on device"), { code: "ENOSPC" });
    });
    try {
      await claimAndRun(id);
    } finally {
      write.mockRestore();
    }
    await lock?.released;
    outsider.close();
    // What the person sees: the save failed, and the answer is kept for "Retry download".
    const seen = await generations.getGeneration(id);
    expect({ status: seen?.status, code: seen?.error?.code, phase: seen?.phase }).toEqual({ status: "failed", code: "storage", phase: "awaiting-download" });
    // The runner's upkeep, once the lock is free: this worker runs nothing any more.
    await recovery.expireOrphans(WORKER, [], new Date(Date.now() + 1000));
    await recovery.recoverExpired(["replicate"], new Date(Date.now() + LEASE + 1), LEASE);

    const failed = await generations.getGeneration(id);
    expect(failed?.status).not.toBe("running");
    // "Retry" (or the recovery's own download): the answer Replicate gave is fetched again, Replicate is not called.
    if (failed?.status === "failed") expect(await queue.requeueGeneration(id)).toBe(true);
    await claimAndRun(id);
    const done = await generations.getGeneration(id);
    expect(done?.status).toBe("succeeded");
    expect(await submits(), "Replicate was asked (and paid) once").toHaveLength(1);
  },
  60_000,
);

it.runIf(testEngine === "sqlite")(
  "a result that arrives while another writer holds the SQLite lock past DB_BUSY_TIMEOUT_MS is recorded once the lock is free",
  async () => {
    const id = await submit("a windmill at noon");
    // The image is saved as a backup (or `sqlite3` in a terminal) takes the write lock for 1.5 s.
    const outsider = new Database(path.join(dataDir, "playground.db"));
    const realWrite = fsp.writeFile.bind(fsp);
    let lock: { released: Promise<void> } | undefined;
    const write = vi.spyOn(fsp, "writeFile").mockImplementationOnce(async (...args: Parameters<typeof fsp.writeFile>) => {
      lock = holdLock(outsider, 1500);
      return realWrite(...args);
    });
    try {
      await claimAndRun(id);
    } finally {
      write.mockRestore();
      await lock?.released;
      outsider.close();
    }
    const gen = await generations.getGeneration(id);
    expect({ status: gen?.status, error: gen?.error?.message ?? null }).toEqual({ status: "succeeded", error: null });
    expect(gen?.images).toHaveLength(1);
    expect(await submits()).toHaveLength(1);
  },
  60_000,
);

it.runIf(testEngine === "sqlite")(
  "a sync answer that arrives while another writer holds the SQLite lock is downloaded and recorded, not failed as 'something went wrong'",
  async () => {
    const model = registry.getModel("aimlapi", "stable-diffusion-v35-large")!;
    const input = model.schema.parse({ ...model.defaults, prompt: "a red kite", image_size: "square" }) as Record<string, unknown>;
    const { generationIds } = await runs.createRun({ kind: "single", prompt: "a red kite", targets: [{ provider: "aimlapi", model: model.id, prompt: "a red kite", input }] });
    const id = generationIds[0]!;
    // AI/ML API answers; at that moment a backup takes the write lock for 1.5 s.
    const outsider = new Database(path.join(dataDir, "playground.db"));
    const realFetch = globalThis.fetch;
    let lock: { released: Promise<void> } | undefined;
    const spy = vi.spyOn(globalThis, "fetch").mockImplementation(async (url, init) => {
      const res = await realFetch(url, init);
      if (init?.method === "POST" && String(url).includes("/aimlapi/v1/images/generations")) lock = holdLock(outsider, 1500);
      return res;
    });
    try {
      await claimAndRun(id);
    } finally {
      spy.mockRestore();
      await lock?.released;
      outsider.close();
    }
    const gen = await generations.getGeneration(id);
    expect({ status: gen?.status, error: gen?.error?.message ?? null }).toEqual({ status: "succeeded", error: null });
    expect((await emu.requests("aimlapi")).filter((r) => r.method === "POST")).toHaveLength(1);
  },
  60_000,
);

it("a server lost 1 s into a 3 s Replicate generation: the prediction's id was stored at once, so it is collected, not lost", async () => {
  const id = await submit("a crane at dawn [[latency:3000]]");
  const claimed = await queue.claimNext(WORKER, [], LEASE);
  expect(claimed?.id).toBe(id);
  // The worker that will be lost: it goes on in the background, but its lease is taken over below.
  const lost = exec.executeGeneration(claimed!, new AbortController().signal, WORKER);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const row = async () => (await dbModule.db()).generation.findUnique({ where: { id }, select: { status: true, phase: true, providerRequestId: true } });
  expect((await row())?.providerRequestId, "the id is kept while Replicate works").toBeTruthy();

  // Its lease runs out; another process takes over and collects the prediction by its id.
  await recovery.recoverExpired(["replicate"], new Date(Date.now() + LEASE + 1), LEASE);
  expect(await row()).toMatchObject({ status: "queued", phase: "resuming" });
  await lost;
  const again = await queue.claimNext("durable-test-takeover", [], LEASE);
  if (again) await exec.executeGeneration(again, new AbortController().signal, "durable-test-takeover");
  const gen = await generations.getGeneration(id);
  expect(gen?.status, gen?.error?.message).toBe("succeeded");
  expect(await submits(), "Replicate was asked (and paid) once").toHaveLength(1);
}, 60_000);

it("an accepted Replicate job resumed while its key was removed is retried, once the key is back, by its id: not sent (and paid for) again", async () => {
  const id = await submit("a heron in reeds [[latency:1500]]");
  const claimed = await queue.claimNext(WORKER, [], LEASE);
  expect(claimed?.id).toBe(id);
  const lost = exec.executeGeneration(claimed!, new AbortController().signal, WORKER);
  const row = async () => (await dbModule.db()).generation.findUnique({ where: { id }, select: { status: true, phase: true, providerRequestId: true } });
  await until(async () => ((await row())?.providerRequestId ? true : undefined), 10_000);
  // The server is lost while Replicate works; it restarts without REPLICATE_API_TOKEN.
  await recovery.recoverExpired(["replicate"], new Date(Date.now() + LEASE + 1), LEASE);
  await lost;
  const config = (await import("@/lib/env")).env();
  const live = config.providers.replicate;
  config.providers.replicate = { ...live, mode: "missing", apiKey: null };
  try {
    const resumed = await queue.claimNext("durable-test-keyless", [], LEASE);
    expect(resumed?.id).toBe(id);
    await exec.executeGeneration(resumed!, new AbortController().signal, "durable-test-keyless");
  } finally {
    config.providers.replicate = live;
  }
  const failed = await generations.getGeneration(id);
  expect(failed?.error?.code).toBe("not_configured");
  expect(failed?.error?.message).toMatch(/may have been billed/);
  const reserved = await reservedUsd(id);
  expect(reserved, "the accepted job stays counted").toBeGreaterThan(0);

  // The key is back: Retry collects the prediction Replicate already has.
  expect(await queue.requeueGeneration(id)).toBe(true);
  await claimAndRun(id);
  const gen = await generations.getGeneration(id);
  expect(gen?.status, gen?.error?.message).toBe("succeeded");
  expect(await submits(), "Replicate was asked (and paid) once").toHaveLength(1);
}, 60_000);

describe("an accepted async job we lost sight of is collected by its id on Retry", () => {
  /** A Replicate prediction accepted, then its status checks fail (HTTP 500) until the runner gives up on them. */
  async function lostSight(prompt: string) {
    const id = await submit(prompt);
    await emu.configure({ provider: "replicate", fault: "500", phase: "poll" });
    await claimAndRun(id);
    await emu.configure({ provider: "replicate", fault: null });
    const failed = await generations.getGeneration(id);
    expect({ status: failed?.status, phase: failed?.phase, code: failed?.error?.code }).toEqual({ status: "failed", phase: "awaiting-collection", code: "upstream" });
    expect(failed?.error?.message).toMatch(/had already accepted this job, so it may have been billed; Retry collects it by its id, without a new charge\.$/);
    return { id, jobId: failed!.providerRequestId! };
  }

  it("status checks that kept failing: Retry collects the prediction and stores its image, Replicate asked (and paid) once", async () => {
    const { id } = await lostSight("a stork on a chimney [[latency:800]]");
    const reserved = await reservedUsd(id);
    expect(reserved, "the accepted job stays counted").toBeGreaterThan(0);
    const firstWait = (await generations.getGeneration(id))?.timings.waitMs;

    // The person clicks Retry a while later: that wait is theirs, not the provider's.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await queue.requeueGeneration(id)).toBe(true);
    await claimAndRun(id);
    const gen = await generations.getGeneration(id);
    expect(gen?.status, gen?.error?.message).toBe("succeeded");
    expect(gen?.images).toHaveLength(1);
    expect(await submits(), "Replicate was asked (and paid) once").toHaveLength(1);
    expect(await reservedUsd(id), "its one reservation stood for it").toBe(reserved);
    // It ran at Replicate while no one watched: its provider time is not known, and its queue wait is the first one.
    expect(gen?.timings.providerMs).toBeNull();
    expect(gen?.timings.waitMs).toBe(firstWait);
  }, 60_000);

  it("our deadline ran out while fal was still working (its cancel refused): Retry collects it, fal asked once", async () => {
    const id = await submit("a kingfisher on a reed [[latency:3000]]", "fal", "fal-ai/stable-diffusion-v35-large");
    const config = (await import("@/lib/env")).env();
    const deadline = config.GENERATION_DEADLINE_MS;
    config.GENERATION_DEADLINE_MS = 1000;
    try {
      await claimAndRun(id);
    } finally {
      config.GENERATION_DEADLINE_MS = deadline;
    }
    const failed = await generations.getGeneration(id);
    expect({ phase: failed?.phase, code: failed?.error?.code }).toEqual({ phase: "awaiting-collection", code: "timeout" });
    const cancels = (await emu.requests("fal")).filter((r) => r.method === "PUT" && r.path.endsWith("/cancel"));
    expect(cancels, "the deadline's cancel was tried, and refused: the request was already running").toHaveLength(1);
    expect(failed?.error?.message).toMatch(/^fal did not finish within 1 s \(last status: in progress\)\. .*Retry collects it by its id, without a new charge\.$/);

    expect(await queue.requeueGeneration(id)).toBe(true);
    await claimAndRun(id);
    const gen = await generations.getGeneration(id);
    expect(gen?.status, gen?.error?.message).toBe("succeeded");
    expect(gen?.images).toHaveLength(1);
    const falSubmits = (await emu.requests("fal")).filter((r) => r.method === "POST" && r.path === "/queue/fal-ai/stable-diffusion-v35-large");
    expect(falSubmits, "fal was asked (and paid) once").toHaveLength(1);
  }, 60_000);

  it("a job Replicate no longer has fails saying so, once: the Retry after that sends a new request", async () => {
    const { id, jobId } = await lostSight("a grebe on a lake [[latency:800]]");
    expect(await emu.forget("replicate", jobId)).toBe(1);

    expect(await queue.requeueGeneration(id)).toBe(true);
    await claimAndRun(id);
    const gone = await generations.getGeneration(id);
    expect({ status: gone?.status, phase: gone?.phase }).toEqual({ status: "failed", phase: null });
    expect(gone?.error?.message).toMatch(/^Replicate no longer has this job \(HTTP 404\): it is no longer available at Replicate, so it cannot be collected\./);
    expect(gone?.error?.message).toMatch(/Retry sends a new request, which Replicate charges again\.$/);
    expect(await submits()).toHaveLength(1);

    expect(await queue.requeueGeneration(id)).toBe(true);
    await claimAndRun(id);
    const sent = await generations.getGeneration(id);
    expect(sent?.status, sent?.error?.message).toBe("succeeded");
    expect(sent?.providerRequestId).not.toBe(jobId);
    expect(await submits(), "sent anew, once").toHaveLength(2);
  }, 60_000);

  it("a job Replicate reports failed when Retry collects it ends there: the Retry after that sends a new request", async () => {
    const { id } = await lostSight("a coot in rushes [[emulate:fail]] [[latency:800]]");
    expect(await queue.requeueGeneration(id)).toBe(true);
    await claimAndRun(id);
    const failed = await generations.getGeneration(id);
    expect({ phase: failed?.phase, message: failed?.error?.message }).toEqual({ phase: null, message: "Replicate reports the prediction failed." });
    expect(await submits()).toHaveLength(1);

    expect(await queue.requeueGeneration(id)).toBe(true);
    await claimAndRun(id);
    expect(await submits(), "sent anew").toHaveLength(2);
  }, 60_000);
});

it("a job this worker claimed but no longer runs, never sent, is not failed as lost nor left counting its estimate", async () => {
  const id = await submit("a quiet meadow");
  // Claimed (the claim committed), then the work never started: the read after the claim failed, say.
  const claimed = await queue.claimNext(WORKER, [], LEASE);
  expect(claimed?.id).toBe(id);
  // The runner's upkeep: this worker runs nothing.
  await recovery.expireOrphans(WORKER, [], new Date(Date.now() + 1000));
  await recovery.recoverExpired(["replicate"], new Date(), LEASE);
  const row = await generations.getGeneration(id);
  const usd = await reservedUsd(id);
  // Nothing was sent: it either runs after all, or it ends releasing its reservation.
  expect(row?.status === "queued" || usd === 0, `status ${row?.status}, ${row?.error?.message}, reserved $${usd}`).toBe(true);
  expect(await submits()).toHaveLength(0);
});
