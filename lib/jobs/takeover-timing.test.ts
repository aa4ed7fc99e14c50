/**
 * Latency after a takeover: a worker claimed a job 2 s after it was submitted and died mid-way; another process took
 * it over (recovery.ts) and finished it. The scorecard adds wait + provider + download, so the first wait stands (the
 * provider's time before the crash is not counted again as waiting) and the time the takeover took is booked to the
 * step the job was in: the total is the time from submission to the end, as the person waited it. The provider is
 * called once, as in durable.test.ts.
 */
import fs from "node:fs";
import { afterAll, beforeAll, beforeEach, expect, it, vi } from "vitest";
import type { RunningEmulator } from "@/emulator/server";
import { testEngine } from "@/lib/db/test-database.test-helpers";
import type { WireRequest } from "@/lib/providers/adapter";
import { emulatedWorld, EmulatorControl } from "./pipeline.test-helpers";

let emulator: RunningEmulator;
let emu: EmulatorControl;
let dataDir: string;
let runs: typeof import("@/lib/db/runs");
let generations: typeof import("@/lib/db/generations");
let queue: typeof import("@/lib/db/queue");
let recovery: typeof import("@/lib/db/recovery");
let exec: typeof import("./execute");
let registry: typeof import("@/lib/providers");
let server: typeof import("@/lib/providers/server");
let dbModule: typeof import("@/lib/db/client");
const KEYS = { aimlapi: "aiml-takeover-test-key", replicate: "r8_takeover-test-key" } as const;
const LEASE = 60_000;

beforeAll(async () => {
  ({ emulator, emu, dataDir } = await emulatedWorld("takeover-timing", KEYS, { PROVIDER_TIMEOUT_MS: "30000" }));
  [runs, generations, queue, recovery, exec, registry, server, dbModule] = await Promise.all([
    import("@/lib/db/runs"),
    import("@/lib/db/generations"),
    import("@/lib/db/queue"),
    import("@/lib/db/recovery"),
    import("./execute"),
    import("@/lib/providers"),
    import("@/lib/providers/server"),
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

/**
 * A job the old worker claimed and sent: stored, claimed, and its request sent to the emulator here (as the old
 * worker did), returning the request and the emulator's answer.
 */
async function sentByOldWorker(provider: keyof typeof KEYS, modelId: string, values: Record<string, unknown>) {
  const model = registry.getModel(provider, modelId)!;
  const input = model.schema.parse({ ...model.defaults, ...values }) as Record<string, unknown>;
  const prompt = String(input.prompt);
  const { generationIds } = await runs.createRun({ kind: "single", prompt, targets: [{ provider, model: modelId, prompt, input }] });
  const old = (await queue.claimNext("old-worker", [], LEASE))!;
  expect(old.id).toBe(generationIds[0]);
  const req: WireRequest = server.adapters[provider].buildRequest({ model, input, baseUrl: `${emulator.url}/${provider}`, apiKey: KEYS[provider] });
  const res = await fetch(req.url, { method: "POST", headers: req.headers, body: JSON.stringify(req.body) });
  return { claim: { id: old.id, workerId: "old-worker", attempt: old.attempts }, req, body: (await res.json()) as Record<string, unknown> };
}

/**
 * The old worker's history, 40 s long: submitted 40 s ago, claimed 2 s later. Then it dies: its lease runs out,
 * recovery takes the job over, and the new worker claims and runs it.
 */
async function takeOverAfterForty(id: string) {
  const client = await dbModule.db();
  const createdAt = new Date(Date.now() - 40_000);
  await client.generation.update({
    where: { id },
    data: { createdAt, startedAt: new Date(createdAt.getTime() + 2000), waitMs: 2000, leaseUntil: new Date(0) },
  });
  await recovery.recoverExpired(["replicate"]);
  const again = (await queue.claimNext("new-worker", [], LEASE))!;
  expect(again.id).toBe(id);
  await exec.executeGeneration(again, new AbortController().signal, "new-worker");
  const done = (await generations.getGeneration(id))!;
  expect({ status: done.status, error: done.error?.message ?? null }).toEqual({ status: "succeeded", error: null });
  const { waitMs, providerMs, downloadMs } = done.timings;
  return { waitMs: waitMs!, providerMs: providerMs!, downloadMs: downloadMs!, wall: Date.parse(done.finishedAt!) - createdAt.getTime() };
}

it(`a download taken over after a crash: the first wait, the provider's 20 s, and the rest as the download (${testEngine})`, async () => {
  const { claim, req, body } = await sentByOldWorker("aimlapi", "stable-diffusion-v35-large", { prompt: "a kite over dunes", image_size: "square" });
  const url = (body.data as { url: string }[])[0]!.url;
  // AI/ML API answered after 20 s; the old worker kept the answer, began the download and died.
  const answer = { images: [{ kind: "url" as const, url }], warnings: [], providerMs: 20_000 };
  expect(await queue.updateRunning(claim, { sent: req.body, phase: "downloading", recovery: answer })).toBe(true);

  const t = await takeOverAfterForty(claim.id);
  expect({ waitMs: t.waitMs, providerMs: t.providerMs }).toEqual({ waitMs: 2000, providerMs: 20_000 });
  expect(t.downloadMs).toBeGreaterThanOrEqual(18_000);
  expect(Math.abs(t.waitMs + t.providerMs + t.downloadMs - t.wall), JSON.stringify(t)).toBeLessThan(2000);
  expect((await emu.requests("aimlapi")).filter((r) => r.method === "POST")).toHaveLength(1);
});

it(`an async job collected by id after a crash: the first wait, and the provider's time from its send (${testEngine})`, async () => {
  const { claim, req, body } = await sentByOldWorker("replicate", "stable-diffusion-3.5-large-turbo", { prompt: "a tide pool [[latency:400]] [[emulate:pending]]" });
  expect(body.id).toEqual(expect.any(String));
  expect(await queue.updateRunning(claim, { sent: req.body, phase: "submitted", providerRequestId: String(body.id) })).toBe(true);

  const t = await takeOverAfterForty(claim.id);
  expect(t.waitMs).toBe(2000);
  expect(t.providerMs).toBeGreaterThanOrEqual(38_000);
  expect(Math.abs(t.waitMs + t.providerMs + t.downloadMs - t.wall), JSON.stringify(t)).toBeLessThan(2000);
  const submits = (await emu.requests("replicate")).filter((r) => r.method === "POST" && /\/predictions$/.test(r.path));
  expect(submits).toHaveLength(1);
});
