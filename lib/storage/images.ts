import "server-only";
import { createHash, randomBytes } from "node:crypto";
import path from "node:path";
import sharp, { type Metadata } from "sharp";
import { env } from "@/lib/env";
import { unknownParams } from "@/lib/http/query";
import type { ImageBackend } from "./backend";
import { backends } from "./backends";
import { folderBackend } from "./backends/folder";
import { RENDITIONS, renditionFile, renditionKinds, type Rendition } from "./renditions";

export { renditionFile, type Rendition } from "./renditions";
/**
 * Why a store call failed, for one line a person reads: a file system error's code, an S3 error in words ("access
 * denied: check AWS_ACCESS_KEY_ID …"; an S3 error has no `code`), never a credential.
 */
export { s3Cause as storageCause } from "./backends/s3";

export const THUMB_WIDTH = RENDITIONS.thumb.width;

const formats: Record<string, { mime: string; ext: string }> = {
  png: { mime: "image/png", ext: "png" },
  jpeg: { mime: "image/jpeg", ext: "jpg" },
  webp: { mime: "image/webp", ext: "webp" },
  gif: { mime: "image/gif", ext: "gif" },
  avif: { mime: "image/avif", ext: "avif" },
  heif: { mime: "image/avif", ext: "avif" },
};

export class InvalidImageError extends Error {}

const store = globalThis as unknown as {
  __playgroundImages?: { key: string; backend: ImageBackend };
  __playgroundImageProbe?: { backend: ImageBackend; at: number; result: Promise<string | null> };
};

/** This process's image backend, chosen by STORAGE_URL (the folder under DATA_DIR when unset). */
export function imageBackend(): ImageBackend {
  const config = env();
  const key = JSON.stringify([config.storage, config.imagesDir]);
  if (store.__playgroundImages?.key !== key) store.__playgroundImages = { key, backend: backends[config.storage.kind](config) };
  return store.__playgroundImages.backend;
}

/** A stored file's bytes (original or thumbnail), by its relative path. */
export function readImage(relative: string): Promise<Uint8Array> {
  return imageBackend().get(relative);
}

/**
 * Copies image bytes into our storage under a content-hashed name and makes a WebP thumbnail. Identical bytes are
 * stored once. Returns paths relative to the images folder.
 */
export async function storeImage(data: Uint8Array) {
  let meta: Metadata;
  try {
    meta = await sharp(data).metadata();
  } catch {
    throw new InvalidImageError("The provider returned bytes that are not a readable image.");
  }
  const format = meta.format ? formats[meta.format] : undefined;
  if (!format || !meta.width || !meta.height) {
    throw new InvalidImageError(`The provider returned an image in an unsupported format (${meta.format ?? "unknown"}).`);
  }
  const sha256 = createHash("sha256").update(data).digest("hex");
  // Held until the caller records (or gives up on) its Image rows: see removeUnreferenced.
  const unhold = holdHash(sha256);
  const file = `${sha256.slice(0, 2)}/${sha256}.${format.ext}`;
  const thumbFile = renditionFile(file, "thumb");
  const backend = imageBackend();
  // The image was paid for: a store that blinks during the check is no reason to fail it. The check only saves an
  // upload of bytes that may be there already, so a failed one counts as "not there", and put waits the blink out.
  const write = async () => {
    if (!(await backend.has(file).catch(() => false))) await backend.put(file, data, format.mime);
  };
  try {
    await write();
  } catch (error) {
    unhold();
    throw error;
  }
  /**
   * Called once the Image rows are recorded (true) or given up on (false). Once recorded, the file is looked for
   * again: another process deleting the last other row with these bytes may have found no row yet and removed it
   * (see removeUnreferenced); it is then written again from the bytes still in hand.
   */
  const release = async (recorded = false) => {
    try {
      if (recorded) await write();
    } finally {
      unhold();
    }
  };
  // The renditions are made off the critical path: the result is stored as soon as the original is, and the encoder
  // waits a moment so it does not compete with the first view of it (a view that needs one makes it at once).
  setTimeout(() => {
    ensureRenditions(file, data).catch((error: unknown) => console.error("[storage] rendition failed", error));
  }, RENDITION_DELAY_MS).unref();
  return { sha256, file, thumbFile, mime: format.mime, width: meta.width, height: meta.height, bytes: data.byteLength, release };
}

const pendingRenditions = new Map<string, Promise<string>>();

/** How long after an original is stored its renditions are made, unless asked for sooner. */
const RENDITION_DELAY_MS = 250;

/**
 * Makes a WebP rendition of a stored original if it is not there yet (once, however many ask at the same time), and
 * returns its path. `original` is its bytes when the caller has them; the rendition is then made only while the
 * original is stored.
 */
export function ensureRendition(kind: Rendition, file: string, original?: Uint8Array): Promise<string> {
  const target = renditionFile(file, kind);
  const existing = pendingRenditions.get(target);
  if (existing) return existing;
  const work = (async () => {
    const backend = imageBackend();
    if (await backend.has(target)) return target;
    // Deleted meanwhile (nothing referenced it): no rendition without its original.
    if (original && !(await backend.has(file))) return target;
    const { width, quality } = RENDITIONS[kind];
    const bytes = await sharp(original ?? (await backend.get(file)))
      .resize({ width, withoutEnlargement: true })
      .webp({ quality, effort: 2 })
      .toBuffer();
    await backend.put(target, new Uint8Array(bytes), "image/webp");
    return target;
  })().finally(() => pendingRenditions.delete(target));
  pendingRenditions.set(target, work);
  return work;
}

