/**
 * The share data layer and the share-scoped image routes against a real (temporary) database and image folder.
 * The env is read once per process, so it is set before the app modules are first imported (dynamic imports below).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { freshDatabaseUrl } from "./test-database.test-helpers";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

type Modules = {
  shares: typeof import("./shares");
  runs: typeof import("./runs");
  generations: typeof import("./generations");
  queue: typeof import("./queue");
  helpers: typeof import("./queue.test-helpers");
  storage: typeof import("@/lib/storage/images");
  metadata: typeof import("@/lib/metadata");
  client: typeof import("./client");
  imageRoute: typeof import("@/app/s/[token]/image/[imageId]/route");
  previewRoute: typeof import("@/app/s/[token]/preview/route");
};

const PROMPT = "a secret lighthouse prompt 7f3a";
let dataDir: string;
let m: Modules;
let runId: string;
let generationIds: string[];
let imageIds: string[];
let otherImageId: string;

async function pngWithPrompt(r: number) {
  const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r, g: 40, b: 90 } } }).png().toBuffer();
  return m.metadata.embedSettings(new Uint8Array(png), "image/png", {
    a1111: `${PROMPT}\nSteps: 20, Seed: 42`,
    json: JSON.stringify({ prompt: PROMPT, seed: "42" }),
  });
}

async function finish(generationId: string, r: number) {
  const stored = await m.storage.storeImage(await pngWithPrompt(r));
  await m.queue.completeGeneration(await m.helpers.claimForTest(generationId), { seed: "42", providerMs: 10, downloadMs: 1, warnings: [], images: [stored] });
}

function imageRequest(token: string, imageId: string, query = "") {
  return m.imageRoute.GET(new Request(`http://127.0.0.1/s/${token}/image/${imageId}${query}`), {
    params: Promise.resolve({ token, imageId }),
  });
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sd3-shares-"));
  vi.stubEnv("DATA_DIR", dataDir);
  vi.stubEnv("DATABASE_URL", await freshDatabaseUrl());
  vi.stubEnv("PROVIDER_EMULATOR", "on");
  vi.resetModules();
  m = {
    shares: await import("./shares"),
    runs: await import("./runs"),
    generations: await import("./generations"),
    queue: await import("./queue"),
    helpers: await import("./queue.test-helpers"),
    storage: await import("@/lib/storage/images"),
    metadata: await import("@/lib/metadata"),
    client: await import("./client"),
    imageRoute: await import("@/app/s/[token]/image/[imageId]/route"),
    previewRoute: await import("@/app/s/[token]/preview/route"),
  };
  const target = (provider: string, model: string) => ({ provider, model, prompt: PROMPT, input: { prompt: PROMPT, seed: 42 } });
  ({ runId, generationIds } = await m.runs.createRun({
    kind: "compare",
    prompt: PROMPT,
    shared: { values: { prompt: PROMPT, size: "1:1", seed: 42 }, targets: [{ overrides: {} }, { overrides: { steps: 12 } }] },
    targets: [target("aimlapi", "stable-diffusion-v35-large"), target("segmind", "stable-diffusion-3.5-large-txt2img")],
  }));
  await finish(generationIds[0]!, 200);
  await finish(generationIds[1]!, 20);
  const run = await m.runs.getRun(runId);
  imageIds = run!.generations.map((g) => g.images[0]!.id);

  const other = await m.runs.createRun({ kind: "single", prompt: "other", targets: [target("aimlapi", "stable-diffusion-v35-large")] });
  await finish(other.generationIds[0]!, 120);
  otherImageId = (await m.generations.getGeneration(other.generationIds[0]!))!.images[0]!.id;
});

afterAll(async () => {
  if (m) {
    const client = await m.client.db();
    const images = await client.image.findMany({ select: { file: true, thumbFile: true } });
    await Promise.all(images.map((i) => m.storage.ensureRenditions(i.file).catch(() => undefined)));
    await client.$disconnect();
  }
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  vi.unstubAllEnvs();
});

describe("shares", () => {
  it("creates a share with a fresh token unrelated to any id, and refuses unknown targets", async () => {
    const a = await m.shares.createShare({ target: { runId }, includePrompt: false });
    const b = await m.shares.createShare({ target: { runId }, includePrompt: false });
    expect(a && b).toBeTruthy();
    expect(a!.token).not.toBe(b!.token);
    expect(a!.token).toHaveLength(32);
    for (const id of [a!.id, runId, ...generationIds]) expect(a!.token).not.toContain(id.replace(/-/g, "").slice(0, 8));
    expect(a!.path).toBe(`/s/${a!.token}`);
    expect(await m.shares.createShare({ target: { runId: "00000000-0000-4000-8000-000000000000" }, includePrompt: true })).toBeNull();
    expect(await m.shares.createShare({ target: { generationId: "00000000-0000-4000-8000-000000000000" }, includePrompt: true })).toBeNull();
  });

  it("a run shared without the prompt reveals no prompt, seed or parameters", async () => {
    const share = await m.shares.createShare({ target: { runId }, includePrompt: false });
    const view = await m.shares.getActiveShareByToken(share!.token);
    expect(view).not.toBeNull();
    expect(view!.kind).toBe("run");
    expect(view!.prompt).toBeNull();
    expect(view!.settings).toBeNull();
    expect(view!.targets).toHaveLength(2);
    expect(view!.targets.map((t) => t.provider)).toEqual(["aimlapi", "segmind"]);
    for (const t of view!.targets) {
      expect(t.seed).toBeNull();
      expect(t.params).toBeNull();
      expect(t.overrides).toBeNull();
      expect(t.images[0]!.url).toBe(`/s/${share!.token}/image/${t.images[0]!.id}`);
    }
    expect(JSON.stringify(view)).not.toContain("lighthouse");
  });

  it("a run shared with the prompt carries the prompt, settings, seeds and per-target overrides", async () => {
    const share = await m.shares.createShare({ target: { runId }, includePrompt: true });
    const view = await m.shares.getActiveShareByToken(share!.token);
    expect(view!.prompt).toBe(PROMPT);
    expect(view!.settings).toMatchObject({ size: "1:1", seed: 42 });
    expect(view!.targets[0]!.seed).toBe("42");
    expect(view!.targets[0]!.overrides).toBeNull();
    expect(view!.targets[1]!.overrides).toEqual({ steps: 12 });
  });

  it("a single generation's share shows that generation only", async () => {
    const share = await m.shares.createShare({ target: { generationId: generationIds[1]! }, includePrompt: true });
    const view = await m.shares.getActiveShareByToken(share!.token);
    expect(view!.kind).toBe("generation");
    expect(view!.targets.map((t) => t.id)).toEqual([generationIds[1]]);
    expect(view!.settings).toBeNull();
    expect(view!.targets[0]!.params).toMatchObject({ prompt: PROMPT });
    // The other target's image is outside this share.
    expect(await m.shares.getActiveSharedImage(share!.token, imageIds[0]!)).toBeNull();
    expect(await m.shares.getActiveSharedImage(share!.token, imageIds[1]!)).not.toBeNull();
  });

  it("lists active shares newest first and revoking removes a share everywhere at once", async () => {
    const share = await m.shares.createShare({ target: { runId }, includePrompt: false });
    const listed = (await m.shares.listActiveShares())!.items;
    expect(listed[0]!.id).toBe(share!.id);
    expect(listed[0]).toMatchObject({ kind: "run", runKind: "compare", includePrompt: false, targetCount: 2, prompt: PROMPT });
    expect(listed[0]!.thumbUrl).toBe(`/api/images/${imageIds[0]}?thumb=1`);

    expect(await m.shares.revokeShare(share!.id)).toBe(true);
    expect(await m.shares.revokeShare(share!.id)).toBe(false);
    expect(await m.shares.getActiveShareByToken(share!.token)).toBeNull();
    expect(await m.shares.getActiveSharedImage(share!.token, imageIds[0]!)).toBeNull();
    expect(await m.shares.getActiveSharePreviewImages(share!.token)).toBeNull();
    expect((await m.shares.listActiveShares())!.items.map((s) => s.id)).not.toContain(share!.id);
  });

  it("pages through every active link, older ones included, however many there are", async () => {
    // Five links made in the same millisecond: the id breaks the tie, so no page repeats or skips one.
    const made = [];
    for (let i = 0; i < 5; i++) made.push((await m.shares.createShare({ target: { runId }, includePrompt: i % 2 === 0 }))!);
    const active = (await m.shares.listActiveShares({ limit: 500 }))!;
    const seen: string[] = [];
    let page = (await m.shares.listActiveShares({ limit: 2 }))!;
    expect(page.total).toBe(active.items.length);
    expect(page.items).toHaveLength(2);
    // A link on the first page is revoked before the next page is read: the later pages neither skip nor repeat one.
    expect(await m.shares.revokeShare(page.items[0]!.id)).toBe(true);
    seen.push(...page.items.map((s) => s.id));
    while (page.nextCursor) {
      page = (await m.shares.listActiveShares({ limit: 2, cursor: page.nextCursor }))!;
      seen.push(...page.items.map((s) => s.id));
    }
    expect(seen).toEqual(active.items.map((s) => s.id));
    for (const share of made) expect(seen).toContain(share.id);
    expect(page.total).toBe(active.items.length - 1);
    // A hand-edited cursor is not a place in the list.
    expect(await m.shares.listActiveShares({ cursor: "not-a-cursor" })).toBeNull();
  });

  it("rejects malformed and unknown tokens", async () => {
    expect(await m.shares.getActiveShareByToken("nope")).toBeNull();
    expect(await m.shares.getActiveShareByToken("A".repeat(32))).toBeNull();
  });
});

describe("share image routes", () => {
  it("strip embedded settings from originals and thumbnails when the prompt is hidden", async () => {
    const share = await m.shares.createShare({ target: { runId }, includePrompt: false });
    // The stored original does carry the prompt, so the check below means something.
    const original = await (await fetchStored(imageIds[0]!)).arrayBuffer();
    expect((await m.metadata.readSettings(new Uint8Array(original))).a1111).toContain(PROMPT);

    for (const query of ["", "?thumb=1"]) {
      const res = await imageRequest(share!.token, imageIds[0]!, query);
      expect(res.status).toBe(200);
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect(await m.metadata.readSettings(bytes)).toEqual({});
      expect(Buffer.from(bytes).includes(Buffer.from("lighthouse"))).toBe(false);
      expect((await sharp(bytes).metadata()).width).toBeGreaterThan(0);
    }
  });

  it("keep the original bytes when the prompt is shared", async () => {
    const share = await m.shares.createShare({ target: { runId }, includePrompt: true });
    const res = await imageRequest(share!.token, imageIds[1]!);
    expect(res.status).toBe(200);
    expect((await m.metadata.readSettings(new Uint8Array(await res.arrayBuffer()))).a1111).toContain(PROMPT);
  });

  it("answer one identical 404 for revoked, unknown, malformed and out-of-share requests", async () => {
    const share = await m.shares.createShare({ target: { runId }, includePrompt: false });
    const revoked = await m.shares.createShare({ target: { runId }, includePrompt: false });
    await m.shares.revokeShare(revoked!.id);
    const answers = [
      await imageRequest(revoked!.token, imageIds[0]!),
      await imageRequest("B".repeat(32), imageIds[0]!),
      await imageRequest("short", imageIds[0]!),
      await imageRequest(share!.token, otherImageId),
      await imageRequest(share!.token, "not-an-id"),
    ];
    for (const res of answers) {
      expect(res.status).toBe(404);
      expect(await res.text()).toBe("Not found");
      expect(Object.fromEntries(res.headers)).toEqual(Object.fromEntries(answers[0]!.headers));
    }
  });

  it("make a 1200×630 preview without metadata, and 404 once revoked", async () => {
    const share = await m.shares.createShare({ target: { runId }, includePrompt: false });
    const call = () => m.previewRoute.GET(new Request("http://127.0.0.1/x"), { params: Promise.resolve({ token: share!.token }) });
    const res = await call();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/jpeg");
    const meta = await sharp(new Uint8Array(await res.arrayBuffer())).metadata();
    expect([meta.width, meta.height, meta.exif, meta.xmp]).toEqual([1200, 630, undefined, undefined]);
    await m.shares.revokeShare(share!.id);
    expect((await call()).status).toBe(404);
  });
});

async function fetchStored(imageId: string) {
  const row = await m.generations.imageFile(imageId);
  return new Response(new Uint8Array(fs.readFileSync(m.storage.imagePath(row!.file))));
}
