/**
 * A generation that may have been billed is never recorded as "$0 — not billed": against the provider emulator (and,
 * for an answer cut mid-body, a tiny local server standing in for Segmind), run by executeGeneration over real HTTP.
 * The env is read once per process, so it is set before the app modules are first imported (dynamic imports below).
 */
import fs from "node:fs";
import fsp from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { RunningEmulator } from "@/emulator/server";
import { emulatedWorld, EmulatorControl, type TestProviderId } from "./pipeline.test-helpers";

let emulator: RunningEmulator;
let emu: EmulatorControl;
let dataDir: string;
let server: http.Server;
/**
 * How the stand-in Segmind answers: a 200 whose body is cut, one that stalls, a socket dropped before answering, or a
 * whole 200 whose JSON cannot be read.
 */
let segmindMode: "cut" | "stall" | "drop" | "garbled" = "cut";
let segmindHits = 0;
let runs: typeof import("@/lib/db/runs");
let generations: typeof import("@/lib/db/generations");
let queue: typeof import("@/lib/db/queue");
let recovery: typeof import("@/lib/db/recovery");
let exec: typeof import("./execute");
let registry: typeof import("@/lib/providers");
let dbModule: typeof import("@/lib/db/client");
let adapters: typeof import("@/lib/providers/server").adapters;
const KEYS = { eachlabs: "each-billing-test-key", replicate: "r8_billing-test-key", segmind: "SG_billing-test-key" };

