import "server-only";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import sharp, { type Metadata } from "sharp";
import { env } from "@/lib/env";

export const THUMB_WIDTH = 512;

const formats: Record<string, { mime: string; ext: string }> = {
  png: { mime: "image/png", ext: "png" },
  jpeg: { mime: "image/jpeg", ext: "jpg" },
  webp: { mime: "image/webp", ext: "webp" },
  gif: { mime: "image/gif", ext: "gif" },
  avif: { mime: "image/avif", ext: "avif" },
  heif: { mime: "image/avif", ext: "avif" },
};

export class InvalidImageError extends Error {}

/** Write-then-rename, so a reader never sees half a file and a crash leaves no truncated image. */
async function writeAtomic(file: string, data: Uint8Array) {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${randomBytes(6).toString("hex")}.tmp`;
  await fs.writeFile(tmp, data);
  await fs.rename(tmp, file);
}

async function exists(file: string) {
  return fs.access(file).then(
    () => true,
    () => false,
  );
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
  const release = holdHash(sha256);
  const root = env().imagesDir;
  // Paths live under the runtime data folder; tell the bundler's file tracer not to follow them.
  const file = `${sha256.slice(0, 2)}/${sha256}.${format.ext}`;
  const thumbFile = `thumbs/${sha256.slice(0, 2)}/${sha256}.webp`;
  const fullFile = path.join(/*turbopackIgnore: true*/ root, file);
  if (!(await exists(fullFile))) await writeAtomic(fullFile, data);
  // The thumbnail is made off the critical path: the result is viewable as soon as the original is stored.
  void ensureThumbnail(thumbFile, file).catch((error: unknown) => console.error("[storage] thumbnail failed", error));
  return { sha256, file, thumbFile, mime: format.mime, width: meta.width, height: meta.height, bytes: data.byteLength, release };
}

const pendingThumbs = new Map<string, Promise<void>>();

/** Makes the WebP thumbnail of a stored original if it is not there yet (once, however many ask at the same time). */
export function ensureThumbnail(thumbFile: string, file: string): Promise<void> {
  const existing = pendingThumbs.get(thumbFile);
  if (existing) return existing;
  const work = (async () => {
    const fullThumb = imagePath(thumbFile);
    if (await exists(fullThumb)) return;
    const thumb = await sharp(imagePath(file))
      .resize({ width: THUMB_WIDTH, withoutEnlargement: true })
      .webp({ quality: 78, effort: 2 })
      .toBuffer();
    await writeAtomic(fullThumb, thumb);
  })().finally(() => pendingThumbs.delete(thumbFile));
  pendingThumbs.set(thumbFile, work);
  return work;
}

/**
 * Why the image store cannot take a new image right now (a probe file is written and removed), or null when it
 * can. Cached briefly: the runner asks before every claim.
 */
export function storageProblem(): Promise<string | null> {
  const now = Date.now();
  if (probe && now - probe.at < 2000) return probe.result;
  const result = (async () => {
    const file = path.join(/*turbopackIgnore: true*/ env().imagesDir, `.probe-${process.pid}-${randomBytes(4).toString("hex")}.tmp`);
    try {
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, "ok");
      await fs.rm(file, { force: true });
      return null;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      return `the image folder ${env().imagesDir} cannot be written (${code})`;
    }
  })();
  probe = { at: now, result };
  return result;
}
let probe: { at: number; result: Promise<string | null> } | undefined;

/** Removes `*.tmp` files older than `olderThanMs` (writes a crash interrupted); returns how many. */
export async function cleanStaleTemp(root: string, olderThanMs: number): Promise<number> {
  let removed = 0;
  const entries = await fs.readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  const cutoff = Date.now() - olderThanMs;
  for (const entry of entries) {
    if (!entry.isFile() || !entry.name.endsWith(".tmp")) continue;
    const full = path.join(/*turbopackIgnore: true*/ entry.parentPath, entry.name);
    const stat = await fs.stat(full).catch(() => null);
    if (stat && stat.mtimeMs < cutoff) {
      await fs.rm(full, { force: true });
      removed++;
    }
  }
  return removed;
}

export function imagePath(relative: string) {
  const root = env().imagesDir;
  const full = path.resolve(/*turbopackIgnore: true*/ root, relative);
  if (!full.startsWith(root + path.sep)) throw new Error("Image path escapes the image folder.");
  return full;
}

/**
 * Removes stored originals and their thumbnails that no image row references any more. Storage is content-addressed
 * and shared between rows with identical bytes, so the reference check is asked again right before each removal
 * (a generation finishing meanwhile may have stored the same bytes). Missing files are fine. Returns the number of
 * originals removed.
 */
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

export async function removeUnreferenced(
  files: { file: string; thumbFile: string }[],
  referenced: (files: string[]) => Promise<Set<string>>,
): Promise<number> {
  if (files.length === 0) return 0;
  const still = await referenced(files.map((f) => f.file));
  let removed = 0;
  for (const f of files) {
    if (still.has(f.file) || [...pendingHashes.keys()].some((h) => f.file.includes(h))) continue;
    for (const rel of [f.file, f.thumbFile]) {
      await fs.rm(imagePath(rel), { force: true }).catch((error: unknown) => console.error("[storage] could not remove", rel, error));
    }
    removed++;
  }
  return removed;
}
