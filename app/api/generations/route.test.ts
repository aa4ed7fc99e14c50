/**
 * `Idempotency-Key` on the routes that start paid work: a client whose connection dropped after sending, and that
 * sends again, gets the first answer and pays once. Run against the provider emulator, the queue drained by the job
 * pipeline, so "pays once" is counted where the provider would bill: its submits.
 */
import fs from "node:fs";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { RunningEmulator } from "@/emulator/server";
import { emulatedWorld, EmulatorControl } from "@/lib/jobs/pipeline.test-helpers";
import { getModel } from "@/lib/providers";

// The queue is drained below, one job at a time, so the submits are counted after every job has run.
vi.mock("@/lib/jobs/runner", () => ({ wakeRunner: async () => {} }));

let emulator: RunningEmulator;
let emu: EmulatorControl;
let dataDir: string;
let generations: typeof import("./route");
let comparisons: typeof import("../runs/route");
let suiteRuns: typeof import("../suites/[id]/runs/route");
let queue: typeof import("@/lib/db/queue");
let exec: typeof import("@/lib/jobs/execute");
let dbModule: typeof import("@/lib/db/client");

beforeAll(async () => {
  ({ emulator, emu, dataDir } = await emulatedWorld("idempotency-route", { segmind: "SG_idem-test-key", fal: "fal-idem-test:key" }));
  [generations, comparisons, suiteRuns, queue, exec, dbModule] = await Promise.all([
    import("./route"),
    import("../runs/route"),
    import("../suites/[id]/runs/route"),
    import("@/lib/db/queue"),
    import("@/lib/jobs/execute"),
    import("@/lib/db/client"),
  ]);
});

afterAll(async () => {
  await (await dbModule.db()).$disconnect();
  await emulator.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  vi.unstubAllEnvs();
});

const SEGMIND = { provider: "segmind", model: "stable-diffusion-3.5-large-txt2img" };
const generation = (prompt: string) => ({ ...SEGMIND, input: { ...getModel(SEGMIND.provider, SEGMIND.model)!.defaults, prompt, seed: 7 } });

function request(url: string, body: unknown, key?: string) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (key !== undefined) headers["idempotency-key"] = key;
  return new Request(`http://localhost${url}`, { method: "POST", headers, body: JSON.stringify(body) });
}

const generate = (body: unknown, key?: string) => generations.POST(request("/api/generations", body, key));

async function answer(res: Response) {
  return { status: res.status, replayed: res.headers.get("idempotent-replayed"), body: (await res.json()) as Record<string, unknown> };
}

const runCount = async () => (await dbModule.db()).run.count();

/** Runs every queued generation the way the runner does; then counts what reached each provider. */
async function drain() {
  for (;;) {
    const claimed = await queue.claimNext("idempotency-test", [], 60_000);
    if (!claimed) return;
    await exec.executeGeneration(claimed, new AbortController().signal, "idempotency-test");
  }
}

/** Runs what earlier tests queued, then forgets the emulator's log: what is counted next is this test's alone. */
async function freshCount() {
  await drain();
  await emu.reset();
}

const submits = async (provider: "segmind" | "fal") =>
  (await emu.requests(provider)).filter((r) => r.method === "POST" && !r.path.includes("cancel")).length;

