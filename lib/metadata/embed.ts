/**
 * Embed / read / strip generation settings in stored images, without re-encoding pixels.
 *
 *  PNG:        tEXt/iTXt `parameters` = A1111 infotext (exactly what A1111 writes), `sd3-playground` = our JSON.
 *  JPEG, WebP: one EXIF blob (JPEG APP1 "Exif\0\0" / WebP RIFF `EXIF` chunk + VP8X flag) with
 *              Exif-IFD UserComment (0x9286) = A1111 infotext as "UNICODE\0" + UTF-16BE (what A1111 writes), and
 *              IFD0 ImageDescription (0x010E) = our JSON, with non-ASCII escaped as \uXXXX so the field stays the
 *              7-bit ASCII EXIF requires while remaining the same JSON value.
 */
import { MetadataTooLargeError, TextBudget } from "./bounds";
import { buildExif, parseExif } from "./exif";
import { readJpegExif, stripJpegMetadata, writeJpegExif, isJpeg } from "./jpeg";
import { isPng, readPngChunks, readPngText, stripPngMetadata, writePngText } from "./png-text";
import { isWebp, readWebpExif, stripWebpMetadata, writeWebpExif } from "./webp";

export interface EmbeddedSettings {
  /** A1111 `parameters` infotext (see formatA1111). */
  a1111: string;
  /** Our own JSON: provider, model, params as sent, seed, timings, cost. */
  json: string;
}

export type ImageFormat = "png" | "jpeg" | "webp";

/** PNG text keywords. `parameters` is the A1111 convention; the other is ours. */
export const PNG_KEY_A1111 = "parameters";
export const PNG_KEY_JSON = "sd3-playground";

export class UnsupportedImageFormatError extends Error {
  constructor(mime: string) {
    super(`Cannot embed metadata in ${mime || "unknown"} images (supported: PNG, JPEG, WebP)`);
    this.name = "UnsupportedImageFormatError";
  }
}

const MIME_FORMATS: Record<string, ImageFormat> = {
  "image/png": "png",
  "image/jpeg": "jpeg",
  "image/jpg": "jpeg",
  "image/pjpeg": "jpeg",
  "image/webp": "webp",
};

/** Magic bytes win over the mime type: providers sometimes label a PNG as image/jpeg, and bytes don't lie. */
export function detectImageFormat(bytes: Uint8Array, mime = ""): ImageFormat | undefined {
  if (isPng(bytes)) return "png";
  if (isJpeg(bytes)) return "jpeg";
  if (isWebp(bytes)) return "webp";
  return MIME_FORMATS[mime.toLowerCase().split(";")[0]!.trim()];
}

function requireFormat(bytes: Uint8Array, mime: string): ImageFormat {
  const format = detectImageFormat(bytes, mime);
  if (!format) throw new UnsupportedImageFormatError(mime);
  return format;
}

/** JSON-preserving escape to 7-bit ASCII: in valid JSON non-ASCII only occurs inside strings, where \uXXXX is equal. */
export function asciiJson(json: string): string {
  let out = "";
  for (let i = 0; i < json.length; i++) {
    const code = json.charCodeAt(i);
    out += code > 0x7e || code === 0 ? `\\u${code.toString(16).padStart(4, "0")}` : json[i];
  }
  return out;
}

/**
 * Returns a copy of the image with the settings embedded, replacing any settings embedded before. Empty strings are
 * not written. For JPEG/WebP the EXIF blob is replaced as a whole (generated images carry no camera EXIF).
 * Throws UnsupportedImageFormatError for anything but PNG/JPEG/WebP.
 */
export async function embedSettings(bytes: Uint8Array, mime: string, settings: EmbeddedSettings): Promise<Uint8Array> {
  const format = requireFormat(bytes, mime);
  if (format === "png") {
    const entries: Record<string, string> = {};
    if (settings.a1111) entries[PNG_KEY_A1111] = settings.a1111;
    if (settings.json) entries[PNG_KEY_JSON] = settings.json;
    return writePngText(bytes, entries, [PNG_KEY_A1111, PNG_KEY_JSON]);
  }
  const tiff = buildExif({
    userComment: settings.a1111 || undefined,
    imageDescription: settings.json ? asciiJson(settings.json) : undefined,
  });
  return format === "jpeg" ? writeJpegExif(bytes, tiff) : writeWebpExif(bytes, tiff);
}

/** ImageDescription is a common field (cameras write "OLYMPUS DIGITAL CAMERA"), so only accept it if it is JSON. */
function jsonOrUndefined(text: string | undefined): string | undefined {
  if (!text?.trim().startsWith("{")) return undefined;
  try {
    JSON.parse(text);
    return text;
  } catch {
    return undefined;
  }
}

function fromExif(tiff: Uint8Array | undefined, budget: TextBudget): { a1111?: string; json?: string } {
  if (!tiff) return {};
  const { userComment, imageDescription } = parseExif(tiff, budget);
  const out: { a1111?: string; json?: string } = {};
  if (userComment) out.a1111 = userComment;
  const json = jsonOrUndefined(imageDescription);
  if (json) out.json = json;
  return out;
}

/**
 * Reads settings written by embedSettings, or by A1111/Forge (PNG `parameters`, JPEG/WebP UserComment).
 * Unknown or corrupt files yield {}. Throws MetadataTooLargeError when the metadata text (decompressed) passes 1 MB,
 * so a decompression bomb is refused rather than inflated.
 */
export async function readSettings(bytes: Uint8Array): Promise<{ a1111?: string; json?: string }> {
  const budget = new TextBudget();
  try {
    const format = detectImageFormat(bytes);
    if (format === "jpeg") return fromExif(readJpegExif(bytes), budget);
    if (format === "webp") return fromExif(readWebpExif(bytes), budget);
    if (format !== "png") return {};
    const text = readPngText(bytes, budget);
    // Some tools put EXIF in PNG (eXIf chunk) instead of text; use it only for what the text chunks lack.
    const exif = fromExif(readPngChunks(bytes).find((c) => c.type === "eXIf")?.data, budget);
    const a1111 = text[PNG_KEY_A1111] ?? exif.a1111;
    const json = text[PNG_KEY_JSON] ?? exif.json;
    return { ...(a1111 !== undefined && { a1111 }), ...(json !== undefined && { json }) };
  } catch (error) {
    if (error instanceof MetadataTooLargeError) throw error;
    return {};
  }
}

/**
 * Removes text/EXIF/XMP/IPTC/comment metadata without re-encoding (colour profiles are kept). PNG: tEXt, iTXt,
 * zTXt, eXIf. JPEG: APP1, APP13, COM. WebP: EXIF and XMP chunks, VP8X flags cleared.
 */
export async function stripMetadata(bytes: Uint8Array, mime: string): Promise<Uint8Array> {
  const format = requireFormat(bytes, mime);
  if (format === "png") return stripPngMetadata(bytes);
  if (format === "jpeg") return stripJpegMetadata(bytes);
  return stripWebpMetadata(bytes);
}
