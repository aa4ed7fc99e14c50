/**
 * The arena over a gallery where pairs are rare: most comparisons have one finished target (the others failed or are
 * still queued), so a deal that reads only a few runs from a random point finds nothing. "No pairs left" must mean
 * that no run has one for this voter, not that the few runs read had none. A database of its own: the deals here
 * range over every run.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { freshDatabaseUrl, testEngine } from "./test-database.test-helpers";

let dataDir: string;
let m: { arena: typeof import("./arena"); runs: typeof import("./runs"); queue: typeof import("./queue"); helpers: typeof import("./queue.test-helpers"); client: typeof import("./client") };
let paired: string[];

const AIML = { provider: "aimlapi", model: "stable-diffusion-v35-large" };
const SEG = { provider: "segmind", model: "stable-diffusion-3.5-large-txt2img" };

/** A comparison of AI/ML API and Segmind on `prompt` in which only the first `finished` targets succeeded. */
async function comparison(prompt: string, finished: number): Promise<string[]> {
  const run = await m.runs.createRun({ kind: "compare", prompt, targets: [AIML, SEG].map((t) => ({ ...t, prompt, input: { prompt, seed: 3 } })) });
  const done = run.generationIds.slice(0, finished);
  for (const id of done) {
    // The deal reads rows only: an image row stands for the file.
    const image = { sha256: id.replaceAll("-", ""), file: `${id}.png`, thumbFile: `${id}.webp`, mime: "image/png", width: 8, height: 8, bytes: 1 };
    await m.queue.completeGeneration(await m.helpers.claimForTest(id), { seed: "3", providerMs: 10, downloadMs: 1, warnings: [], images: [image] });
  }
  return done;
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sd3-arena-sparse-"));
  vi.stubEnv("DATA_DIR", dataDir);
  vi.stubEnv("DATABASE_URL", await freshDatabaseUrl());
  vi.stubEnv("PROVIDER_EMULATOR", "on");
  vi.resetModules();
  m = { arena: await import("./arena"), runs: await import("./runs"), queue: await import("./queue"), helpers: await import("./queue.test-helpers"), client: await import("./client") };
  for (let i = 0; i < 40; i++) await comparison(`a lone lighthouse ${i}`, 1);
  paired = await comparison("the one pair", 2);
}, 120_000);

afterAll(async () => {
  if (m) await (await m.client.db()).$disconnect();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  vi.unstubAllEnvs();
});

it(`deals the one pair among forty pairless comparisons to every new voter, then says none are left (${testEngine})`, async () => {
  for (let i = 0; i < 30; i++) {
    const voter = crypto.randomUUID();
    const pair = await m.arena.dealPair({ voter }, "/x");
    expect(pair, `deal ${i}`).not.toBeNull();
    expect(pair!.prompt).toBe("the one pair");
    const stored = await (await m.client.db()).arenaPair.findUniqueOrThrow({ where: { id: pair!.pairId } });
    expect([stored.leftId, stored.rightId].sort()).toEqual([...paired].sort());
    expect(await m.arena.castVote({ pairId: pair!.pairId, outcome: "tie", idempotencyKey: crypto.randomUUID(), voter })).not.toBeNull();
    // Voted on, so this voter has nothing left anywhere.
    expect(await m.arena.dealPair({ voter }, "/x")).toBeNull();
  }
}, 120_000);
