/**
 * Arena pairs and votes against a real (temporary) database: pairs come from one run's targets, are never dealt again
 * to a voter who voted on them, a vote is stored once, and the images a pair serves carry no metadata.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { freshDatabaseUrl } from "./test-database.test-helpers";
import type { RevealDTO } from "@/lib/arena/types";

type Modules = {
  arena: typeof import("./arena");
  runs: typeof import("./runs");
  queue: typeof import("./queue");
  helpers: typeof import("./queue.test-helpers");
  storage: typeof import("@/lib/storage/images");
  metadata: typeof import("@/lib/metadata");
  client: typeof import("./client");
  handlers: typeof import("@/lib/arena/handlers");
};

const PROMPT = "an arena lighthouse 51c2";
let dataDir: string;
let m: Modules;
let runId: string;
const VOTER = "11111111-1111-4111-8111-111111111111";
const OTHER = "22222222-2222-4222-8222-222222222222";

async function finish(generationId: string, r: number, width = 64) {
  const png = await sharp({ create: { width, height: (width * 3) / 4, channels: 3, background: { r, g: 40, b: 90 } } }).png().toBuffer();
  const withText = await m.metadata.embedSettings(new Uint8Array(png), "image/png", { a1111: `${PROMPT}\nSteps: 20, Seed: 42`, json: JSON.stringify({ prompt: PROMPT, provider: "segmind" }) });
  const stored = await m.storage.storeImage(withText);
  await m.queue.completeGeneration(await m.helpers.claimForTest(generationId), { seed: "42", providerMs: 10, downloadMs: 1, warnings: [], images: [stored] });
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sd3-arena-"));
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
    metadata: await import("@/lib/metadata"),
    client: await import("./client"),
    handlers: await import("@/lib/arena/handlers"),
  };
  const target = (provider: string, model: string) => ({ provider, model, prompt: PROMPT, input: { prompt: PROMPT, seed: 42 } });
  const run = await m.runs.createRun({
    kind: "compare",
    prompt: PROMPT,
    targets: [target("aimlapi", "stable-diffusion-v35-large"), target("segmind", "stable-diffusion-3.5-large-txt2img"), target("eachlabs", "stable-diffusion-3.5-large")],
  });
  runId = run.runId;
  for (const [i, id] of run.generationIds.entries()) await finish(id, 40 + i * 60);
  // A single run never makes pairs.
  const single = await m.runs.createRun({ kind: "single", prompt: "alone", targets: [target("aimlapi", "stable-diffusion-v35-large")] });
  await finish(single.generationIds[0]!, 10);
}, 60_000);

afterAll(async () => {
  if (m) {
    // Renditions are made in the background when an image is stored: let them finish before the folder goes.
    const client = await m.client.db();
    const images = await client.image.findMany({ select: { file: true, thumbFile: true } });
    await Promise.all(images.map((i) => m.storage.ensureRenditions(i.file).catch(() => undefined)));
    await client.$disconnect();
  }
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  vi.unstubAllEnvs();
});

describe("arena", () => {
  it("deals each pair of different targets once per voter, then says there are none left", async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const pair = await m.arena.dealPair({ voter: VOTER }, "/api/arena/pairs");
      expect(pair).not.toBeNull();
      expect(pair!.prompt).toBe(PROMPT);
      expect(pair!.leftUrl).toBe(`/api/arena/pairs/${pair!.pairId}/left`);
      // Nothing in what the browser gets names a generation, an image or a provider.
      expect(JSON.stringify(pair)).not.toMatch(/aimlapi|segmind|eachlabs|[0-9a-f]{8}-[0-9a-f]{4}/i);
      const reveal = (await m.arena.castVote({ pairId: pair!.pairId, outcome: "left", idempotencyKey: crypto.randomUUID(), voter: VOTER })) as RevealDTO | null;
      expect(reveal).not.toBeNull();
      const key = [reveal!.left, reveal!.right].sort().join("|");
      expect(seen.has(key)).toBe(false);
      seen.add(key);
    }
    expect(await m.arena.dealPair({ voter: VOTER }, "/api/arena/pairs")).toBeNull();
    // Another voter still has all three.
    expect(await m.arena.dealPair({ voter: OTHER, runId }, "/x")).not.toBeNull();
  });

  it("stores a vote sent twice once, and refuses a pair dealt to someone else", async () => {
    const pair = (await m.arena.dealPair({ voter: OTHER, runId }, "/x"))!;
    const key = crypto.randomUUID();
    const client = await m.client.db();
    const before = await client.arenaVote.count();
    const [a, b] = await Promise.all([
      m.arena.castVote({ pairId: pair.pairId, outcome: "tie", idempotencyKey: key, voter: OTHER }),
      m.arena.castVote({ pairId: pair.pairId, outcome: "tie", idempotencyKey: key, voter: OTHER }),
    ]);
    const again = await m.arena.castVote({ pairId: pair.pairId, outcome: "right", idempotencyKey: crypto.randomUUID(), voter: OTHER });
    expect(a).toEqual(b);
    expect(again).toEqual(a);
    expect(await client.arenaVote.count()).toBe(before + 1);
    const stranger = (await m.arena.dealPair({ voter: OTHER, runId }, "/x"))!;
    expect(await m.arena.castVote({ pairId: stranger.pairId, outcome: "left", idempotencyKey: crypto.randomUUID(), voter: VOTER })).toBeNull();
  });

  it("serves pair images re-encoded with no metadata, only within the share that dealt them", async () => {
    const pair = (await m.arena.dealPair({ voter: "33333333-3333-4333-8333-333333333333", runId }, "/x"))!;
    const res = await m.handlers.pairImageResponse(pair.pairId, "left", { shareId: null, runId: null });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/webp");
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.toString("latin1")).not.toMatch(/Steps:|lighthouse|segmind|parameters/);
    const meta = await sharp(bytes).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect((await m.handlers.pairImageResponse(pair.pairId, "left", { shareId: "some-share", runId: null })).status).toBe(404);
    expect((await m.handlers.pairImageResponse(pair.pairId, "top", { shareId: null, runId: null })).status).toBe(404);
  });

  it("serves both sides of a pair at the same size, whatever size each provider delivered", async () => {
    const target = (provider: string, model: string) => ({ provider, model, prompt: PROMPT, input: { prompt: PROMPT, seed: 42 } });
    const run = await m.runs.createRun({ kind: "compare", prompt: PROMPT, targets: [target("aimlapi", "stable-diffusion-v35-large"), target("segmind", "stable-diffusion-3.5-large-txt2img")] });
    // One provider answered at the size asked, the other at half of it: the pixel size must not tell them apart.
    await finish(run.generationIds[0]!, 70, 128);
    await finish(run.generationIds[1]!, 140, 64);
    const pair = (await m.arena.dealPair({ voter: "77777777-7777-4777-8777-777777777777", runId: run.runId }, "/x"))!;
    const sizes = [];
    for (const side of ["left", "right"] as const) {
      const meta = await sharp(Buffer.from(await (await m.handlers.pairImageResponse(pair.pairId, side, { shareId: null, runId: null })).arrayBuffer())).metadata();
      sizes.push(`${meta.width}x${meta.height}`);
    }
    expect(sizes[0], "left and right differ in size").toBe(sizes[1]);
  });

  it("a vote on a pair whose image was deleted after it was dealt is stored nowhere, and says why", async () => {
    const target = (provider: string, model: string) => ({ provider, model, prompt: PROMPT, input: { prompt: PROMPT, seed: 42 } });
    const run = await m.runs.createRun({ kind: "compare", prompt: PROMPT, targets: [target("aimlapi", "stable-diffusion-v35-large"), target("segmind", "stable-diffusion-3.5-large-txt2img")] });
    await finish(run.generationIds[0]!, 30);
    await finish(run.generationIds[1]!, 200);
    const voter = "88888888-8888-4888-8888-888888888888";
    const pair = (await m.arena.dealPair({ voter, runId: run.runId }, "/x"))!;
    const client = await m.client.db();
    await client.generation.delete({ where: { id: run.generationIds[1]! } });
    const before = await client.arenaVote.count();
    // Not "not yours" (a 404 the voter would retry in vain): gone, so the page deals another pair.
    expect(await m.arena.castVote({ pairId: pair.pairId, outcome: "left", idempotencyKey: crypto.randomUUID(), voter })).toBe("gone");
    expect(await client.arenaVote.count()).toBe(before);
  });

  it("has a shared link's pair images revalidated on every use, so a revoked link stops showing them", async () => {
    const ctx = { shareId: "share-cache", runId: null };
    const pair = (await m.arena.dealPair({ voter: "55555555-5555-4555-8555-555555555555", runId, shareId: ctx.shareId }, "/x"))!;
    const res = await m.handlers.pairImageResponse(pair.pairId, "right", ctx);
    expect(res.headers.get("cache-control")).toBe("private, no-cache");
    const etag = res.headers.get("etag")!;
    // The tag names the pair only: nothing that would tell which image, let alone which provider, it is.
    expect(etag).toBe(`"${pair.pairId}-right"`);
    expect((await m.handlers.pairImageResponse(pair.pairId, "right", ctx, etag)).status).toBe(304);
    expect((await m.handlers.pairImageResponse(pair.pairId, "right", { shareId: "another-share", runId: null }, etag)).status).toBe(404);
  });

  it("groups votes by scope: mine, through shared links, all", async () => {
    const mine = await m.arena.voteGroups({ kind: "mine", voter: VOTER });
    expect(mine.reduce((s, g) => s + g.n, 0)).toBe(3);
    expect((await m.arena.voteGroups({ kind: "shared" })).length).toBe(0);
    expect((await m.arena.voteGroups({ kind: "all" })).reduce((s, g) => s + g.n, 0)).toBe(4);
  });

  it("pairs live images with live ones and emulator placeholders with placeholders, never one with the other", async () => {
    const target = (provider: string, model: string) => ({ provider, model, prompt: PROMPT, input: { prompt: PROMPT, seed: 42 } });
    const run = await m.runs.createRun({
      kind: "compare",
      prompt: PROMPT,
      targets: [
        target("aimlapi", "stable-diffusion-v35-large"),
        target("replicate", "stable-diffusion-3.5-large"),
        target("segmind", "stable-diffusion-3.5-large-txt2img"),
        target("eachlabs", "stable-diffusion-3.5-large"),
      ],
    });
    for (const [i, id] of run.generationIds.entries()) await finish(id, 30 + i * 50);
    // Segmind and Eachlabs had no key: the built-in emulator answered for them (execute.ts records it as it sends).
    const client = await m.client.db();
    await client.generation.updateMany({ where: { id: { in: run.generationIds.slice(2) } }, data: { emulated: true } });
    const dealt = await dealAll(run.runId, "66666666-6666-4666-8666-666666666666");
    expect(dealt.map((d) => d.gens.map((g) => `${g.provider}:${g.emulated}`).sort().join(" "))).toEqual(
      expect.arrayContaining(["aimlapi:false replicate:false", "eachlabs:true segmind:true"]),
    );
    expect(dealt).toHaveLength(2);
  });

  it("never deals a pair still on screen again, and counts one vote per two images", async () => {
    const voter = "44444444-4444-4444-8444-444444444444";
    // The arena page deals the pair on screen and fetches the next at once: three deals, three different pairs.
    const dealt = [];
    for (let i = 0; i < 3; i++) dealt.push((await m.arena.dealPair({ voter, runId }, "/x"))!);
    expect(await m.arena.dealPair({ voter, runId }, "/x")).toBeNull();
    const client = await m.client.db();
    const pairs = await client.arenaPair.findMany({ where: { id: { in: dealt.map((d) => d.pairId) } } });
    expect(new Set(pairs.map((p) => p.pairKey)).size).toBe(3);
    // The same two images dealt to the voter again all the same (two tabs at once): the second vote is the first,
    // revealed as that tab shows them (sides swapped there), so the names land on the images they belong to.
    const again = await client.arenaPair.create({ data: { ...pairs[0]!, id: `again-${pairs[0]!.id}`, leftId: pairs[0]!.rightId, rightId: pairs[0]!.leftId } });
    const first = (await m.arena.castVote({ pairId: pairs[0]!.id, outcome: "left", idempotencyKey: crypto.randomUUID(), voter })) as RevealDTO;
    expect(await m.arena.castVote({ pairId: again.id, outcome: "left", idempotencyKey: crypto.randomUUID(), voter })).toEqual({ outcome: "right", left: first.right, right: first.left });
    expect(await client.arenaVote.count({ where: { voter } })).toBe(1);
    // The two tabs vote at the same moment: the database keeps one, and both answer with it.
    const twin = await client.arenaPair.create({ data: { ...pairs[1]!, id: `twin-${pairs[1]!.id}` } });
    const both = await Promise.all([
      m.arena.castVote({ pairId: pairs[1]!.id, outcome: "left", idempotencyKey: crypto.randomUUID(), voter }),
      m.arena.castVote({ pairId: twin.id, outcome: "right", idempotencyKey: crypto.randomUUID(), voter }),
    ]);
    expect(await client.arenaVote.count({ where: { voter, pairKey: pairs[1]!.pairKey } })).toBe(1);
    expect(both[0]).not.toBeNull();
    expect(both[1]).toEqual(both[0]);
  });
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

/**
 * Arena pairs from batches (suites, grids): a run holds many prompts and settings, so a pair must be two targets'
 * answers to the same cell (same prompt, same values on every other axis), and the prompt shown is that cell's.
 */