describe("POST /api/generations with Idempotency-Key", () => {
  it("answers the same key and body twice with the first answer: one run, one provider submit, the replay header", async () => {
    await freshCount();
    const before = await runCount();
    const key = randomUUID();
    const first = await answer(await generate(generation("a lighthouse"), key));
    const again = await answer(await generate(generation("a lighthouse"), key));
    expect(first).toMatchObject({ status: 202, replayed: null, body: { ok: true, runId: expect.any(String) } });
    expect(again).toEqual({ ...first, replayed: "true" });
    expect(await runCount()).toBe(before + 1);
    await drain();
    expect(await submits("segmind")).toBe(1);
  });

  it("refuses the same key with another body: 422 naming the header, nothing started", async () => {
    const key = randomUUID();
    expect((await generate(generation("a fox"), key)).status).toBe(202);
    const before = await runCount();
    const other = await answer(await generate(generation("a fox at night"), key));
    expect(other).toMatchObject({ status: 422, replayed: null, body: { ok: false, code: "key_reused" } });
    expect(other.body.message).toMatch(/Idempotency-Key was already used with a different request/);
    expect(await runCount()).toBe(before);
  });

  it("starts one run for concurrent requests with one key, and each gets its answer", async () => {
    await freshCount();
    const before = await runCount();
    const key = randomUUID();
    const answers = await Promise.all([1, 2, 3].map(() => generate(generation("a heron"), key).then(answer)));
    expect(await runCount()).toBe(before + 1);
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202]);
    expect(new Set(answers.map((a) => a.body.runId)).size).toBe(1);
    // The one that ran answers plainly; the others waited for it and got its answer again.
    expect(answers.filter((a) => a.replayed === null)).toHaveLength(1);
    await drain();
    expect(await submits("segmind")).toBe(1);
  });

  it("refuses an empty key or one over 255 characters with 400 naming the header", async () => {
    const before = await runCount();
    for (const key of ["", "k".repeat(256)]) {
      const refused = await answer(await generate(generation("a moth"), key));
      expect(refused).toMatchObject({ status: 400, body: { ok: false, code: "invalid_input" } });
      expect(refused.body.message).toMatch(/^The Idempotency-Key header /);
    }
    expect((await generate(generation("a moth"), "k".repeat(255))).status).toBe(202);
    expect(await runCount()).toBe(before + 1);
  });

  it("keeps no answer for a refused request: the key can be sent again once the request is fixed", async () => {
    const key = randomUUID();
    const refused = await generate({ ...SEGMIND, input: { ...generation("a wren").input, steps: 5000 } }, key);
    expect(refused.status).toBe(400);
    const fixed = await answer(await generate(generation("a wren"), key));
    expect(fixed).toMatchObject({ status: 202, replayed: null, body: { ok: true } });
  });

  it("starts a new run for a key older than the retention window (24 hours)", async () => {
    const key = randomUUID();
    const first = await answer(await generate(generation("a kiln"), key));
    await (await dbModule.db()).idempotencyKey.updateMany({ where: { key }, data: { createdAt: new Date(Date.now() - 25 * 3600_000) } });
    const later = await answer(await generate(generation("a kiln"), key));
    expect(later).toMatchObject({ status: 202, replayed: null });
    expect(later.body.runId).not.toBe(first.body.runId);
  });

  it("starts a run per request without a key, as before", async () => {
    const before = await runCount();
    await generate(generation("an otter"));
    await generate(generation("an otter"));
    expect(await runCount()).toBe(before + 2);
  });
});

describe("the other routes that start paid work", () => {
  it("POST /api/runs answers a comparison sent twice with one key once", async () => {
    const body = { shared: { prompt: "a kettle", size: "1:1", seed: 3 }, targets: [{ ...SEGMIND, overrides: {} }, { provider: "fal", model: "fal-ai/stable-diffusion-v35-large", overrides: {} }] };
    const key = randomUUID();
    const before = await runCount();
    const send = () => comparisons.POST(request("/api/runs", body, key)).then(answer);
    const [first, again] = [await send(), await send()];
    expect(first).toMatchObject({ status: 202, replayed: null, body: { ok: true } });
    expect(again).toEqual({ ...first, replayed: "true" });
    expect(await runCount()).toBe(before + 1);
    const other = await comparisons.POST(request("/api/runs", { ...body, confirmed: true }, key));
    expect(other.status).toBe(422);
  });

  it("POST /api/suites/<id>/runs answers a suite run sent twice with one key once", async () => {
    const { saveSuite } = await import("@/lib/actions/save-suite");
    const saved = (await saveSuite({ name: "idempotent", text: "a cat\na dog", format: "lines" })) as { suiteId: string };
    const body = { shared: { size: "1:1" }, targets: [{ ...SEGMIND, overrides: {} }], confirmed: true };
    const key = randomUUID();
    const before = await runCount();
    const send = () => suiteRuns.POST(request(`/api/suites/${saved.suiteId}/runs`, body, key), { params: Promise.resolve({ id: saved.suiteId }) }).then(answer);
    const [first, again] = await Promise.all([send(), send()]);
    expect(first.body).toMatchObject({ ok: true, images: 2 });
    expect(again.body).toEqual(first.body);
    expect([first.replayed, again.replayed].sort()).toEqual([null, "true"].sort());
    expect(await runCount()).toBe(before + 1);
  });
});
