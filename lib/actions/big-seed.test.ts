/**
 * DeepInfra's seed runs from 0 to 2^64−1. Past 2^53 it travels as its digits through the API and the comparison
 * (a JSON number there has already lost some), is checked exactly, and is stored as sent.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("@/lib/jobs/runner", () => ({ wakeRunner: async () => {} }));

let dataDir: string;
beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sd3-big-seed-"));
  vi.stubEnv("DATA_DIR", dataDir);
  vi.stubEnv("DATABASE_URL", `file:${path.join(dataDir, "playground.db")}`);
  vi.stubEnv("PROVIDER_EMULATOR", "on");
  vi.resetModules();
});
afterAll(() => {
  vi.unstubAllEnvs();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const postText = (url: string, text: string) =>
  new Request(`http://localhost${url}`, { method: "POST", headers: { "content-type": "application/json" }, body: text });
const generation = (seed: string) => `{"provider":"deepinfra","model":"stabilityai/sd3.5","input":{"prompt":"a fox","aspect_ratio":"1:1","num_inference_steps":35,"guidance_scale":7,"num_images":1,"seed":${seed}}}`;

describe("POST /api/generations with a DeepInfra seed past 2^53", () => {
  it("stores the seed given as digits exactly, up to 2^64−1", async () => {
    const { POST } = await import("@/app/api/generations/route");
    const { getGeneration } = await import("@/lib/db/generations");
    for (const seed of ["12345678901234567891", "18446744073709551615", "9007199254740993"]) {
      const res = await POST(postText("/api/generations", generation(`"${seed}"`)));
      expect(res.status, await res.clone().text()).toBe(202);
      const { generationIds } = (await res.json()) as { generationIds: string[] };
      expect((await getGeneration(generationIds[0]!))?.input.seed).toBe(seed);
    }
  });

  it("refuses 2^64 with the exact range, and a JSON number that has lost digits with how to send it", async () => {
    const { POST } = await import("@/app/api/generations/route");
    const over = await POST(postText("/api/generations", generation('"18446744073709551616"')));
    expect(over.status).toBe(400);
    expect(((await over.json()) as { fieldErrors: Record<string, string> }).fieldErrors.seed).toBe("Seed must be between 0 and 18446744073709551615");
    const rounded = await POST(postText("/api/generations", generation("12345678901234567891")));
    expect(rounded.status).toBe(400);
    expect(((await rounded.json()) as { fieldErrors: Record<string, string> }).fieldErrors.seed).toMatch(/past 9007199254740991.*send it as text of digits/);
  });
});

describe("POST /api/runs (comparison) with a shared seed past 2^53", () => {
  it("sends DeepInfra every digit and a model with a smaller range its largest seed, said", async () => {
    const { POST } = await import("@/app/api/runs/route");
    const { getRun } = await import("@/lib/db/runs");
    const seed = "12345678901234567891";
    const body = JSON.stringify({
      shared: { prompt: "a fox", size: "1:1", seed },
      targets: [{ provider: "deepinfra", model: "stabilityai/sd3.5" }, { provider: "fal", model: "fal-ai/stable-diffusion-v35-large" }],
      confirmed: true,
    });
    const res = await POST(postText("/api/runs", body));
    expect(res.status, await res.clone().text()).toBe(202);
    const { runId } = (await res.json()) as { runId: string };
    const run = await getRun(runId);
    const seeds = Object.fromEntries(run!.generations.map((g) => [g.provider, g.input.seed]));
    // fal's seed is signed 64-bit: its largest, digit for digit.
    expect(seeds).toEqual({ deepinfra: seed, fal: "9223372036854775807" });
  });
});
