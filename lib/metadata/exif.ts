/**
 * Minimal EXIF (TIFF structure) writer/reader for the two tags we use:
 *  - UserComment (0x9286, Exif IFD): where A1111/Forge put the `parameters` text in JPEG/WebP, via
 *    piexif.helper.UserComment.dump(text, encoding="unicode") = "UNICODE\0" + UTF-16BE.
 *  - ImageDescription (0x010E, IFD0): our own settings JSON.
 * Written big-endian ("MM"), byte-compatible with what piexif.dump produces, so A1111's "PNG Info" tab reads it.
 */
import { TextBudget } from "./bounds";

const TAG_IMAGE_DESCRIPTION = 0x010e;
const TAG_EXIF_IFD = 0x8769;
const TAG_EXIF_VERSION = 0x9000;
const TAG_USER_COMMENT = 0x9286;

const TYPE_ASCII = 2;
const TYPE_LONG = 4;
const TYPE_UNDEFINED = 7;
const TYPE_SIZES: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8 };

const UNICODE_PREFIX = [0x55, 0x4e, 0x49, 0x43, 0x4f, 0x44, 0x45, 0x00]; // "UNICODE\0"

export interface ExifFields {
  imageDescription?: string;
  userComment?: string;
}

interface Entry {
  tag: number;
  type: number;
  count: number;
  /** Raw value bytes (big-endian). A LONG pointer is patched in later via `pointer`. */
  value: Uint8Array;
}

function utf16be(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    out[i * 2] = text.charCodeAt(i) >> 8;
    out[i * 2 + 1] = text.charCodeAt(i) & 0xff;
  }
  return out;
}

const concat = (...parts: ArrayLike<number>[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let pos = 0;
  for (const p of parts) {
    out.set(p, pos);
    pos += p.length;
  }
  return out;
};

/** Size of an IFD: count + 12-byte entries + next-IFD offset. */
const ifdSize = (entries: Entry[]) => 2 + entries.length * 12 + 4;

/** Writes one IFD at `at`, its out-of-line values starting at `dataAt`; returns the offset after its data. */
function writeIfd(out: DataView, bytes: Uint8Array, at: number, dataAt: number, entries: Entry[]): number {
  out.setUint16(at, entries.length);
  let pos = at + 2;
  for (const e of entries) {
    out.setUint16(pos, e.tag);
    out.setUint16(pos + 2, e.type);
    out.setUint32(pos + 4, e.count);
    if (e.value.length <= 4) {
      bytes.set(e.value, pos + 8); // inline, left-justified
    } else {
      out.setUint32(pos + 8, dataAt);
      bytes.set(e.value, dataAt);
      dataAt += e.value.length + (e.value.length % 2); // values start on word boundaries
    }
    pos += 12;
  }
  out.setUint32(pos, 0); // no next IFD
  return dataAt;
}

const dataSize = (entries: Entry[]) =>
  entries.reduce((n, e) => (e.value.length > 4 ? n + e.value.length + (e.value.length % 2) : n), 0);

/**
 * Builds a TIFF-structured EXIF blob (starting "MM\0*", without the JPEG "Exif\0\0" header).
 * `imageDescription` is stored as UTF-8 bytes; pass ASCII if strict EXIF readers matter (the spec says ASCII).
 */
export function buildExif(fields: ExifFields): Uint8Array {
  const ifd0: Entry[] = [];
  const exifIfd: Entry[] = [];
  if (fields.imageDescription !== undefined) {
    const value = concat(new TextEncoder().encode(fields.imageDescription), [0]);
    ifd0.push({ tag: TAG_IMAGE_DESCRIPTION, type: TYPE_ASCII, count: value.length, value });
  }
  if (fields.userComment !== undefined) {
    // ExifVersion is mandatory in an Exif IFD; some validators complain without it.
    exifIfd.push({ tag: TAG_EXIF_VERSION, type: TYPE_UNDEFINED, count: 4, value: concat([0x30, 0x32, 0x33, 0x32]) });
    const value = concat(UNICODE_PREFIX, utf16be(fields.userComment));
    exifIfd.push({ tag: TAG_USER_COMMENT, type: TYPE_UNDEFINED, count: value.length, value });
    ifd0.push({ tag: TAG_EXIF_IFD, type: TYPE_LONG, count: 1, value: new Uint8Array(4) }); // patched below
  }

  const ifd0At = 8;
  const ifd0DataAt = ifd0At + ifdSize(ifd0);
  const exifAt = ifd0DataAt + dataSize(ifd0);
  const total = exifIfd.length ? exifAt + ifdSize(exifIfd) + dataSize(exifIfd) : exifAt;
  const pointer = ifd0.find((e) => e.tag === TAG_EXIF_IFD);
  if (pointer) new DataView(pointer.value.buffer).setUint32(0, exifAt);

  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);
  bytes.set([0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, ifd0At]);
  writeIfd(view, bytes, ifd0At, ifd0DataAt, ifd0);
  if (exifIfd.length) writeIfd(view, bytes, exifAt, exifAt + ifdSize(exifIfd), exifIfd);
  return bytes;
}

