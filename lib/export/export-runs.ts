import "server-only";
import { getRunsWithFiles } from "@/lib/db/runs";
import type { RunDTO } from "@/lib/db/dto";
import { ImageStoreError, isMissingImage } from "@/lib/storage/backend";
import { imageBackend, readImage } from "@/lib/storage/images";
import { imageBytesForDownload } from "./image-bytes";
import { buildManifest, imageFileName } from "./manifest";
import { zipStream, type ZipEntry } from "./zip";

/** At most this many runs per zip. */
export const MAX_EXPORT_RUNS = 5000;
/** A zip without ZIP64 holds at most 65,535 entries and 4 GiB; checked before streaming, so no half-written zip. */
const MAX_ENTRIES = 65_000;
const MAX_BYTES = 3.5 * 1024 ** 3;

export class ExportTooLargeError extends Error {}

/** Whether an image's file is stored. A store that cannot say is an ImageStoreError: the image is not known missing. */
async function isStored(file: string): Promise<boolean> {
  try {
    return await imageBackend().has(file);
  } catch (error) {
    throw new ImageStoreError(`The image store could not say whether ${file} is stored.`, { cause: error });
  }
}

/**
 * A zip of these runs: `manifest.json` first, then every stored image under `images/`. Runs that no longer exist
 * are left out; `null` when none do. Images are read one at a time while the zip streams. Throws ImageStoreError when
 * the store fails before streaming starts; a failure after that errors the stream.
 */
export async function exportRunsZip(ids: string[], opts: { embed: boolean }): Promise<{ stream: ReadableStream<Uint8Array>; runs: number } | null> {
  const runs: RunDTO[] = [];
  const stored = new Map<string, { file: string; sha256: string }>();
  // A run named twice is exported once, even when the two mentions fall in different chunks.
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 200) {
    const chunk = await getRunsWithFiles(unique.slice(i, i + 200));
    runs.push(...chunk.runs);
    for (const [k, v] of chunk.files) stored.set(k, v);
  }
  if (runs.length === 0) return null;

  // Name every image whose file is on disk; the manifest says which are missing.
  const names = new Map<string, string>();
  const used = new Set<string>();
  for (const run of runs) {
    for (const g of run.generations) {
      for (const img of g.images) {
        const file = stored.get(img.id);
        if (!file || !(await isStored(file.file))) continue;
        const base = imageFileName(run, g, img);
        let name = base;
        for (let n = 2; used.has(name); n++) name = base.replace(/(\.[a-z0-9]+)$/, `~${n}$1`);
        used.add(name);
        names.set(img.id, name);
      }
    }
  }
  const images = runs.flatMap((r) => r.generations.flatMap((g) => g.images)).filter((img) => names.has(img.id));
  const totalBytes = images.reduce((sum, img) => sum + img.bytes, 0);
  if (images.length + 1 > MAX_ENTRIES || totalBytes > MAX_BYTES) {
    throw new ExportTooLargeError(
      `That selection holds ${images.length} images (${Math.round(totalBytes / 1024 ** 2)} MB), more than one zip can carry; select fewer items.`,
    );
  }
  const manifest = buildManifest(runs, (img) => names.get(img.id) ?? null);

  async function* entries(): AsyncGenerator<ZipEntry> {
    yield { name: "manifest.json", data: new TextEncoder().encode(JSON.stringify(manifest, null, 2)) };
    for (const run of runs) {
      for (const generation of run.generations) {
        for (const image of generation.images) {
          const name = names.get(image.id);
          const file = stored.get(image.id);
          if (!name || !file) continue;
          let bytes: Uint8Array;
          try {
            bytes = await readImage(file.file);
          } catch (error) {
            // Deleted since the manifest was written: leave it out rather than break the download. A store that fails
            // now breaks it instead: a zip without the image would look complete, a failed download is tried again.
            if (!isMissingImage(error)) throw error;
            console.error("[export] image file gone", image.id, error);
            continue;
          }
          const data = await imageBytesForDownload({ bytes, mime: image.mime, image, generation, run }, opts);
          yield { name, data, modified: new Date(generation.finishedAt ?? run.createdAt) };
        }
      }
    }
  }
  return { stream: zipStream(entries()), runs: runs.length };
}