describe("arena pairs from batches", () => {
  const AIML_T = { provider: "aimlapi", model: "stable-diffusion-v35-large" };
  const SEG_T = { provider: "segmind", model: "stable-diffusion-3.5-large-txt2img" };

  it("pairs a suite's targets on the same prompt only, and shows that prompt, not the suite's name", async () => {
    const prompts = ["a red fox in snow", "a lighthouse at dusk", "three apples on a table"];
    const targets = prompts.flatMap((prompt, y) =>
      [AIML_T, SEG_T].map((t, x) => ({ ...t, prompt, input: { prompt, seed: 7 }, cell: { x, y } })),
    );
    const run = await m.runs.createRun({ kind: "suite", prompt: "My suite", targets });
    for (const [i, id] of run.generationIds.entries()) await finish(id, 20 + i * 30);
    const dealt = await dealAll(run.runId, VOTER);
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
      [AIML_T, SEG_T].map((t, x) => ({ ...t, prompt: "a cat", input: { prompt: "a cat", seed: 7, num_inference_steps: steps }, cell: { x, y } })),
    );
    const run = await m.runs.createRun({ kind: "grid", prompt: "a cat", targets });
    for (const [i, id] of run.generationIds.entries()) await finish(id, 30 + i * 40);
    const dealt = await dealAll(run.runId, OTHER);
    expect(dealt).toHaveLength(2);
    for (const d of dealt) expect(d.gens[0]!.cellY).toBe(d.gens[1]!.cellY);
  });
});
