/**
 * The image store's contract, on each backend: the local folder always, and the S3-compatible bucket when
 * TEST_STORAGE_URL names one (CI starts s3rver for it); a store that blinks or lacks its bucket on an s3rver started
 * here. Then the app's own path (storeImage → thumbnail and view → read → remove the last reference) through whichever
 * STORAGE_URL is set.
 */
import fs from "node:fs";
import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { MissingImageError, unreadableImage, type ImageBackend } from "./backend";
import { folderBackend } from "./backends/folder";
import { s3Backend } from "./backends/s3";

const s3Url = process.env.TEST_STORAGE_URL;
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "sd3-backends-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function s3(bucket: string, prefix = `t${Date.now()}/`): ImageBackend {
  return s3Backend({
    bucket,
    prefix,
    region: process.env.AWS_REGION ?? "us-east-1",
    endpoint: process.env.S3_ENDPOINT,
    forcePathStyle: true,
  });
}
const bucketOf = (url: string) => url.slice(5).split("/")[0]!;

const cases: [string, () => ImageBackend][] = [["folder", () => folderBackend(path.join(dir, "images"))]];
if (s3Url) cases.push(["s3", () => s3(bucketOf(s3Url))]);

describe.each(cases)("%s backend", (_name, make) => {
  it("stores, reads, tells what it has and removes", async () => {
    const backend = make();
    const bytes = new Uint8Array([1, 2, 3, 250]);
    expect(await backend.has("ab/abc.png")).toBe(false);
    await expect(backend.get("ab/abc.png")).rejects.toBeInstanceOf(MissingImageError);
    await backend.put("ab/abc.png", bytes, "image/png");
    expect(await backend.has("ab/abc.png")).toBe(true);
    expect([...(await backend.get("ab/abc.png"))]).toEqual([...bytes]);
    await backend.remove("ab/abc.png");
    await backend.remove("ab/abc.png");
    expect(await backend.has("ab/abc.png")).toBe(false);
    expect(await backend.problem()).toBeNull();
  });

  it("moves an object, says when there was none, and clears what a cut-off removal parked", async () => {
    const backend = make();
    await backend.put("cd/cde.png", new Uint8Array([9, 8]), "image/png");
    expect(await backend.move("cd/cde.png", "trash/cd/cde.png.x.tmp")).toBe(true);
    expect(await backend.has("cd/cde.png")).toBe(false);
    expect([...(await backend.get("trash/cd/cde.png.x.tmp"))]).toEqual([9, 8]);
    expect(await backend.move("cd/cde.png", "trash/cd/cde.png.y.tmp")).toBe(false);
    // Parked just now: kept by a clean-up of what is a minute old, taken by one of everything.
    expect(await backend.cleanStale(60_000)).toBe(0);
    expect(await backend.cleanStale(-60_000)).toBe(1);
    expect(await backend.has("trash/cd/cde.png.x.tmp")).toBe(false);
  });
});

describe("folder backend", () => {
  // An export counts an image it is told is not there as missing and leaves it out: only "no such file" may say so.
  it("says an object is not there only when it is not: a folder it cannot read is an error", async () => {
    const backend = folderBackend(path.join(dir, "images"));
    vi.spyOn(fsp, "access").mockRejectedValueOnce(Object.assign(new Error("permission denied"), { code: "EACCES" }));
    await expect(backend.has("ef/efg.png")).rejects.toMatchObject({ code: "EACCES" });
    vi.restoreAllMocks();
    expect(await backend.has("ef/efg.png")).toBe(false);
    await backend.put("ef/efg.png", new Uint8Array([1]), "image/png");
    // A path through a file (ENOTDIR) holds nothing either.
    expect(await backend.has("ef/efg.png/x.png")).toBe(false);
    await backend.remove("ef/efg.png");
  });
});

