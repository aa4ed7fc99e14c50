/**
 * The image store on a real folder: a write cut off partway, a thumbnail that fails, a delete racing a generation
 * that has just stored the same bytes, leftovers of a crash, and a folder that cannot be written.
 */
import fs from "node:fs";
import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

type Storage = typeof import("./images");
let storage: Storage;
let dataDir: string;
let imagesDir: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sd3-storage-"));
  imagesDir = path.join(dataDir, "images");
  fs.mkdirSync(imagesDir, { recursive: true });
  vi.stubEnv("DATA_DIR", dataDir);
  vi.stubEnv("PROVIDER_EMULATOR", "off");
  vi.resetModules();
  storage = await import("./images");
});

afterEach(() => vi.restoreAllMocks());

afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  vi.unstubAllEnvs();
});

let shade = 0;
async function png() {
  shade += 7;
  return new Uint8Array(
    await sharp({ create: { width: 48, height: 32, channels: 3, background: { r: shade % 256, g: 90, b: 30 } } }).png().toBuffer(),
  );
}

const under = (rel: string) => path.join(imagesDir, rel);

describe("storeImage", () => {
  it("a write cut off partway leaves no file under the image's final name", async () => {
    const bytes = await png();
    const real = fsp.writeFile;
    vi.spyOn(fsp, "writeFile").mockImplementation(async (file, data) => {
      // Half the bytes reach the disk, then the disk is full.
      await real(file, (data as Uint8Array).subarray(0, 10));
      throw Object.assign(new Error("no space left on device"), { code: "ENOSPC" });
    });
    await expect(storage.storeImage(bytes)).rejects.toThrow(/no space/);
    vi.restoreAllMocks();
    const { createHash } = await import("node:crypto");
    const sha = createHash("sha256").update(bytes).digest("hex");
    expect(fs.existsSync(under(`${sha.slice(0, 2)}/${sha}.png`))).toBe(false);
    // Stored whole on the next attempt.
    const stored = await storage.storeImage(bytes);
    stored.release();
    expect(fs.readFileSync(under(stored.file)).equals(Buffer.from(bytes))).toBe(true);
  });

  it("a thumbnail that fails does not fail the image", async () => {
    const bytes = await png();
    vi.spyOn(sharp.prototype, "webp").mockImplementation(() => {
      throw new Error("thumbnail encoder crashed");
    });
    vi.spyOn(console, "error").mockImplementation(() => {});
    const stored = await storage.storeImage(bytes);
    stored.release();
    expect(fs.existsSync(under(stored.file))).toBe(true);
    await vi.waitFor(() => expect(console.error).toHaveBeenCalledWith("[storage] rendition failed", expect.any(Error)));
  });
});

describe("removeUnreferenced", () => {
  it("keeps a file that a running generation has just stored but not yet recorded", async () => {
    const stored = await storage.storeImage(await png());
    const files = [{ file: stored.file, thumbFile: stored.thumbFile }];
    const nothingReferences = async () => new Set<string>();
    // A delete of another run that used the same bytes races the generation.
    expect(await storage.removeUnreferenced(files, nothingReferences)).toBe(0);
    expect(fs.existsSync(under(stored.file))).toBe(true);
    stored.release();
    expect(await storage.removeUnreferenced(files, nothingReferences)).toBe(1);
    expect(fs.existsSync(under(stored.file))).toBe(false);
  });
});

describe("removeUnreferenced over several files", () => {
  it("asks again before each removal, so a file an image starts using meanwhile is kept", async () => {
    const a = await storage.storeImage(await png());
    const b = await storage.storeImage(await png());
    a.release();
    b.release();
    // While the first file is removed, a generation stores the second file's bytes and records its image row.
    let asked = 0;
    const referenced = async () => (++asked > 1 ? new Set([b.file]) : new Set<string>());
    expect(await storage.removeUnreferenced([a, b], referenced)).toBe(1);
    expect(fs.existsSync(under(a.file))).toBe(false);
    expect(fs.existsSync(under(b.file))).toBe(true);
  });
});

describe("crash leftovers and an unwritable folder", () => {
  it("removes stale *.tmp files, keeps fresh ones and everything else", async () => {
    const dir = under("cd");
    fs.mkdirSync(dir, { recursive: true });
    const stale = path.join(dir, "cd1.png.aaaa.tmp");
    const fresh = path.join(dir, "cd2.png.bbbb.tmp");
    const image = path.join(dir, "cd3.png");
    for (const f of [stale, fresh, image]) fs.writeFileSync(f, "x");
    const old = new Date(Date.now() - 5 * 60_000);
    fs.utimesSync(stale, old, old);
    fs.utimesSync(image, old, old);
    expect(await storage.cleanStaleTemp(imagesDir, 60_000)).toBe(1);
    expect([fs.existsSync(stale), fs.existsSync(fresh), fs.existsSync(image)]).toEqual([false, true, true]);
  });

  it("reports a folder that cannot be written, and recovers when it can", async () => {
    expect(await storage.storageProblem()).toBeNull();
    vi.spyOn(fsp, "writeFile").mockRejectedValue(Object.assign(new Error("read-only file system"), { code: "EROFS" }));
    await new Promise((r) => setTimeout(r, 2100)); // past the cached answer
    expect(await storage.storageProblem()).toMatch(/cannot be written \(EROFS\)/);
    vi.restoreAllMocks();
    await new Promise((r) => setTimeout(r, 2100));
    expect(await storage.storageProblem()).toBeNull();
  });
});

describe("imagePath", () => {
  it("stays inside the images folder", () => {
    expect(storage.imagePath("ab/abcdef.png")).toBe(path.join(imagesDir, "ab", "abcdef.png"));
    // A sibling whose name starts like the folder ("images-evil") is outside it too.
    for (const escape of ["../images-evil/x.png", "../playground.db", "/etc/passwd", "ab/../../x", "..", ""]) {
      expect(() => storage.imagePath(escape), escape).toThrow(/escapes the image folder/);
    }
  });
});
