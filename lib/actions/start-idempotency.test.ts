/**
 * The forms' server actions take the key each submission makes (lib/client/submission-key.ts): a submission the
 * network delivers twice starts one run. Also what a claim does when its request is refused, or left in progress.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { freshDatabaseUrl } from "@/lib/db/test-database.test-helpers";

vi.mock("@/lib/jobs/runner", () => ({ wakeRunner: async () => {} }));

let dataDir: string;
let m: {
  grid: typeof import("./start-grid");
  comparison: typeof import("./start-comparison");
  generation: typeof import("./start-generation");
  suite: typeof import("./start-suite-run");
  saveSuite: typeof import("./save-suite");
  rerun: typeof import("./rerun");
  idempotency: typeof import("./idempotency");
  keys: typeof import("@/lib/db/idempotency");
  client: typeof import("@/lib/db/client");
  providers: typeof import("@/lib/providers");
};
beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sd3-idempotent-actions-"));
  vi.stubEnv("DATA_DIR", dataDir);
  vi.stubEnv("DATABASE_URL", await freshDatabaseUrl());
  vi.stubEnv("PROVIDER_EMULATOR", "on");
  vi.stubEnv("CONFIRM_ABOVE_IMAGES", "4");
  vi.resetModules();
  const [grid, comparison, generation, suite, saveSuite, rerun, idempotency, keys, client, providers] = await Promise.all([
    import("./start-grid"),
    import("./start-comparison"),
    import("./start-generation"),
    import("./start-suite-run"),
    import("./save-suite"),
    import("./rerun"),
    import("./idempotency"),
    import("@/lib/db/idempotency"),
    import("@/lib/db/client"),
    import("@/lib/providers"),
  ]);
  m = { grid, comparison, generation, suite, saveSuite, rerun, idempotency, keys, client, providers };
});
afterAll(async () => {
  await (await m.client.db()).$disconnect();
  fs.rmSync(dataDir, { recursive: true, force: true });
  vi.unstubAllEnvs();
});

const runs = async () => (await m.client.db()).run.count();
const fal = { provider: "fal", model: "fal-ai/stable-diffusion-v35-large" };
const segmind = { provider: "segmind", model: "stable-diffusion-3.5-large-txt2img" };
const grid = { ...fal, base: { prompt: "a lantern", seed: 11 }, axes: [{ kind: "list", field: "num_inference_steps", values: ["20", "30"] }] };

describe("a form's submission delivered twice", () => {
  it("a grid: one run, the same answer", async () => {
    const before = await runs();
    const key = randomUUID();
    const first = await m.grid.startGrid(grid, { idempotencyKey: key });
    const again = await m.grid.startGrid(grid, { idempotencyKey: key });
    expect(first).toMatchObject({ ok: true, runId: expect.any(String) });
    expect(again).toEqual(first);
    expect(m.idempotency.wasReplayed(again)).toBe(true);
    expect(m.idempotency.wasReplayed(first)).toBe(false);
    expect(await runs()).toBe(before + 1);
  });

  it("a comparison, both at once: one run", async () => {
    const before = await runs();
    const key = randomUUID();
    const request = { shared: { prompt: "a bell", size: "1:1", seed: 5 }, targets: [{ ...fal, overrides: {} }, { ...segmind, overrides: {} }] };
    const [a, b] = await Promise.all([m.comparison.startComparison(request, { idempotencyKey: key }), m.comparison.startComparison(request, { idempotencyKey: key })]);
    expect(a).toMatchObject({ ok: true });
    expect(b).toEqual(a);
    expect(await runs()).toBe(before + 1);
  });

  it("a generation and a suite run: one run each", async () => {
    const before = await runs();
    const input = { ...m.providers.getModel(fal.provider, fal.model)!.defaults, prompt: "a kite", seed: 9 };
    const key = randomUUID();
    const g = await m.generation.startGeneration({ ...fal, input }, { idempotencyKey: key });
    expect(await m.generation.startGeneration({ ...fal, input }, { idempotencyKey: key })).toEqual(g);
    const saved = (await m.saveSuite.saveSuite({ name: "twice", text: "a cat\na dog", format: "lines" })) as { suiteId: string };
    const suiteRun = { suiteId: saved.suiteId, shared: { size: "1:1" }, targets: [{ ...fal, overrides: {} }] };
    const suiteKey = randomUUID();
    const s = await m.suite.startSuiteRun(suiteRun, { idempotencyKey: suiteKey });
    expect(s).toMatchObject({ ok: true, images: 2 });
    expect(await m.suite.startSuiteRun(suiteRun, { idempotencyKey: suiteKey })).toEqual(s);
    expect(await runs()).toBe(before + 2);
  });

  it("Run again with a new seed: one new run, though each start draws its own seed", async () => {
    const input = { ...m.providers.getModel(fal.provider, fal.model)!.defaults, prompt: "a boat", seed: 4 };
    const first = (await m.generation.startGeneration({ ...fal, input })) as { runId: string };
    const before = await runs();
    const key = randomUUID();
    const [a, b] = await Promise.all([
      m.rerun.rerun({ runId: first.runId, newSeed: true }, { idempotencyKey: key }),
      m.rerun.rerun({ runId: first.runId, newSeed: true }, { idempotencyKey: key }),
    ]);
    expect(a).toMatchObject({ ok: true, runId: expect.any(String) });
    expect(b).toEqual(a);
    expect(await m.rerun.rerun({ runId: first.runId, newSeed: true }, { idempotencyKey: key })).toEqual(a);
    expect(await runs()).toBe(before + 1);
  });

  it("Run again whose server died once the run was stored: the same key sent again starts no second run", async () => {
    const input = { ...m.providers.getModel(fal.provider, fal.model)!.defaults, prompt: "a kettle", seed: 8 };
    const first = (await m.generation.startGeneration({ ...fal, input })) as { runId: string };
    const before = await runs();
    const key = randomUUID();
    // The server dies once the run is stored: an answer recorded after that transaction is never written.
    const keys = (await m.client.db()).idempotencyKey;
    const write = vi.spyOn(keys, "updateMany").mockRejectedValue(new Error("the server died"));
    let again;
    try {
      again = await m.rerun.rerun({ runId: first.runId, newSeed: true }, { idempotencyKey: key });
    } finally {
      write.mockRestore();
    }
    expect(again).toMatchObject({ ok: true, runId: expect.any(String) });
    // The client never had that answer and sends the click again, after the restart.
    const resent = await m.rerun.rerun({ runId: first.runId, newSeed: true }, { idempotencyKey: key });
    expect(resent).toEqual(again);
    expect(m.idempotency.wasReplayed(resent)).toBe(true);
    expect(await runs()).toBe(before + 1);
  });

  it("a key in another action's request is refused: the fingerprint names the action", async () => {
    const key = randomUUID();
    expect(await m.grid.startGrid(grid, { idempotencyKey: key })).toMatchObject({ ok: true });
    const before = await runs();
    const input = { ...m.providers.getModel(fal.provider, fal.model)!.defaults, prompt: "a lantern" };
    expect(await m.generation.startGeneration({ ...fal, input }, { idempotencyKey: key })).toMatchObject({ ok: false, code: "key_reused" });
    expect(await runs()).toBe(before);
  });
});

describe("a key whose request stored nothing", () => {
  it("is free again: asked to confirm, the confirmed request with the same key runs once", async () => {
    const before = await runs();
    const key = randomUUID();
    const request = { shared: { prompt: "a gate", size: "1:1", seed: 2 }, targets: [{ ...segmind, overrides: { batch_size: 4 } }, { ...fal, overrides: {} }] };
    expect(await m.comparison.startComparison(request, { idempotencyKey: key })).toMatchObject({ ok: false, code: "needs_confirmation" });
    const confirmed = await m.comparison.startComparison({ ...request, confirmed: true }, { idempotencyKey: key });
    expect(confirmed).toMatchObject({ ok: true });
    expect(await m.comparison.startComparison({ ...request, confirmed: true }, { idempotencyKey: key })).toEqual(confirmed);
    expect(await runs()).toBe(before + 1);
  });
});

describe("a key another request holds", () => {
  it("is answered 409 in progress after the wait, then taken over once abandoned (5 minutes)", async () => {
    const key = randomUUID();
    const hash = m.idempotency.fingerprint("startGrid", grid);
    expect(await m.keys.claimKey(key, hash)).toEqual({ state: "claimed" });
    expect(await m.idempotency.claimOrWait(key, hash, 200)).toEqual({ state: "in_progress" });
    expect(await m.keys.claimKey(key, "another request")).toEqual({ state: "other_request" });
    const later = new Date(Date.now() + 6 * 60_000);
    expect(await m.keys.claimKey(key, hash, later)).toEqual({ state: "claimed" });
  });

  it("the fingerprint does not depend on the order of keys", () => {
    expect(m.idempotency.fingerprint("a", { x: 1, y: { p: [1, { r: 2, q: 3 }] } })).toBe(m.idempotency.fingerprint("a", { y: { p: [1, { q: 3, r: 2 }] }, x: 1 }));
    expect(m.idempotency.fingerprint("a", { x: 1 })).not.toBe(m.idempotency.fingerprint("b", { x: 1 }));
  });
});
