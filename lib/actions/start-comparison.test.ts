/**
 * What a comparison request is refused for before anything is stored: a per-target override of a field the shared
 * form sets (the shared value would win, so the request would be billed with settings the caller did not ask for),
 * and a comparison above the confirmation threshold that was not confirmed.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { freshDatabaseUrl } from "@/lib/db/test-database.test-helpers";

vi.mock("@/lib/jobs/runner", () => ({ wakeRunner: async () => {} }));

let dataDir: string;
let m: { start: typeof import("./start-comparison"); client: typeof import("@/lib/db/client") };
beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sd3-compare-refusals-"));
  vi.stubEnv("DATA_DIR", dataDir);
  vi.stubEnv("DATABASE_URL", await freshDatabaseUrl());
  vi.stubEnv("PROVIDER_EMULATOR", "on");
  vi.stubEnv("CONFIRM_ABOVE_IMAGES", "4");
  vi.resetModules();
  m = { start: await import("./start-comparison"), client: await import("@/lib/db/client") };
});
afterAll(async () => {
  await (await m.client.db()).$disconnect();
  fs.rmSync(dataDir, { recursive: true, force: true });
  vi.unstubAllEnvs();
});

const segmind = (overrides: Record<string, unknown>) => ({ provider: "segmind", model: "stable-diffusion-3.5-large-txt2img", overrides });
const fal = { provider: "fal", model: "fal-ai/stable-diffusion-v35-large", overrides: {} };
const shared = { prompt: "a cat", size: "1:1" };
const stored = async () => (await m.client.db()).run.count();

describe("a comparison's per-target overrides", () => {
  it("refuses one naming a shared field, on that field, and stores nothing", async () => {
    const result = await m.start.startComparison({ shared, targets: [segmind({ guidance_scale: 9, steps: 50 }), fal] });
    expect(result).toMatchObject({
      ok: false,
      code: "invalid_input",
      message: 'Segmind · Stable Diffusion 3.5 Large: "guidance_scale", "steps" are set by the shared settings for every target, not per target.',
      fieldErrors: {
        "targets.0.overrides.guidance_scale": "Set by the shared settings for every target, not per target.",
        "targets.0.overrides.steps": "Set by the shared settings for every target, not per target.",
      },
    });
    expect(await stored()).toBe(0);
  });

  it("takes one naming the target's own field", async () => {
    const result = await m.start.startComparison({ shared, targets: [segmind({ sampler: "euler" }), fal] });
    expect(result.ok).toBe(true);
    const run = await (await m.client.db()).generation.findFirst({ where: { provider: "segmind" }, orderBy: { createdAt: "desc" } });
    expect(JSON.parse(run!.input).sampler).toBe("euler");
  });
});

describe("a comparison above the confirmation threshold", () => {
  it("is asked about with its images and dollars, stores nothing until confirmed, then runs", async () => {
    const before = await stored();
    // Segmind's batch of 4 and fal's one image: 5 images, above CONFIRM_ABOVE_IMAGES=4.
    const request = { shared, targets: [segmind({ batch_size: 4 }), fal] };
    const asked = await m.start.startComparison(request);
    expect(asked).toMatchObject({ ok: false, code: "needs_confirmation", images: 5, message: expect.stringMatching(/^Confirm this comparison: /) });
    expect(await stored()).toBe(before);
    expect((await m.start.startComparison({ ...request, confirmed: true })).ok).toBe(true);
    expect(await stored()).toBe(before + 1);
  });
});

describe("a comparison or suite run with values out of range", () => {
  it("is refused in words from the field's label and range, not zod's defaults", async () => {
    const before = await stored();
    const steps = await m.start.startComparison({ shared: { ...shared, steps: 500, cfg: "7" }, targets: [segmind({}), fal] });
    expect(steps).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { steps: "Steps must be between 1 and 100", cfg: "Guidance (CFG) must be a number, not text: send 7 without quotes" } });
    const sampler = await m.start.startComparison({ shared, targets: [segmind({ sampler: "bogus" }), fal] });
    expect(sampler).toMatchObject({ ok: false, message: "Segmind · Stable Diffusion 3.5 Large: Pick one of the listed sampler options" });
    const { startSuiteRun } = await import("./start-suite-run");
    const suite = await startSuiteRun({ suiteId: "5f0c6a3e-8a8b-4c1e-9a51-3f1f2b9b7c10", shared: { size: "1:1", steps: 500 }, targets: [segmind({})] });
    expect(suite).toMatchObject({ ok: false, code: "invalid_input", message: "Steps must be between 1 and 100", fieldErrors: { "shared.steps": "Steps must be between 1 and 100" } });
    expect(await stored()).toBe(before);
  });
});

describe("a suite run of a suite edited since the page showed it", () => {
  it("is refused with both revisions and stores nothing; the revision shown runs its own prompts", async () => {
    const { saveSuite } = await import("@/lib/actions/save-suite");
    const { startSuiteRun } = await import("./start-suite-run");
    const created = (await saveSuite({ name: "edited elsewhere", text: "a cat\na dog", format: "lines" })) as { suiteId: string };
    // Another tab adds a prompt while this one still shows revision 1 (its confirm dialog open, say).
    expect(await saveSuite({ id: created.suiteId, name: "edited elsewhere", text: "a cat\na dog\na fox", format: "lines" })).toMatchObject({ ok: true });
    const before = await stored();
    const run = (revision: number) => startSuiteRun({ suiteId: created.suiteId, revision, shared: { size: "1:1" }, targets: [fal], confirmed: true });
    expect(await run(1)).toMatchObject({
      ok: false,
      code: "stale",
      message: "Nothing was run: this suite was edited since this page showed it (revision 1, now 2). Check its prompts and run again.",
    });
    expect(await stored()).toBe(before);
    expect(await run(2)).toMatchObject({ ok: true, images: 3 });
    expect(await stored()).toBe(before + 1);
  });
});