beforeAll(async () => {
  server = http.createServer((req, res) => {
    req.on("data", () => {});
    req.on("end", () => {
      segmindHits++;
      if (segmindMode === "drop") return req.socket.destroy();
      if (segmindMode === "garbled") return res.writeHead(200, { "content-type": "application/json" }).end('{"image": "iVBORw0KGgo');
      res.writeHead(200, { "content-type": "image/png", "content-length": "200000" });
      res.write(Buffer.alloc(1000, 1));
      if (segmindMode === "cut") setTimeout(() => req.socket.destroy(), 50);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const segmindUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  ({ emulator, emu, dataDir } = await emulatedWorld("billing", KEYS, { PROVIDER_TIMEOUT_MS: "1500", SEGMIND_BASE_URL: segmindUrl }));
  [runs, generations, queue, recovery, exec, registry, dbModule, { adapters }] = await Promise.all([
    import("@/lib/db/runs"),
    import("@/lib/db/generations"),
    import("@/lib/db/queue"),
    import("@/lib/db/recovery"),
    import("./execute"),
    import("@/lib/providers"),
    import("@/lib/db/client"),
    import("@/lib/providers/server"),
  ]);
});

afterAll(async () => {
  await (await dbModule.db()).$disconnect();
  await emulator.close();
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
  fs.rmSync(dataDir, { recursive: true, force: true });
  vi.unstubAllEnvs();
});

const MODELS = { eachlabs: "stable-diffusion-3.5-large", replicate: "stable-diffusion-3.5-large", segmind: "stable-diffusion-3.5-large-txt2img" };

async function queued(provider: keyof typeof MODELS, prompt: string) {
  const model = registry.getModel(provider, MODELS[provider])!;
  const input = model.schema.parse({ ...model.defaults, prompt, seed: 7 }) as Record<string, unknown>;
  const { generationIds } = await runs.createRun({ kind: "single", prompt, targets: [{ provider, model: model.id, prompt, input }] });
  return { id: generationIds[0]!, model, input };
}

async function runNext(worker = "w") {
  const claimed = await queue.claimNext(worker, [], 60_000);
  await exec.executeGeneration(claimed!, new AbortController().signal, worker);
}

/** What the bill and the person see: the card, and the dollars the row still counts against the caps. */
async function outcome(id: string) {
  const g = (await generations.getGeneration(id))!;
  const row = await (await dbModule.db()).generation.findUnique({ where: { id }, select: { reservedUsd: true, recovery: true } });
  return { status: g.status, code: g.error?.code, message: g.error?.message ?? "", notBilled: g.notBilled, reservedUsd: row!.reservedUsd, recovery: row!.recovery };
}

/** A fresh emulator, one generation queued and run: what it left. */
async function ranFresh(provider: keyof typeof MODELS, prompt: string) {
  await emu.reset();
  const { id } = await queued(provider, prompt);
  await runNext();
  return outcome(id);
}

const submits = async (provider: TestProviderId) => (await emu.requests(provider)).filter((r) => r.method === "POST" && !r.path.includes("cancel")).length;

/** A stored input the schema of a later deploy refuses (an empty prompt). */
async function schemaChanged(id: string) {
  const client = await dbModule.db();
  const row = await client.generation.findUnique({ where: { id }, select: { input: true } });
  await client.generation.update({ where: { id }, data: { input: JSON.stringify({ ...JSON.parse(row!.input), prompt: "" }) } });
}

describe("a sync answer that fails after its 200 (Segmind)", () => {
  it.each([
    ["cut", "network", /answer was cut off/],
    ["stall", "timeout", /did not finish sending its answer in time/],
    ["drop", "network", /dropped the connection before answering \(UND_ERR_SOCKET\)/],
  ] as const)("a body %s is a %s that keeps its estimate counted", async (mode, code, message) => {
    segmindMode = mode;
    segmindHits = 0;
    const { id } = await queued("segmind", "a kite");
    await runNext();
    const seen = await outcome(id);
    expect(seen).toMatchObject({ status: "failed", code, notBilled: false });
    expect(seen.message).toMatch(message);
    expect(seen.reservedUsd).toBeGreaterThan(0);
    expect(segmindHits).toBe(1);
  });
});

describe("a success status whose answer cannot be used", () => {
  it("a sync 200 that is not valid JSON keeps its estimate counted, and says it may have been billed", async () => {
    segmindMode = "garbled";
    segmindHits = 0;
    const { id } = await queued("segmind", "a bell");
    await runNext();
    const seen = await outcome(id);
    expect(seen).toMatchObject({ status: "failed", code: "upstream", notBilled: false });
    expect(seen.message).toBe(
      "Segmind sent a response that is neither an image nor JSON (HTTP 200). Segmind had answered the request as done, so it may have been billed; Retry sends it again, which is charged again.",
    );
    expect(seen.reservedUsd).toBeGreaterThan(0);
    expect(segmindHits).toBe(1);
  });

  it("an async create answered with a success status but no readable job id: the job may run and bill, and Retry sends a new one", async () => {
    const seen = await ranFresh("replicate", "a bell [[emulate:malformed]]");
    expect(seen).toMatchObject({ status: "failed", code: "upstream", notBilled: false });
    expect(seen.message).toMatch(/^Replicate sent a response that is not valid JSON \(HTTP 20\d\)\. Replicate had answered the request as done, so it may have been billed/);
    expect(seen.reservedUsd).toBeGreaterThan(0);
    expect(await submits("replicate")).toBe(1);
  });

  it("a refusal (a 4xx) is still not billed", async () => {
    expect(await ranFresh("replicate", "a bell [[emulate:401]]")).toMatchObject({ status: "failed", code: "auth", notBilled: true, reservedUsd: 0 });
  });
});

describe("a bug of ours in a sync call (Segmind)", () => {
  /** The adapter fails with a plain error (not a ProviderError), after or before its request went out. */
  async function runWithBug(send: boolean) {
    segmindMode = "cut";
    segmindHits = 0;
    const { id } = await queued("segmind", "a lamp");
    const run = vi.spyOn(adapters.segmind, "run").mockImplementation(async (req, ctx) => {
      if (send) await ctx.fetch(req.url, { method: "POST", headers: req.headers, body: JSON.stringify(req.body) });
      throw new TypeError("Cannot read properties of undefined (reading 'images')");
    });
    try {
      await runNext();
    } finally {
      run.mockRestore();
    }
    return outcome(id);
  }

  it("after the request went out: possibly billed, its estimate kept, and the card says what Retry does", async () => {
    const seen = await runWithBug(true);
    expect(segmindHits).toBe(1);
    expect(seen).toMatchObject({ status: "failed", code: "internal", notBilled: false });
    expect(seen.message).toMatch(/^Something went wrong in the playground while running this generation \(reference \w+\)\. Segmind had already received the request, so it may have been billed; Retry sends it again, which is charged again\.$/);
    expect(seen.reservedUsd).toBeGreaterThan(0);
  });

  it("before anything was sent: not billed, and nothing counted", async () => {
    const seen = await runWithBug(false);
    expect(segmindHits).toBe(0);
    expect(seen).toMatchObject({ status: "failed", code: "internal", notBilled: true, reservedUsd: 0 });
    expect(seen.message).not.toMatch(/billed/);
  });
});

describe("an async job after the provider accepted it", () => {
  it("a status check whose body is cut is retried like any transient failure, and the job succeeds", async () => {
    await emu.reset();
    const { id } = await queued("replicate", "a heron [[latency:400]]");
    const real = globalThis.fetch;
    let cut = false;
    vi.spyOn(globalThis, "fetch").mockImplementation(async (url, init) => {
      if (cut || (init?.method ?? "GET") !== "GET" || !/\/v1\/predictions\//.test(String(url))) return real(url, init);
      cut = true;
      const body = new ReadableStream({
        start(c) {
          c.enqueue(new TextEncoder().encode('{"id":'));
          c.error(Object.assign(new TypeError("terminated"), { cause: Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" }) }));
        },
      });
      return new Response(body, { status: 200, headers: { "content-type": "application/json" } });
    });
    try {
      await runNext();
    } finally {
      vi.restoreAllMocks();
    }
    expect(cut).toBe(true);
    expect(await outcome(id)).toMatchObject({ status: "succeeded" });
    expect(await submits("replicate")).toBe(1);
  });

  it("status checks that keep failing leave it counted as possibly billed, and say so", async () => {
    await emu.reset();
    const { id } = await queued("eachlabs", "a boat [[latency:300]]");
    await emu.configure({ provider: "eachlabs", fault: "500", times: 4, phase: "poll" });
    await runNext();
    const seen = await outcome(id);
    expect(seen).toMatchObject({ status: "failed", code: "upstream", notBilled: false });
    expect(seen.message).toBe(
      "Eachlabs had a server error (HTTP 500). Eachlabs had already accepted this job, so it may have been billed; Retry collects it by its id, without a new charge.",
    );
    expect(seen.reservedUsd).toBeGreaterThan(0);
    expect(await submits("eachlabs")).toBe(1);
  });

  it("the provider's own answer that the job failed is not billed", async () => {
    const seen = await ranFresh("eachlabs", "a boat [[emulate:fail]]");
    expect(seen).toMatchObject({ status: "failed", notBilled: true, reservedUsd: 0 });
    expect(seen.message).not.toMatch(/may have been billed/);
  });
});

describe("work already sent is not re-validated against today's schema", () => {
  it("a kept answer is downloaded although the stored input no longer passes the schema", async () => {
    await emu.reset();
    const { id } = await queued("eachlabs", "a fox");
    const write = vi.spyOn(fsp, "writeFile").mockRejectedValue(Object.assign(new Error("read-only"), { code: "EROFS" }));
    try {
      await runNext();
    } finally {
      write.mockRestore();
    }
    expect(await outcome(id)).toMatchObject({ status: "failed", code: "storage" });
    await schemaChanged(id);
    expect(await queue.requeueGeneration(id)).toBe(true);
    await runNext();
    expect(await outcome(id)).toMatchObject({ status: "succeeded", notBilled: false });
    expect(await submits("eachlabs")).toBe(1);
  });

  it("a job collected by id after a restart is polled, not failed as invalid input", async () => {
    await emu.reset();
    const { id, model, input } = await queued("eachlabs", "an owl [[latency:300]]");
    const lost = await queue.claimNext("lost", [], 60_000);
    const req = adapters.eachlabs.buildRequest({ model, input, baseUrl: `${emulator.url}/eachlabs`, apiKey: KEYS.eachlabs });
    const res = await fetch(req.url, { method: "POST", headers: req.headers, body: JSON.stringify(req.body) });
    const jobId = ((await res.json()) as { predictionID: string }).predictionID;
    await queue.updateRunning({ id, workerId: "lost", attempt: lost!.attempts }, { sent: req.body, providerRequestId: jobId });
    await recovery.recoverExpired(["eachlabs"], new Date(Date.now() + 60_001));
    await schemaChanged(id);
    await runNext("new");
    expect(await outcome(id)).toMatchObject({ status: "succeeded", notBilled: false });
    expect(await submits("eachlabs")).toBe(1);
  });
});