/** Decodes a UserComment value: 8-byte charset prefix + text (EXIF 2.3 §4.6.5, table 9). */
export function decodeUserComment(value: Uint8Array, littleEndian: boolean): string {
  const prefix = String.fromCharCode(...value.subarray(0, 8));
  const body = value.subarray(8);
  let text: string;
  if (prefix === "UNICODE\0") {
    text = decodeUtf16(body, littleEndian);
  } else if (prefix === "JIS\0\0\0\0\0") {
    text = new TextDecoder("shift_jis").decode(body);
  } else if (prefix === "ASCII\0\0\0" || prefix === "\0\0\0\0\0\0\0\0") {
    text = new TextDecoder().decode(body); // tolerate UTF-8 smuggled into ASCII, which is common
  } else {
    text = new TextDecoder().decode(value); // no prefix at all: A1111 falls back to UTF-8 of the whole value
  }
  return text.replace(/\0+$/, "");
}

/**
 * UTF-16 with unspecified byte order: the spec doesn't say, piexif always writes BE, exiftool follows the TIFF byte
 * order. Honour a BOM, else guess from where the zero bytes of ASCII-range characters fall, else the TIFF order.
 */
function decodeUtf16(body: Uint8Array, littleEndian: boolean): string {
  const even = body.length - (body.length % 2);
  let le = littleEndian;
  if (body[0] === 0xfe && body[1] === 0xff) le = false;
  else if (body[0] === 0xff && body[1] === 0xfe) le = true;
  else {
    let zeroHigh = 0;
    let zeroLow = 0;
    for (let i = 0; i < even; i += 2) {
      if (body[i] === 0 && body[i + 1] !== 0) zeroHigh++;
      if (body[i + 1] === 0 && body[i] !== 0) zeroLow++;
    }
    if (zeroHigh !== zeroLow) le = zeroLow > zeroHigh;
  }
  return new TextDecoder(le ? "utf-16le" : "utf-16be").decode(body.subarray(0, even)).replace(/^\ufeff/, "");
}

interface RawEntry {
  type: number;
  count: number;
  /** Offset of the value bytes within the TIFF blob. */
  at: number;
}

/** Reads one IFD's entries; bounds-checked so hostile/corrupt EXIF yields nothing instead of throwing. */
function readIfd(view: DataView, at: number, le: boolean): Map<number, RawEntry> {
  const entries = new Map<number, RawEntry>();
  if (at + 2 > view.byteLength) return entries;
  const n = view.getUint16(at, le);
  for (let i = 0; i < n; i++) {
    const pos = at + 2 + i * 12;
    if (pos + 12 > view.byteLength) break;
    const type = view.getUint16(pos + 2, le);
    const count = view.getUint32(pos + 4, le);
    const size = (TYPE_SIZES[type] ?? 1) * count;
    const valueAt = size <= 4 ? pos + 8 : view.getUint32(pos + 8, le);
    if (valueAt + size > view.byteLength) continue;
    entries.set(view.getUint16(pos, le), { type, count, at: valueAt });
  }
  return entries;
}

/**
 * Parses a TIFF-structured EXIF blob; also accepts a leading "Exif\0\0" header (JPEG APP1 / some WebP writers).
 * Throws MetadataTooLargeError when the text fields pass `budget` (1 MB by default).
 */
export function parseExif(input: Uint8Array, budget = new TextBudget()): ExifFields {
  const exifHeader = input.length >= 6 && String.fromCharCode(...input.subarray(0, 4)) === "Exif" && input[4] === 0;
  const tiff = exifHeader ? input.subarray(6) : input;
  if (tiff.length < 8) return {};
  const order = String.fromCharCode(tiff[0]!, tiff[1]!);
  if (order !== "II" && order !== "MM") return {};
  const le = order === "II";
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  if (view.getUint16(2, le) !== 42) return {};

  const out: ExifFields = {};
  const ifd0 = readIfd(view, view.getUint32(4, le), le);
  const desc = ifd0.get(TAG_IMAGE_DESCRIPTION);
  if (desc && desc.type === TYPE_ASCII) {
    budget.charge(desc.count);
    const raw = tiff.subarray(desc.at, desc.at + desc.count);
    const end = raw.indexOf(0);
    out.imageDescription = new TextDecoder().decode(end < 0 ? raw : raw.subarray(0, end));
  }
  const pointer = ifd0.get(TAG_EXIF_IFD);
  if (pointer) {
    const exif = readIfd(view, view.getUint32(pointer.at, le), le);
    const comment = exif.get(TAG_USER_COMMENT);
    if (comment) {
      budget.charge(comment.count);
      out.userComment = decodeUserComment(tiff.subarray(comment.at, comment.at + comment.count), le);
    }
  }
  return out;
}
