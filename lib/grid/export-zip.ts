import "server-only";
import type { GenerationDTO, ImageDTO } from "@/lib/db/dto";
import { imageBytesForDownload } from "@/lib/export/image-bytes";
import { generationManifest } from "@/lib/export/manifest";
import { zipStream, type ZipEntry } from "@/lib/export/zip";
import { isMissingImage } from "@/lib/storage/backend";
import { readImage } from "@/lib/storage/images";
import { loadGrid } from "./export";

const AXIS_NAMES = ["x", "y", "z"] as const;
const extensions: Record<string, string> = { "image/png": "png", "image/jpeg": "jpg", "image/webp": "webp" };

/** `cells/x0-y2_segmind_1e548928[-2].png`: where the cell sits, then whose it is. */
function cellFileName(g: GenerationDTO, img: ImageDTO): string {
  const at = AXIS_NAMES.map((n, i) => [n, i === 0 ? g.cell?.x : i === 1 ? g.cell?.y : g.cell?.z] as const)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([n, v]) => `${n}${v}`)
    .join("-");
  const suffix = img.index > 0 ? `-${img.index + 1}` : "";
  return `cells/${at}_${g.provider.replace(/[^a-z0-9]+/gi, "-")}_${g.id.slice(0, 8)}${suffix}.${extensions[img.mime] ?? "bin"}`;
}

/**
 * A zip of every cell: `manifest.json` first (the axes, and per cell its value indexes, labels, parameters as sent
 * and file), then each cell's images with their settings embedded. Null when the run is not a grid.
 */
export async function exportGridZip(runId: string): Promise<ReadableStream<Uint8Array> | null> {
  const loaded = await loadGrid(runId);
  if (!loaded) return null;
  const { run, spec, files } = loaded;
  const names = new Map<string, string>();
  for (const g of run.generations) for (const img of g.images) if (files.has(img.id)) names.set(img.id, cellFileName(g, img));
  const manifest = {
    format: "sd3-playground-grid",
    version: 2,
    exportedAt: new Date().toISOString(),
    run: { id: run.id, createdAt: run.createdAt, prompt: run.prompt },
    model: spec.model,
    axes: spec.axes.map((a, i) => ({ axis: AXIS_NAMES[i], kind: a.kind, field: a.field ?? null, name: a.name, values: a.values })),
    cells: run.generations.map((g) => {
      const at = [g.cell?.x ?? 0, g.cell?.y ?? null, g.cell?.z ?? null];
      return {
        x: at[0],
        y: at[1],
        z: at[2],
        // By axis letter: two axes may share a name (two prompt S/R axes), and neither label may hide the other.
        labels: Object.fromEntries(spec.axes.map((a, i) => [AXIS_NAMES[i], a.values[at[i] ?? 0]?.label ?? null])),
        adjustments: spec.notes[String(g.position)] ?? [],
        generation: generationManifest(g, (img) => names.get(img.id) ?? null),
      };
    }),
  };
  async function* entries(): AsyncGenerator<ZipEntry> {
    yield { name: "manifest.json", data: new TextEncoder().encode(JSON.stringify(manifest, null, 2)) };
    for (const generation of run.generations) {
      for (const image of generation.images) {
        const name = names.get(image.id);
        const stored = files.get(image.id);
        if (!name || !stored) continue;
        let bytes: Uint8Array;
        try {
          bytes = await readImage(stored.file);
        } catch (error) {
          // Deleted since the manifest was written: left out rather than breaking the download. A store that fails
          // breaks it instead (the stream errors): a zip without the image would look complete.
          if (!isMissingImage(error)) throw error;
          continue;
        }
        const data = await imageBytesForDownload({ bytes, mime: image.mime, image, generation, run }, { embed: true });
        yield { name, data, modified: new Date(generation.finishedAt ?? run.createdAt) };
      }
    }
  }
  return zipStream(entries());
}