/** Makes every rendition of a stored original that is missing, one after another. */
export async function ensureRenditions(file: string, original?: Uint8Array): Promise<void> {
  for (const kind of renditionKinds) await ensureRendition(kind, file, original);
}

/**
 * The bytes an image route serves for `?thumb` or `?view` (or neither: the original), making the rendition on first
 * use when it is missing (an image stored before it existed, or asked for sooner than the store made it).
 */
export async function imageBytes(
  original: { file: string; mime: string },
  size: Rendition | "original",
): Promise<{ data: Uint8Array; mime: string }> {
  if (size === "original") return { data: await readImage(original.file), mime: original.mime };
  return { data: await readImage(await ensureRendition(size, original.file)), mime: "image/webp" };
}

/**
 * Which size an image URL asks for: `?thumb=1`, `?view=1`, or the original; a 400 for any other parameter, or both,
 * which would otherwise serve the full original to a misspelt `?thumbb=1`.
 */
export function requestedSize(url: string): Rendition | "original" | Response {
  const params = new URL(url).searchParams;
  const refused = unknownParams(params.keys(), ["thumb", "view"], "An image address");
  if (refused) return refused;
  if (params.has("thumb") && params.has("view")) {
    return Response.json({ error: "invalid_request", message: 'An image address takes "thumb" or "view", not both.' }, { status: 400 });
  }
  return params.has("thumb") ? "thumb" : params.has("view") ? "view" : "original";
}

/**
 * Why the image store cannot take a new image right now (a probe file is written and removed), or null when it
 * can. Cached briefly (the runner asks before every claim) and once per process, on globalThis: the runner and the
 * health route live in separate bundles, and a runner still trusting an older "writable" after health has said
 * otherwise would pay for work it cannot store.
 */
export function storageProblem(): Promise<string | null> {
  const now = Date.now();
  const backend = imageBackend();
  const probe = store.__playgroundImageProbe;
  if (probe?.backend === backend && now - probe.at < 2000) return probe.result;
  const result = backend.problem();
  store.__playgroundImageProbe = { backend, at: now, result };
  return result;
}

/** Removes leftovers of interrupted writes older than `olderThanMs` (in the folder `root`); returns how many. */
export function cleanStaleTemp(root: string, olderThanMs: number): Promise<number> {
  return (root === env().imagesDir ? imageBackend() : folderBackend(root)).cleanStale(olderThanMs);
}

/** A stored file's full path in the local folder (the folder backend only). */
export function imagePath(relative: string) {
  const root = env().imagesDir;
  const full = path.resolve(/*turbopackIgnore: true*/ root, relative);
  if (!full.startsWith(root + path.sep)) throw new Error("Image path escapes the image folder.");
  return full;
}

/**
 * Content hashes stored by a generation that has not recorded its Image rows yet: deleting another run that used
 * identical bytes must not remove the file in between.
 */
const pendingHashes = new Map<string, number>();

export function holdHash(sha256: string) {
  pendingHashes.set(sha256, (pendingHashes.get(sha256) ?? 0) + 1);
  return () => {
    const n = (pendingHashes.get(sha256) ?? 1) - 1;
    if (n <= 0) pendingHashes.delete(sha256);
    else pendingHashes.set(sha256, n);
  };
}

/**
 * Removes stored originals and their renditions that no image row references any more. Storage is content-addressed
 * and shared between rows with identical bytes, and a generation in this or another process may record a row for the
 * same bytes at any moment. So each original is checked right before it goes, parked under `trash/` rather than
 * removed, and checked again: a row recorded meanwhile gets it back; a row recorded later finds it gone and writes it
 * again (storeImage's release). Missing files are fine. Returns the number of originals removed.
 */
export async function removeUnreferenced(
  files: { file: string }[],
  referenced: (files: string[]) => Promise<Set<string>>,
): Promise<number> {
  const backend = imageBackend();
  const inUse = async (file: string) => [...pendingHashes.keys()].some((h) => file.includes(h)) || (await referenced([file])).has(file);
  let removed = 0;
  for (const { file } of files) {
    // Asked per file, not once for the list: removing the files before it takes time a generation may finish in.
    if (await inUse(file)) continue;
    const parked = `trash/${file}.${randomBytes(6).toString("hex")}.tmp`;
    try {
      if (await backend.move(file, parked)) {
        if (await inUse(file)) {
          await backend.move(parked, file);
          continue;
        }
        await backend.remove(parked);
      }
    } catch (error) {
      console.error("[storage] could not remove", file, error);
      continue;
    }
    for (const rel of renditionKinds.map((kind) => renditionFile(file, kind))) {
      await backend.remove(rel).catch((error: unknown) => console.error("[storage] could not remove", rel, error));
    }
    removed++;
  }
  return removed;
}
