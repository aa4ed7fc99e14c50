/**
 * A person's cancel, end to end against the provider emulator: stored as the app stores it (createRun), cancelled
 * through requestCancel (what the button and the API call), run by executeGeneration over real HTTP.
 * The env is read once per process, so it is set before the app modules are first imported (dynamic imports below).
 */
import fs from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { RunningEmulator } from "@/emulator/server";
import type { GenerationDTO } from "@/lib/db/dto";
import type { NewTarget } from "@/lib/db/runs";
import { emulatedWorld, EmulatorControl, until, type TestProviderId } from "./pipeline.test-helpers";

let emulator: RunningEmulator;
let emu: EmulatorControl;
let dataDir: string;
let runs: typeof import("@/lib/db/runs");
let generations: typeof import("@/lib/db/generations");
let queue: typeof import("@/lib/db/queue");
let recovery: typeof import("@/lib/db/recovery");
let cancel: typeof import("@/lib/db/cancel");
let exec: typeof import("./execute");
let registry: typeof import("@/lib/providers");
let dbModule: typeof import("@/lib/db/client");
const WORKER = `cancel-test-${process.pid}`;
const LEASE = 60_000;

beforeAll(async () => {
  ({ emulator, emu, dataDir } = await emulatedWorld(
    "cancel",
    { segmind: "SG_cancel-test-key", eachlabs: "each-cancel-test-key", replicate: "r8_cancel-test-key", fal: "fal-cancel:test-key" },
    { PROVIDER_TIMEOUT_MS: "30000", GENERATION_DEADLINE_MS: "15000" },
  ));
  [runs, generations, queue, recovery, cancel, exec, registry, dbModule] = await Promise.all([
    import("@/lib/db/runs"),
    import("@/lib/db/generations"),
    import("@/lib/db/queue"),
    import("@/lib/db/recovery"),
    import("@/lib/db/cancel"),
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

function target(provider: TestProviderId, modelId: string, suffix: string): NewTarget {
  const model = registry.getModel(provider, modelId);
  if (!model) throw new Error(`no model ${provider}/${modelId}`);
  const input = model.schema.parse({ ...model.defaults, prompt: `a lighthouse at dusk ${suffix}` }) as Record<string, unknown>;
  return { provider, model: modelId, prompt: String(input.prompt), input };
}

async function store(t: NewTarget): Promise<string> {
  const { generationIds } = await runs.createRun({ kind: "single", prompt: t.prompt, targets: [t] });
  return generationIds[0]!;
}

async function read(id: string): Promise<GenerationDTO> {
  const gen = await generations.getGeneration(id);
  if (!gen) throw new Error(`generation ${id} vanished`);
  return gen;
}

/** Claims and starts the generation, cancels it once `ready` holds for it, and returns it when the runner is done. */
async function cancelWhile(id: string, ready: (g: GenerationDTO) => boolean | Promise<boolean>): Promise<GenerationDTO> {
  const claimed = await queue.claimNext(WORKER, [], LEASE);
  expect(claimed?.id).toBe(id);
  const running = exec.executeGeneration(claimed!, new AbortController().signal, WORKER);
  await until(async () => ((await ready(await read(id))) ? true : undefined), 30_000);
  expect(await cancel.requestCancel({ generationIds: [id] })).toEqual({ canceled: 0, stopping: 1 });
  await running;
  return read(id);
}

const ASYNC = [
  // [provider, model, prompt suffix (slow enough to cancel while queued), the cancel call's method and path]
  ["fal", "fal-ai/stable-diffusion-v35-large", "[[latency:20000]]", "PUT", /^\/queue\/fal-ai\/stable-diffusion-v35-large\/requests\/[^/]+\/cancel$/],
  ["replicate", "stable-diffusion-3.5-large", "[[latency:20000]] [[emulate:pending]]", "POST", /^\/v1\/predictions\/[^/]+\/cancel$/],
  ["eachlabs", "stable-diffusion-3.5-large", "[[latency:20000]]", "POST", /^\/v1\/prediction\/[^/]+\/cancel$/],
] as const;

describe("cancelling a running async job", () => {
  for (const [provider, modelId, suffix, method, cancelPath] of ASYNC) {
    it(`${provider}: cancelled mid-poll at the provider, ends canceled, nothing sent again`, async () => {
      const id = await store(target(provider, modelId, suffix));
      const gen = await cancelWhile(id, (g) => g.providerRequestId !== null);

      expect(gen.status).toBe("failed");
      expect(gen.error?.code).toBe("canceled");
      expect(gen.error?.message).toMatch(/^Cancelled at .+ before it finished\. .*(bill|charg)/);
      const log = await emu.requests(provider);
      const cancels = log.filter((e) => cancelPath.test(e.path));
      expect(cancels.map((e) => e.method)).toEqual([method]);
      expect(cancels[0]!.path).toContain(gen.providerRequestId!);
      // One submit; after the cancel, one status check (had it finished meanwhile, its image would be kept) and no more.
      expect(log.filter((e) => e.method === "POST" && !cancelPath.test(e.path))).toHaveLength(1);
      const after = log.slice(log.indexOf(cancels[0]!) + 1);
      expect(after.map((e) => e.method)).toEqual(["GET"]);
      // Only fal's cancel is never billed (it cancels only before the job runs); Replicate bills the time the job ran
      // and Eachlabs does not say, so their estimate stays counted against the budgets and the card says so.
      const row = await (await dbModule.db()).generation.findUnique({ where: { id }, select: { reservedUsd: true } });
      expect(row?.reservedUsd === 0, "settled at $0").toBe(provider === "fal");
      expect(gen.notBilled).toBe(provider === "fal");
    });
  }

  it("fal: a cancel refused because the job already runs lets it finish and keeps the image", async () => {
    // In progress from 0.8 s to 8 s: the cancel lands while it runs, however loaded the machine.
    const id = await store(target("fal", "fal-ai/stable-diffusion-v35-large", "[[latency:8000]]"));
    const gen = await cancelWhile(id, (g) => g.phase === "in progress");

    expect(gen.status).toBe("succeeded");
    expect(gen.images).toHaveLength(1);
    expect(gen.warnings.join(" ")).toMatch(/did not accept the cancel \(HTTP 400\)/);
    expect(gen.warnings.join(" ")).toMatch(/Cancel came too late.*The image is kept, since it is paid for/);
    const log = await emu.requests("fal");
    expect(log.filter((e) => e.method === "PUT")).toHaveLength(1);
    expect(log.filter((e) => e.method === "POST")).toHaveLength(1);
  });
});

describe("cancelling before anything is sent", () => {
  it("a queued job is never claimed nor sent", async () => {
    const id = await store(target("fal", "fal-ai/stable-diffusion-v35-large", ""));
    expect(await cancel.requestCancel({ generationIds: [id] })).toEqual({ canceled: 1, stopping: 0 });
    expect(await queue.claimNext(WORKER, [], LEASE)).toBeNull();
    const gen = await read(id);
    expect(gen.status).toBe("failed");
    expect(gen.error?.code).toBe("canceled");
    expect(gen.notBilled).toBe(true);
    expect((await emu.stats()).fal.requests).toBe(0);
  });

  it("a job cancelled between its claim and its send is not sent", async () => {
    const id = await store(target("replicate", "stable-diffusion-3.5-large", ""));
    const claimed = await queue.claimNext(WORKER, [], LEASE);
    await cancel.requestCancel({ generationIds: [id] });
    await exec.executeGeneration(claimed!, new AbortController().signal, WORKER);
    const gen = await read(id);
    expect(gen.error?.code).toBe("canceled");
    expect(gen.error?.message).toMatch(/before it was sent/);
    expect(gen.notBilled).toBe(true);
    expect((await emu.stats()).replicate.requests).toBe(0);
  });

  it("a claimed, never-sent job whose worker died is not sent by the worker taking over", async () => {
    const id = await store(target("fal", "fal-ai/stable-diffusion-v35-large", ""));
    await queue.claimNext("old-worker", [], LEASE);
    await cancel.requestCancel({ generationIds: [id] });
    await recovery.recoverExpired(["fal"], new Date(Date.now() + LEASE + 1));
    expect(await queue.claimNext(WORKER, [], LEASE)).toBeNull();
    expect((await read(id)).error?.code).toBe("canceled");
    expect((await emu.stats()).fal.requests).toBe(0);
    // Nothing was sent, so nothing stays reserved against the budgets.
    const row = await (await dbModule.db()).generation.findUnique({ where: { id }, select: { reservedUsd: true } });
    expect(row?.reservedUsd).toBe(0);
  });
});

describe("cancelling a sync request in flight", () => {
  it("segmind: the request cannot be recalled, so it finishes and its image is kept", async () => {
    // In flight for 8 s: the cancel lands before the answer, however loaded the machine.
    const id = await store(target("segmind", "stable-diffusion-3.5-large-txt2img", "[[latency:8000]]"));
    const gen = await cancelWhile(id, async () => (await emu.stats()).segmind.inFlight === 1);

    expect(gen.status).toBe("succeeded");
    expect(gen.images).toHaveLength(1);
    expect(gen.cancelRequested).toBe(true);
    expect(gen.warnings.join(" ")).toMatch(/Cancel came too late: the request to Segmind was already on its way.*image is kept/);
    expect((await emu.stats()).segmind.requests).toBe(1);
  });
});

describe("cancel after a restart", () => {
  // The old process sent the job and learned the prediction id, then died. The person cancels either before the
  // takeover (the job is still "running" under the dead worker) or after it, while the job waits in the queue to be
  // collected by its id (it was sent, so it is not "never sent").
  for (const when of ["before the takeover", "while it waits to be collected"] as const) {
    it(`replicate: a job collected by id and cancelled ${when} is cancelled at the provider, not polled to its end`, async () => {
      const t = target("replicate", "stable-diffusion-3.5-large", "[[latency:20000]] [[emulate:pending]]");
      const id = await store(t);
      await queue.claimNext("old-worker", [], LEASE);
      const res = await fetch(`${emulator.url}/replicate/v1/models/stability-ai/stable-diffusion-3.5-large/predictions`, {
        method: "POST",
        headers: { Authorization: "Bearer r8_cancel-test-key", "Content-Type": "application/json", Prefer: "wait=1" },
        body: JSON.stringify({ input: { prompt: t.prompt } }),
      });
      const jobId = ((await res.json()) as { id: string }).id;
      await queue.updateRunning({ id, workerId: "old-worker", attempt: 1 }, { sent: { input: { prompt: t.prompt } }, providerRequestId: jobId });
      if (when === "before the takeover") await cancel.requestCancel({ generationIds: [id] });
      await recovery.recoverExpired(["replicate"], new Date(Date.now() + LEASE + 1));
      if (when === "while it waits to be collected") {
        expect(await cancel.requestCancel({ generationIds: [id] })).toEqual({ canceled: 0, stopping: 1 });
        expect((await read(id)).status).toBe("queued");
      }

      const again = await queue.claimNext(WORKER, [], LEASE);
      expect(again?.id).toBe(id);
      await exec.executeGeneration(again!, new AbortController().signal, WORKER);
      const gen = await read(id);
      expect(gen.error?.code).toBe("canceled");
      expect(gen.error?.message).toMatch(/^Cancelled at Replicate before it finished\. Replicate bills/);
      const log = await emu.requests("replicate");
      expect(log.filter((e) => e.method === "POST" && e.path === `/v1/predictions/${jobId}/cancel`)).toHaveLength(1);
      expect(log.filter((e) => e.method === "POST" && e.path.endsWith("/predictions"))).toHaveLength(1);
    });
  }
});

