/**
 * An uploaded input image is checked against the provider's documented pixel limits on the server, before anything is
 * stored or sent: Stability refuses images with a side under 64 px, and the person should read that on the image
 * field at once, not as the provider's refusal after a round trip.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { freshDatabaseUrl } from "@/lib/db/test-database.test-helpers";
import { getModel } from "@/lib/providers";
import { imageSizeProblem } from "./input-image-check";

vi.mock("@/lib/jobs/runner", () => ({ wakeRunner: async () => {} }));

const png = async (width: number, height: number) =>
  `data:image/png;base64,${(await sharp({ create: { width, height, channels: 3, background: "#808080" } }).png().toBuffer()).toString("base64")}`;
const notAnImage = `data:image/png;base64,${Buffer.from("definitely not a png, just text").toString("base64")}`;

let dataDir: string;
let m: { generation: typeof import("@/lib/actions/start-generation"); comparison: typeof import("@/lib/actions/start-comparison"); client: typeof import("@/lib/db/client") };
const fetchSpy = vi.fn(async () => new Response("no provider call expected", { status: 599 }));
beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sd3-input-image-"));
  vi.stubEnv("DATA_DIR", dataDir);
  vi.stubEnv("DATABASE_URL", await freshDatabaseUrl());
  vi.stubEnv("PROVIDER_EMULATOR", "on");
  vi.stubGlobal("fetch", fetchSpy);
  vi.resetModules();
  m = {
    generation: await import("@/lib/actions/start-generation"),
    comparison: await import("@/lib/actions/start-comparison"),
    client: await import("@/lib/db/client"),
  };
});
afterEach(() => expect(fetchSpy).not.toHaveBeenCalled());
afterAll(async () => {
  await (await m.client.db()).$disconnect();
  vi.unstubAllGlobals();
  vi.unstubAllEnvs();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const stored = async () => (await m.client.db()).run.count();
const stability = (image: string) => ({ provider: "stability", model: "sd3.5-large", input: { ...getModel("stability", "sd3.5-large")!.defaults, prompt: "a cat", image, strength: 0.6 } });

describe("imageSizeProblem", () => {
  it("says the limit and the image's own size", () => {
    expect(imageSizeProblem("Input image", { width: 40, height: 30 }, { minSide: 64 })).toBe(
      "The input image must be at least 64 px on each side; this one is 40 × 30 px.",
    );
    expect(imageSizeProblem("Input image", { width: 64, height: 64 }, { minSide: 64 })).toBeNull();
    expect(imageSizeProblem("Input image", { width: 5000, height: 100 }, { maxSide: 4096 })).toMatch(/at most 4,096 px on each side; this one is 5,000 × 100 px/);
    expect(imageSizeProblem("Input image", { width: 2000, height: 2000 }, { maxPixels: 1_000_000 })).toMatch(/at most 1,000,000 pixels/);
  });
});

describe("a Stability input image", () => {
  it("smaller than 64 px on a side is refused on the image field, before anything is stored or sent", async () => {
    const before = await stored();
    const result = await m.generation.startGeneration(stability(await png(40, 30)));
    expect(result).toMatchObject({
      ok: false,
      code: "invalid_input",
      fieldErrors: { image: "The input image must be at least 64 px on each side; this one is 40 × 30 px." },
    });
    expect(await stored()).toBe(before);
  });

  it("that is not an image at all is refused the same way", async () => {
    const result = await m.generation.startGeneration(stability(notAnImage));
    expect(result).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { image: "The input image could not be read as a PNG, JPEG or WebP image." } });
  });

  it("of 64 × 64 px is accepted", async () => {
    const result = await m.generation.startGeneration(stability(await png(64, 200)));
    expect(result).toMatchObject({ ok: true });
  });

  it("is checked through POST /api/generations with a 400", async () => {
    const { POST } = await import("@/app/api/generations/route");
    const res = await POST(new Request("http://localhost/api/generations", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(stability(await png(63, 512))) }));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { fieldErrors: Record<string, string> }).fieldErrors.image).toBe("The input image must be at least 64 px on each side; this one is 63 × 512 px.");
  });

  it("is checked in a comparison, on that target's field", async () => {
    const before = await stored();
    const result = await m.comparison.startComparison({
      shared: { prompt: "a cat", size: "1:1" },
      targets: [
        { provider: "stability", model: "sd3.5-large", overrides: { image: await png(32, 32), strength: 0.5 } },
        { provider: "fal", model: "fal-ai/stable-diffusion-v35-large", overrides: {} },
      ],
    });
    expect(result).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { "targets.0.image": "The input image must be at least 64 px on each side; this one is 32 × 32 px." } });
    expect(await stored()).toBe(before);
  });

  it("is checked in a grid before any cell is stored", async () => {
    const before = await stored();
    const { startGrid } = await import("@/lib/actions/start-grid");
    const result = await startGrid({
      provider: "stability",
      model: "sd3.5-large",
      base: { prompt: "a cat", image: await png(48, 640), strength: 0.5 },
      axes: [{ kind: "list", field: "cfg_scale", values: ["3", "5"] }],
    });
    expect(result).toMatchObject({ ok: false, code: "invalid_input", message: "The input image must be at least 64 px on each side; this one is 48 × 640 px." });
    expect(await stored()).toBe(before);
  });

  it("is checked in a suite run, on that target's override", async () => {
    const { saveSuite } = await import("@/lib/actions/save-suite");
    const suite = await saveSuite({ name: "tiny image", text: "a cat\na dog", format: "lines" });
    expect(suite).toMatchObject({ ok: true });
    const before = await stored();
    const { startSuiteRun } = await import("@/lib/actions/start-suite-run");
    const result = await startSuiteRun({
      suiteId: (suite as { suiteId: string }).suiteId,
      shared: { size: "1:1" },
      targets: [{ provider: "stability", model: "sd3.5-large", overrides: { image: await png(20, 20), strength: 0.5 } }],
    });
    expect(result).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { "targets.0.overrides.image": "The input image must be at least 64 px on each side; this one is 20 × 20 px." } });
    expect(await stored()).toBe(before);
  });
});
