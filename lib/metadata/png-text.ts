/**
 * PNG chunk surgery: read and write tEXt/iTXt/zTXt text chunks without touching the image data, so embedding
 * settings never re-encodes pixels. Spec: https://www.w3.org/TR/png-3/#11textinfo
 */
import { inflateSync } from "node:zlib";
import { MetadataTooLargeError, TextBudget } from "./bounds";

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const TEXT_TYPES = new Set(["tEXt", "iTXt", "zTXt"]);

export interface PngChunk {
  type: string;
  /** View into the source buffer; not copied. */
  data: Uint8Array;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (ISO 3309 / zlib), as PNG uses it over chunk type + data. */
export function crc32(...parts: Uint8Array[]): number {
  let c = 0xffffffff;
  for (const part of parts) {
    for (let i = 0; i < part.length; i++) c = CRC_TABLE[(c ^ part[i]!) & 0xff]! ^ (c >>> 8);
  }
  return (c ^ 0xffffffff) >>> 0;
}

export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && SIGNATURE.every((b, i) => bytes[i] === b);
}

/** Latin-1 by hand: TextDecoder("latin1") is really windows-1252 per WHATWG and would remap 0x80–0x9F. */
export function latin1Decode(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 8192) {
    out += String.fromCharCode(...bytes.subarray(i, i + 8192));
  }
  return out;
}

