import type { GenerationDTO, RunDTO } from "./db/dto";

// An uploaded input image travels as a data URL (up to ~13 MB). It is stored once, in the generation's input; pages
// and API answers link to it instead of carrying it, and `sent` keeps a short note in its place. Client-safe.

const DATA_URL = /^data:([^;,\s]*)(;base64)?,/;

export const isDataUrl = (v: unknown): v is string => typeof v === "string" && DATA_URL.test(v);

/** The decoded size of a base64 data URL's payload, counted without decoding it. */
export function dataUrlBytes(dataUrl: string): number {
  const payload = dataUrl.slice(dataUrl.indexOf(",") + 1);
  return Math.floor((payload.length * 3) / 4) - (payload.endsWith("==") ? 2 : payload.endsWith("=") ? 1 : 0);
}

/** Where one input image field of a generation is served from (app/api/generations/[id]/input/[field]). */
export function inputImagePath(generationId: string, field: string): string {
  return `/api/generations/${encodeURIComponent(generationId)}/input/${encodeURIComponent(field)}`;
}

export const INPUT_IMAGE_PATH = /^\/api\/generations\/[^/]+\/input\/[^/]+$/;

const NOTE = /^\[input image, \d+ KB: stored with the input\]$/;

/** The note that replaces an inline image in what was sent: its size, and that it is kept with the input. */
export function inlineImageNote(dataUrl: string): string {
  const payload = dataUrl.length - (DATA_URL.exec(dataUrl)?.[0].length ?? 0);
  return `[input image, ${Math.round((payload * 3) / 4 / 1024)} KB: stored with the input]`;
}

/** `value` with `fn` applied to every string in it, however deep. What `fn` leaves alone comes back as is, not copied. */
export function mapStrings(value: unknown, fn: (s: string) => string): unknown {
  if (typeof value === "string") return fn(value);
  if (!value || typeof value !== "object") return value;
  let copy: Record<string, unknown> | undefined;
  for (const [k, v] of Object.entries(value)) {
    const mapped = mapStrings(v, fn);
    if (mapped !== v) (copy ??= (Array.isArray(value) ? [...value] : { ...value }) as Record<string, unknown>)[k] = mapped;
  }
  return copy ?? value;
}

/** A request body as it is recorded in `sent`: every inline image replaced by a note (the input keeps the image). */
export function withoutInlineImages(body: Record<string, unknown>): Record<string, unknown> {
  return mapStrings(body, (s) => (isDataUrl(s) ? inlineImageNote(s) : s)) as Record<string, unknown>;
}

/** The generation with its input images as links, for pages and API answers. */
export function linkInputImages(g: GenerationDTO): GenerationDTO {
  const links = new Map<string, string>();
  const input = Object.fromEntries(
    Object.entries(g.input).map(([field, v]) => {
      if (!isDataUrl(v)) return [field, v];
      const link = inputImagePath(g.id, field);
      links.set(v, link);
      return [field, link];
    }),
  );
  // `sent` holds a note where the image went (generations stored before that hold the image itself): with one input
  // image, the note can link to it too.
  const only = links.size === 1 ? [...links.values()][0] : undefined;
  const sent =
    g.sent &&
    (mapStrings(g.sent, (s) =>
      isDataUrl(s) ? (links.get(s) ?? inlineImageNote(s)) : only && NOTE.test(s) ? only : s,
    ) as Record<string, unknown>);
  return { ...g, input, sent };
}

export function linkRunInputImages(run: RunDTO): RunDTO {
  return { ...run, generations: run.generations.map(linkInputImages) };
}

/** Decodes a base64 image data URL of an accepted type; null for anything else. */
export function decodeImageDataUrl(value: unknown, accepted: readonly string[]): { mime: string; bytes: Uint8Array<ArrayBuffer> } | null {
  if (!isDataUrl(value)) return null;
  const m = DATA_URL.exec(value)!;
  const mime = (m[1] ?? "").toLowerCase();
  if (!m[2] || !accepted.includes(mime)) return null;
  try {
    return { mime, bytes: Uint8Array.from(atob(value.slice(m[0].length)), (c) => c.charCodeAt(0)) };
  } catch {
    return null;
  }
}
