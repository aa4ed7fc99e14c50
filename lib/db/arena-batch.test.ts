/**
 * Arena pairs from batches (suites, grids): a run holds many prompts and settings, so a pair must be two targets'
 * answers to the same cell — same prompt, same values on every other axis — and the prompt shown is that cell's.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { freshDatabaseUrl } from "./test-database.test-helpers";

type Modules = {
  arena: typeof import("./arena");
  runs: typeof import("./runs");
  queue: typeof import("./queue");
  helpers: typeof import("./queue.test-helpers");
  storage: typeof import("@/lib/storage/images");
  client: typeof import("./client");
};

let dataDir: string;
let m: Modules;
const AIML = { provider: "aimlapi", model: "stable-diffusion-v35-large" };
const SEG = { provider: "segmind", model: "stable-diffusion-3.5-large-txt2img" };

async function finish(generationId: string, r: number) {
  const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r, g: 40, b: 90 } } }).png().toBuffer();
  const stored = await m.storage.storeImage(new Uint8Array(png));
  await m.queue.completeGeneration(await m.helpers.claimForTest(generationId), { seed: "42", providerMs: 10, downloadMs: 1, warnings: [], images: [stored] });
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sd3-arena-batch-"));
  vi.stubEnv("DATA_DIR", dataDir);
  vi.stubEnv("DATABASE_URL", await freshDatabaseUrl());
  vi.stubEnv("PROVIDER_EMULATOR", "on");
  vi.resetModules();
  m = {
    arena: await import("./arena"),
    runs: await import("./runs"),
    queue: await import("./queue"),
    helpers: await import("./queue.test-helpers"),
    storage: await import("@/lib/storage/images"),
    client: await import("./client"),
  };
}, 60_000);

afterAll(async () => {
  if (m) {
    const client = await m.client.db();
    const images = await client.image.findMany({ select: { file: true } });
    await Promise.all(images.map((i) => m.storage.ensureRenditions(i.file).catch(() => undefined)));
    await client.$disconnect();
  }
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  vi.unstubAllEnvs();
});

/** Every pair the voter is dealt from `runId` until none is left, as the two generations' ids. */
async function dealAll(runId: string, voter: string) {
  const client = await m.client.db();
  const dealt = [];
  for (;;) {
    const pair = await m.arena.dealPair({ voter, runId }, "/x");
    if (!pair) return dealt;
    const stored = (await client.arenaPair.findUnique({ where: { id: pair.pairId } }))!;
    const gens = await client.generation.findMany({ where: { id: { in: [stored.leftId, stored.rightId] } } });
    dealt.push({ shown: pair.prompt, gens });
  }
}

describe("arena pairs from batches", () => {
  it("pairs a suite's targets on the same prompt only, and shows that prompt, not the suite's name", async () => {
    const prompts = ["a red fox in snow", "a lighthouse at dusk", "three apples on a table"];
    const targets = prompts.flatMap((prompt, y) =>
      [AIML, SEG].map((t, x) => ({ ...t, prompt, input: { prompt, seed: 7 }, cell: { x, y } })),
    );
    const run = await m.runs.createRun({ kind: "suite", prompt: "My suite", targets });
    for (const [i, id] of run.generationIds.entries()) await finish(id, 20 + i * 30);
    const dealt = await dealAll(run.runId, "11111111-1111-4111-8111-111111111111");
    // One pair per prompt: aimlapi vs segmind on it.
    expect(dealt).toHaveLength(3);
    for (const d of dealt) {
      expect(d.gens[0]!.prompt).toBe(d.gens[1]!.prompt);
      expect(d.shown).toBe(d.gens[0]!.prompt);
    }
  });

  it("pairs a grid's targets only in cells with the same values on the other axes", async () => {
    // X: provider/model; Y: steps 10, 40.
    const targets = [10, 40].flatMap((steps, y) =>
      [AIML, SEG].map((t, x) => ({ ...t, prompt: "a cat", input: { prompt: "a cat", seed: 7, num_inference_steps: steps }, cell: { x, y } })),
    );
    const run = await m.runs.createRun({ kind: "grid", prompt: "a cat", targets });
    for (const [i, id] of run.generationIds.entries()) await finish(id, 30 + i * 40);
    const dealt = await dealAll(run.runId, "22222222-2222-4222-8222-222222222222");
    expect(dealt).toHaveLength(2);
    for (const d of dealt) expect(d.gens[0]!.cellY).toBe(d.gens[1]!.cellY);
  });
});
