import "server-only";
import type { GenerationDTO, RunDTO } from "@/lib/db/dto";
import { getRunsWithFiles } from "@/lib/db/runs";
import { formatA1111, parseA1111, writePngText, PNG_KEY_A1111, PNG_KEY_JSON } from "@/lib/metadata";
import { settingsForGeneration } from "@/lib/metadata/settings-for-generation";
import { ImageStoreError, isMissingImage } from "@/lib/storage/backend";
import { ensureRendition, readImage, THUMB_WIDTH } from "@/lib/storage/images";
import { cellSide, composeGrid, type GridPicture } from "./compose";
import { readGridSpec, type StoredGrid } from "./stored";

/** The grid run with each cell's first stored file, or null when it is not a grid. */
type Files = Map<string, { file: string; thumbFile: string }>;

export async function loadGrid(runId: string): Promise<{ run: RunDTO; spec: StoredGrid; files: Files } | null> {
  const { runs, files } = await getRunsWithFiles([runId]);
  const run = runs[0];
  const spec = run?.kind === "grid" ? readGridSpec(run.spec) : null;
  return run && spec ? { run, spec, files } : null;
}

const AXIS_NAMES = ["X", "Y", "Z"];

/** A1111's X/Y/Z plot parameters: the first cell's infotext plus each axis's type and values. */
export function gridInfotext(spec: StoredGrid, first: GenerationDTO | undefined): { a1111: string; json?: string } {
  const settings = first ? settingsForGeneration(first) : null;
  const parsed = settings ? parseA1111(settings.a1111) : { prompt: "", extra: {} };
  const extra: Record<string, string> = { ...parsed.extra, Script: "X/Y/Z plot" };
  spec.axes.forEach((a, i) => {
    extra[`${AXIS_NAMES[i]} Type`] = a.name;
    extra[`${AXIS_NAMES[i]} Values`] = a.values.map((v) => v.label).join(", ");
  });
  return { a1111: formatA1111({ ...parsed, extra }), ...(settings && { json: settings.json }) };
}

/**
 * What a cell shows in the PNG: the stored image, or nothing (a grey box) when it failed, is still running or its file
 * is gone. Cells no larger than the stored WebP thumbnail are drawn from it: decoding 25 full-size PNGs costs most of
 * an export. A store that fails is an ImageStoreError, not a grey box: the grid would look as if those cells failed.
 */
async function cellBytes(g: GenerationDTO | undefined, files: Files, side: number): Promise<Uint8Array | null> {
  const img = g?.images[0];
  const stored = img ? files.get(img.id) : undefined;
  if (!img || !stored) return null;
  if (side <= THUMB_WIDTH && img.width >= side) {
    const thumb = await ensureRendition("thumb", stored.file)
      .then(readImage)
      .catch(() => null);
    if (thumb) return thumb;
  }
  try {
    return await readImage(stored.file);
  } catch (error) {
    if (isMissingImage(error)) return null;
    throw new ImageStoreError(`The image store could not read ${stored.file}.`, { cause: error });
  }
}

export function pictureLayout(spec: StoredGrid): Omit<GridPicture, "layers"> & { layerTitles: string[] } {
  const [x, y, z] = spec.axes;
  return {
    title: spec.axes.map((a, i) => `${AXIS_NAMES[i]}: ${a.name}`).join("   ·   "),
    columns: x!.values.map((v) => v.label),
    rows: y ? y.values.map((v) => v.label) : [""],
    layerTitles: z ? z.values.map((v) => `${z.name}: ${v.label}`) : [""],
  };
}

/** One PNG of the whole grid with axis labels and the grid's A1111 parameters embedded. */
export async function exportGridPng(runId: string): Promise<Buffer | null> {
  const loaded = await loadGrid(runId);
  if (!loaded) return null;
  const { run, spec, files } = loaded;
  const layout = pictureLayout(spec);
  const side = cellSide(layout.columns.length * layout.rows.length * layout.layerTitles.length);
  const at = new Map(run.generations.map((g) => [`${g.cell?.x ?? 0},${g.cell?.y ?? 0},${g.cell?.z ?? 0}`, g]));
  const layers = await Promise.all(
    layout.layerTitles.map(async (title, z) => ({
      title,
      cells: await Promise.all(layout.rows.map((_, y) => Promise.all(layout.columns.map((_, x) => cellBytes(at.get(`${x},${y},${z}`), files, side))))),
    })),
  );
  const png = await composeGrid({ title: layout.title, columns: layout.columns, rows: layout.rows, layers });
  const first = run.generations.find((g) => g.status === "succeeded") ?? run.generations[0];
  const info = gridInfotext(spec, first);
  return Buffer.from(writePngText(png, { [PNG_KEY_A1111]: info.a1111, ...(info.json && { [PNG_KEY_JSON]: info.json }) }));
}