export function latin1Encode(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

const isLatin1 = (text: string) => [...text].every((ch) => ch.codePointAt(0)! <= 0xff);
const ascii = (bytes: Uint8Array) => String.fromCharCode(...bytes);
const utf8 = new TextDecoder("utf-8");

/** Splits a PNG into chunks. Throws on a bad signature or a chunk running past the end (truncated file). */
export function readPngChunks(png: Uint8Array): PngChunk[] {
  if (!isPng(png)) throw new Error("Not a PNG file");
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const chunks: PngChunk[] = [];
  let pos = 8;
  while (pos + 12 <= png.length) {
    const length = view.getUint32(pos);
    const type = ascii(png.subarray(pos + 4, pos + 8));
    if (pos + 12 + length > png.length) throw new Error(`Truncated PNG chunk ${type}`);
    chunks.push({ type, data: png.subarray(pos + 8, pos + 8 + length) });
    pos += 12 + length;
    if (type === "IEND") return chunks;
  }
  throw new Error("Truncated PNG (no IEND)");
}

/** Serialises chunks back into a PNG, recomputing every length and CRC. */
export function writePngChunks(chunks: PngChunk[]): Uint8Array {
  const total = 8 + chunks.reduce((n, c) => n + 12 + c.data.length, 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  out.set(SIGNATURE, 0);
  let pos = 8;
  for (const { type, data } of chunks) {
    const typeBytes = latin1Encode(type);
    view.setUint32(pos, data.length);
    out.set(typeBytes, pos + 4);
    out.set(data, pos + 8);
    view.setUint32(pos + 8 + data.length, crc32(typeBytes, data));
    pos += 12 + data.length;
  }
  return out;
}

/** Inflates at most `budget.remaining` bytes, charging them; past that it is a bomb, not metadata. */
function boundedInflate(data: Uint8Array, budget: TextBudget): Uint8Array {
  let out: Uint8Array;
  try {
    out = inflateSync(data, { maxOutputLength: Math.max(1, budget.remaining) });
  } catch (error) {
    if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") throw new MetadataTooLargeError(budget.limit);
    throw error;
  }
  budget.charge(out.length);
  return out;
}

/**
 * Decodes one text chunk to [keyword, text]; undefined when malformed (we skip rather than fail the whole read).
 * Throws MetadataTooLargeError once the text read so far passes the budget.
 */
function decodeTextChunk({ type, data }: PngChunk, budget: TextBudget): [string, string] | undefined {
  const nul = data.indexOf(0);
  if (nul < 1) return undefined;
  const keyword = latin1Decode(data.subarray(0, nul));
  try {
    if (type === "tEXt") {
      budget.charge(data.length - nul - 1);
      return [keyword, latin1Decode(data.subarray(nul + 1))];
    }
    if (type === "zTXt") return [keyword, latin1Decode(boundedInflate(data.subarray(nul + 2), budget))];
    // iTXt: keyword \0 compressionFlag compressionMethod languageTag \0 translatedKeyword \0 text
    const compressed = data[nul + 1] === 1;
    const langEnd = data.indexOf(0, nul + 3);
    const transEnd = langEnd < 0 ? -1 : data.indexOf(0, langEnd + 1);
    if (transEnd < 0) return undefined;
    const body = data.subarray(transEnd + 1);
    if (!compressed) budget.charge(body.length);
    return [keyword, utf8.decode(compressed ? boundedInflate(body, budget) : body)];
  } catch (error) {
    if (error instanceof MetadataTooLargeError) throw error;
    return undefined;
  }
}

/**
 * All text chunks (tEXt, iTXt incl. compressed, zTXt) as keyword → text. A later duplicate wins, as in Pillow.
 * Throws MetadataTooLargeError when they hold more than `budget` allows (1 MB by default), compressed or not.
 */
export function readPngText(png: Uint8Array, budget = new TextBudget()): Record<string, string> {
  const out: Record<string, string> = {};
  for (const chunk of readPngChunks(png)) {
    if (!TEXT_TYPES.has(chunk.type)) continue;
    const entry = decodeTextChunk(chunk, budget);
    if (entry) out[entry[0]] = entry[1];
  }
  return out;
}

function validateKeyword(keyword: string) {
  // 1–79 printable Latin-1 chars, no leading/trailing/double spaces (PNG spec 11.3.2.1).
  const ok =
    keyword.length >= 1 &&
    keyword.length <= 79 &&
    /^[\x20-\x7e\xa1-\xff]+$/.test(keyword) &&
    keyword.trim() === keyword &&
    !keyword.includes("  ");
  if (!ok) throw new RangeError(`Invalid PNG text keyword: ${JSON.stringify(keyword)}`);
}

/**
 * Text without the C0 control characters other than line feed and tab. A prompt may hold them (pasted, or sent by a
 * script), and they are not text: NUL would end a tEXt field early and is forbidden in iTXt, and Pango refuses it in
 * a label. Dropped where text is written into a file or drawn, never from the stored prompt.
 */
export function printableText(text: string): string {
  return text.replace(/[\x00-\x08\x0b-\x1f]/g, "");
}

/**
 * Builds a text chunk the way Pillow's PngInfo.add_text does (and so A1111): tEXt when the text is Latin-1,
 * else uncompressed iTXt with UTF-8 text and empty language/translated keyword. Control characters other than
 * line feed and tab are dropped (see printableText), so a prompt holding NUL still downloads with its settings.
 */
export function makeTextChunk(keyword: string, raw: string): PngChunk {
  validateKeyword(keyword);
  const text = printableText(raw);
  const key = latin1Encode(keyword);
  if (isLatin1(text)) {
    const body = latin1Encode(text);
    const data = new Uint8Array(key.length + 1 + body.length);
    data.set(key, 0);
    data.set(body, key.length + 1);
    return { type: "tEXt", data };
  }
  const body = new TextEncoder().encode(text);
  // keyword \0, flag 0, method 0, empty language \0, empty translated keyword \0
  const data = new Uint8Array(key.length + 5 + body.length);
  data.set(key, 0);
  data.set(body, key.length + 5);
  return { type: "iTXt", data };
}

const chunkKeyword = (c: PngChunk) => {
  const nul = c.data.indexOf(0);
  return latin1Decode(c.data.subarray(0, nul < 0 ? c.data.length : nul));
};

/**
 * Returns a new PNG with one text chunk per entry placed right after IHDR (so streaming readers see it before
 * IDAT) and any existing tEXt/iTXt/zTXt with the same keyword removed, as well as those named in `remove`.
 * Image data is copied byte for byte.
 */
export function writePngText(
  png: Uint8Array,
  entries: Record<string, string>,
  remove: Iterable<string> = [],
): Uint8Array {
  const fresh = Object.entries(entries).map(([k, v]) => makeTextChunk(k, v));
  const keys = new Set([...Object.keys(entries), ...remove]);
  const chunks = readPngChunks(png).filter((c) => !(TEXT_TYPES.has(c.type) && keys.has(chunkKeyword(c))));
  if (chunks[0]?.type !== "IHDR") throw new Error("PNG does not start with IHDR");
  chunks.splice(1, 0, ...fresh);
  return writePngChunks(chunks);
}

/** Drops text (incl. XMP, which lives in iTXt) and EXIF chunks; keeps colour chunks (iCCP, sRGB, gAMA…). */
export function stripPngMetadata(png: Uint8Array): Uint8Array {
  return writePngChunks(readPngChunks(png).filter((c) => !TEXT_TYPES.has(c.type) && c.type !== "eXIf"));
}
