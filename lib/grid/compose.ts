import "server-only";
import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { printableText } from "@/lib/metadata/png-text";

/*
 * One PNG of a whole grid: X labels across the top, Y labels down the left, one block per Z value under its title,
 * composed by sharp. Labels are rendered by sharp's text renderer (Pango) from the Geist font file in node_modules,
 * so the PNG looks the same on any machine, whatever fonts it has. Cells are downscaled so the PNG stays a few MB.
 */

export interface GridPicture {
  /** The line at the top ("X: Steps · Y: Sampler"). */
  title: string;
  columns: string[];
  /** Empty strings when the grid has no Y axis. */
  rows: string[];
  /** One block per Z value (one untitled block without a Z axis); cells[y][x] are encoded images or null. */
  layers: { title: string; cells: (Uint8Array | null)[][] }[];
}

const FONT_FILE = path.join(process.cwd(), "node_modules/geist/dist/fonts/geist-sans/Geist-Medium.ttf");
/** About 2.5 megapixels of cells: a 5×5 grid of 1024² images becomes 316² cells, a PNG of a few MB. */
const MAX_CELL_PIXELS = 2_500_000;
const MAX_CELL = 512;
const MIN_CELL = 96;
const GAP = 4;
const PAD = 8;
type Overlay = NonNullable<Parameters<ReturnType<typeof sharp>["composite"]>[0]>[number];
const WHITE = { r: 255, g: 255, b: 255, alpha: 1 };

let fontFound: boolean | undefined;
const fontAvailable = () => (fontFound ??= fs.existsSync(FONT_FILE));

export function cellSide(cells: number): number {
  return Math.max(MIN_CELL, Math.min(MAX_CELL, Math.floor(Math.sqrt(MAX_CELL_PIXELS / Math.max(1, cells)))));
}

const escapeMarkup = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

interface Label {
  input: Buffer;
  width: number;
  height: number;
}

/** A label as an RGBA PNG at most `width` wide (wrapped); null for empty text. Control characters are not drawn. */
async function label(raw: string, width: number, px: number, align: "left" | "centre", bold = false): Promise<Label | null> {
  const text = printableText(raw);
  const trimmed = text.length > 160 ? `${text.slice(0, 157)}…` : text;
  if (!trimmed.trim()) return null;
  const { data, info } = await sharp({
    text: {
      text: `<span foreground="#18181b"${bold ? ' weight="bold"' : ""}>${escapeMarkup(trimmed)}</span>`,
      font: `Geist Medium ${px}px`,
      // Without the file (a trimmed deployment), Pango falls back to the system's sans face rather than failing.
      ...(fontAvailable() && { fontfile: FONT_FILE }),
      width: Math.max(16, Math.floor(width)),
      align,
      wrap: "word-char",
      rgba: true,
      dpi: 72,
    },
  })
    .png({ compressionLevel: 1 })
    .toBuffer({ resolveWithObject: true });
  return { input: data, width: info.width, height: info.height };
}

/** A cell image fitted into an s×s box (white margins), as raw RGB for compositing; a grey box when missing. */
async function cell(bytes: Uint8Array | null, s: number): Promise<{ input: Buffer; raw: { width: number; height: number; channels: 3 } }> {
  const raw = { width: s, height: s, channels: 3 as const };
  if (!bytes) {
    const input = await sharp({ create: { width: s, height: s, channels: 3, background: { r: 228, g: 228, b: 231 } } }).raw().toBuffer();
    return { input, raw };
  }
  const input = await sharp(bytes).resize(s, s, { fit: "contain", background: WHITE, kernel: "lanczos3" }).flatten({ background: WHITE }).removeAlpha().raw().toBuffer();
  return { input, raw };
}

/** Resizes cells a few at a time, so a 400-cell grid never holds 400 decoded full-size images at once. */
async function cells(all: (Uint8Array | null)[], s: number): Promise<Awaited<ReturnType<typeof cell>>[]> {
  const out: Awaited<ReturnType<typeof cell>>[] = [];
  for (let i = 0; i < all.length; i += 8) out.push(...(await Promise.all(all.slice(i, i + 8).map((b) => cell(b, s)))));
  return out;
}

export async function composeGrid(p: GridPicture): Promise<Buffer> {
  const cols = p.columns.length;
  const rowsN = p.rows.length;
  const s = cellSide(cols * rowsN * p.layers.length);
  const px = Math.max(13, Math.min(22, Math.round(s / 14)));
  const hasRows = p.rows.some((r) => r.trim() !== "");
  const left = hasRows ? Math.max(110, Math.min(240, Math.round(s * 0.6))) : 0;

  const [title, colLabels, rowLabels, layerTitles] = await Promise.all([
    label(p.title, left + cols * (s + GAP), px + 2, "left", true),
    Promise.all(p.columns.map((c) => label(c, s - 2 * PAD, px, "centre"))),
    Promise.all(p.rows.map((r) => label(r, left - 2 * PAD, px, "left"))),
    Promise.all(p.layers.map((l) => label(l.title, left + cols * (s + GAP), px + 1, "left", true))),
  ]);
  const titleH = title ? title.height + 2 * PAD : 0;
  const headH = Math.max(...colLabels.map((l) => l?.height ?? 0)) + 2 * PAD;
  const layerTitleH = layerTitles.map((l) => (l ? l.height + 2 * PAD : 0));
  const blockH = (i: number) => layerTitleH[i]! + headH + rowsN * (s + GAP);
  const width = PAD + left + cols * (s + GAP) + PAD;
  const height = titleH + p.layers.reduce((h, _, i) => h + blockH(i), 0) + PAD;

  const overlays: Overlay[] = [];
  if (title) overlays.push({ input: title.input, left: PAD, top: PAD });
  let top = titleH;
  for (const [i, layer] of p.layers.entries()) {
    const lt = layerTitles[i];
    if (lt) overlays.push({ input: lt.input, left: PAD, top: top + PAD });
    top += layerTitleH[i]!;
    colLabels.forEach((l, x) => {
      if (l) overlays.push({ input: l.input, left: PAD + left + x * (s + GAP) + Math.floor((s - l.width) / 2), top: top + headH - PAD - l.height });
    });
    top += headH;
    const fitted = await cells(layer.cells.flat(), s);
    for (let y = 0; y < rowsN; y++) {
      const rl = rowLabels[y];
      if (rl) overlays.push({ input: rl.input, left: PAD, top: top + y * (s + GAP) + Math.max(0, Math.floor((s - rl.height) / 2)) });
      for (let x = 0; x < cols; x++) {
        const c = fitted[y * cols + x]!;
        overlays.push({ input: c.input, raw: c.raw, left: PAD + left + x * (s + GAP), top: top + y * (s + GAP) });
      }
    }
    top += rowsN * (s + GAP);
  }
  return sharp({ create: { width, height, channels: 3, background: WHITE } })
    .composite(overlays)
    .png({ compressionLevel: 4, adaptiveFiltering: true })
    .toBuffer();
}