/** A port nothing listens on yet: a store that is down until the test starts it there. */
async function freePort(): Promise<number> {
  const net = await import("node:net");
  return new Promise<number>((resolve) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** An S3-compatible store in this process (s3rver) on `port`, keeping its objects in `folder` across restarts. */
async function startS3(port: number, folder: string, buckets: string[]): Promise<{ close(): Promise<void> }> {
  const { default: S3rver } = await import("s3rver");
  const configureBuckets = buckets.map((name) => ({ name }));
  const server = new S3rver({ port, address: "127.0.0.1", silent: true, directory: path.join(dir, folder), configureBuckets });
  await server.run();
  return server;
}

const later = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("s3 backend on a store that blinks or lacks its bucket", () => {
  beforeAll(() => {
    vi.stubEnv("AWS_ACCESS_KEY_ID", "S3RVER");
    vi.stubEnv("AWS_SECRET_ACCESS_KEY", "S3RVER");
  });
  afterAll(() => vi.unstubAllEnvs());

  it("an upload waits until the store answers again, then lands whole", async () => {
    const port = await freePort();
    const endpoint = `http://127.0.0.1:${port}`;
    const backend = s3Backend({ bucket: "blink", prefix: "", region: "us-east-1", endpoint, forcePathStyle: true, blinkMs: 15_000 });
    const upload = backend.put("ab/blink.png", new Uint8Array([7, 7, 7]), "image/png");
    // Nothing listens yet: the store is down for 1.5 s, then comes up.
    await later(1500);
    const server = await startS3(port, "blink", ["blink"]);
    try {
      await upload;
      expect([...(await backend.get("ab/blink.png"))]).toEqual([7, 7, 7]);
    } finally {
      await server.close();
    }
  });

  // storeImage asks whether the bytes are stored before it uploads them: that question must not fail a paid image
  // the upload itself would have waited out. Nor must the second write, after the row is recorded.
  it("storeImage and its release after the record wait out a store that is down, as the upload does", async () => {
    const port = await freePort();
    vi.stubEnv("DATA_DIR", path.join(dir, "app-blink"));
    vi.stubEnv("STORAGE_URL", "s3://blink-app/app");
    vi.stubEnv("S3_ENDPOINT", `http://127.0.0.1:${port}`);
    vi.stubEnv("S3_FORCE_PATH_STYLE", "true");
    vi.resetModules();
    const storage = await import("./images");
    const png = new Uint8Array(await sharp({ create: { width: 40, height: 40, channels: 3, background: "#36c" } }).png().toBuffer());
    const storing = storage.storeImage(png);
    await later(1500);
    let server = await startS3(port, "blink-app", ["blink-app"]);
    try {
      const stored = await storing;
      expect([...(await storage.readImage(stored.file))]).toEqual([...png]);
      await vi.waitFor(async () => expect(await storage.imageBackend().has(stored.thumbFile)).toBe(true));

      // Removed by another process before the row landed, and the store blinks as this one writes it again.
      await storage.imageBackend().remove(stored.file);
      await server.close();
      const releasing = stored.release(true);
      await later(1500);
      server = await startS3(port, "blink-app", ["blink-app"]);
      await releasing;
      expect([...(await storage.readImage(stored.file))]).toEqual([...png]);
    } finally {
      await server.close();
    }
  });

  // A typo in STORAGE_URL or a deleted bucket: the images are not gone, the store is wrong (503, not 404 for each).
  it("a missing bucket is the store failing, not every image missing", async () => {
    const port = await freePort();
    const server = await startS3(port, "buckets", ["present"]);
    const endpoint = `http://127.0.0.1:${port}`;
    const at = (bucket: string) => s3Backend({ bucket, prefix: "", region: "us-east-1", endpoint, forcePathStyle: true, blinkMs: 1000 });
    vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const gone = await at("no-such-bucket").get("ab/abc.png").catch((error: unknown) => error);
      expect(gone).not.toBeInstanceOf(MissingImageError);
      expect(gone).toMatchObject({ name: "NoSuchBucket" });
      const answer = unreadableImage(gone, "images");
      expect([answer.status, answer.headers.get("retry-after")]).toEqual([503, "5"]);
      await expect(at("no-such-bucket").move("ab/abc.png", "trash/ab/abc.png.x.tmp")).rejects.toMatchObject({ name: "NoSuchBucket" });
      // A HEAD has no body to name the bucket: asked whether an image is stored, the store fails rather than says no.
      const asked = await at("no-such-bucket").has("ab/abc.png").catch((error: unknown) => error);
      expect(asked).toMatchObject({ $metadata: { httpStatusCode: 404 } });
      // In a bucket that is there, an object that is not is still missing.
      const missing = await at("present").get("ab/abc.png").catch((error: unknown) => error);
      expect(missing).toBeInstanceOf(MissingImageError);
      expect(unreadableImage(missing, "images").status).toBe(404);
      expect(await at("present").move("ab/abc.png", "trash/ab/abc.png.x.tmp")).toBe(false);
      expect(await at("present").has("ab/abc.png")).toBe(false);
    } finally {
      vi.restoreAllMocks();
      await server.close();
    }
  });
});

describe.runIf(Boolean(s3Url))("s3 backend problems", () => {
  it("names a missing bucket without any credential", async () => {
    const problem = await s3("no-such-bucket-sd3").problem();
    expect(problem).toMatch(/the bucket no-such-bucket-sd3 cannot be reached \(no such bucket\)/);
    expect(problem).not.toContain(process.env.AWS_SECRET_ACCESS_KEY ?? "\0");
  });
});

describe.each(s3Url ? ["folder", "s3"] : ["folder"])("the app's image path on %s", (kind) => {
  let storage: typeof import("./images");
  beforeAll(async () => {
    vi.stubEnv("DATA_DIR", path.join(dir, `app-${kind}`));
    vi.stubEnv("STORAGE_URL", kind === "s3" ? `${s3Url}/app${Date.now()}` : undefined);
    vi.resetModules();
    storage = await import("./images");
  });
  afterAll(() => vi.unstubAllEnvs());

  it("stores an original once, makes its thumbnail and view, and removes all three with the last reference", async () => {
    const png = new Uint8Array(await sharp({ create: { width: 1400, height: 700, channels: 3, background: "#c33" } }).png().toBuffer());
    const a = await storage.storeImage(png);
    const b = await storage.storeImage(png);
    a.release();
    b.release();
    expect(b.file).toBe(a.file);
    expect([...(await storage.readImage(a.file))]).toEqual([...png]);
    // Asked for before the store's own delayed encoding: made on demand, once.
    const view = await storage.imageBytes(a, "view");
    const thumb = await storage.imageBytes(a, "thumb");
    for (const [r, width] of [[view, 1024], [thumb, 512]] as const) {
      const meta = await sharp(r.data).metadata();
      expect([r.mime, meta.format, meta.width, meta.height]).toEqual(["image/webp", "webp", width, width / 2]);
    }
    expect(a.thumbFile).toBe(storage.renditionFile(a.file, "thumb"));
    const viewFile = storage.renditionFile(a.file, "view");
    expect(await storage.imageBackend().has(viewFile)).toBe(true);
    expect(await storage.removeUnreferenced([a], async () => new Set([a.file]))).toBe(0);
    expect(await storage.imageBackend().has(a.file)).toBe(true);
    expect(await storage.removeUnreferenced([a], async () => new Set())).toBe(1);
    for (const rel of [a.file, a.thumbFile, viewFile]) expect(await storage.imageBackend().has(rel)).toBe(false);
  });

  // Another process stores the same bytes while this one deletes the last row that used them. Its row lands either
  // between this process's two checks, or after the file is gone: the file survives both ways.
  it("keeps a file whose row another process records while it is being removed", async () => {
    const png = new Uint8Array(await sharp({ create: { width: 40, height: 40, channels: 3, background: "#3c3" } }).png().toBuffer());
    const a = await storage.storeImage(png);
    await a.release();
    let checks = 0;
    const recordedAfterFirstCheck = async () => (++checks > 1 ? new Set([a.file]) : new Set<string>());
    expect(await storage.removeUnreferenced([a], recordedAfterFirstCheck)).toBe(0);
    expect([...(await storage.readImage(a.file))]).toEqual([...png]);

    // The other process found the file there, then this one removed it before the other's row landed.
    const b = await storage.storeImage(png);
    await storage.imageBackend().remove(a.file);
    await b.release(true);
    expect([...(await storage.readImage(a.file))]).toEqual([...png]);
  });
});
