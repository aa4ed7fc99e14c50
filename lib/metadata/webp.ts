/**
 * WebP RIFF chunk surgery for EXIF/XMP, without re-encoding. Metadata needs the extended format (a VP8X chunk
 * with flag bits), so a simple lossy/lossless file is upgraded by synthesising VP8X from the bitstream header.
 * Spec: https://developers.google.com/speed/webp/docs/riff_container
 */

const FLAG_XMP = 0x04;
const FLAG_EXIF = 0x08;
const FLAG_ALPHA = 0x10;

interface Chunk {
  fourcc: string;
  data: Uint8Array;
}

const fourcc = (b: Uint8Array, at: number) => String.fromCharCode(...b.subarray(at, at + 4));

export function isWebp(bytes: Uint8Array): boolean {
  return bytes.length >= 12 && fourcc(bytes, 0) === "RIFF" && fourcc(bytes, 8) === "WEBP";
}

function readChunks(webp: Uint8Array): Chunk[] {
  if (!isWebp(webp)) throw new Error("Not a WebP file");
  const view = new DataView(webp.buffer, webp.byteOffset, webp.byteLength);
  // Trust the RIFF size over the buffer length: anything after it is not part of the file.
  const end = Math.min(webp.length, 8 + view.getUint32(4, true));
  const chunks: Chunk[] = [];
  let pos = 12;
  while (pos + 8 <= end) {
    const size = view.getUint32(pos + 4, true);
    if (pos + 8 + size > end) throw new Error("Truncated WebP chunk");
    chunks.push({ fourcc: fourcc(webp, pos), data: webp.subarray(pos + 8, pos + 8 + size) });
    pos += 8 + size + (size % 2); // chunks are padded to even length
  }
  return chunks;
}

function writeChunks(chunks: Chunk[]): Uint8Array {
  const body = chunks.reduce((n, c) => n + 8 + c.data.length + (c.data.length % 2), 0);
  const out = new Uint8Array(12 + body); // zero-filled, so padding bytes are already 0
  const view = new DataView(out.buffer);
  const setFourcc = (at: number, s: string) => out.set([...s].map((c) => c.charCodeAt(0)), at);
  setFourcc(0, "RIFF");
  view.setUint32(4, 4 + body, true);
  setFourcc(8, "WEBP");
  let pos = 12;
  for (const { fourcc: id, data } of chunks) {
    setFourcc(pos, id);
    view.setUint32(pos + 4, data.length, true);
    out.set(data, pos + 8);
    pos += 8 + data.length + (data.length % 2);
  }
  return out;
}

/** Canvas size and alpha of a simple-format file, read from the VP8 / VP8L bitstream header. */
function simpleInfo(chunk: Chunk): { width: number; height: number; alpha: boolean } {
  const d = chunk.data;
  if (chunk.fourcc === "VP8 " && d.length >= 10 && d[3] === 0x9d && d[4] === 0x01 && d[5] === 0x2a) {
    return { width: ((d[7]! << 8) | d[6]!) & 0x3fff, height: ((d[9]! << 8) | d[8]!) & 0x3fff, alpha: false };
  }
  if (chunk.fourcc === "VP8L" && d.length >= 5 && d[0] === 0x2f) {
    const bits = new DataView(d.buffer, d.byteOffset + 1, 4).getUint32(0, true);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1, alpha: ((bits >>> 28) & 1) === 1 };
  }
  throw new Error(`Unsupported WebP image chunk ${chunk.fourcc}`);
}

function makeVp8x(flags: number, width: number, height: number): Chunk {
  const data = new Uint8Array(10);
  data[0] = flags;
  const put24 = (at: number, v: number) => data.set([v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff], at);
  put24(4, width - 1);
  put24(7, height - 1);
  return { fourcc: "VP8X", data };
}

/** Returns chunks whose first is VP8X, with `set` flags added and `clear` flags removed (copying, never mutating). */
function withFlags(chunks: Chunk[], set: number, clear: number): Chunk[] {
  const first = chunks[0];
  if (!first) throw new Error("Empty WebP file");
  if (first.fourcc === "VP8X") {
    const data = first.data.slice();
    data[0] = ((data[0] ?? 0) | set) & ~clear;
    return [{ fourcc: "VP8X", data }, ...chunks.slice(1)];
  }
  const info = simpleInfo(first);
  return [makeVp8x((info.alpha ? FLAG_ALPHA : 0) | set, info.width, info.height), ...chunks];
}

/** The EXIF chunk's TIFF blob. Pillow (hence A1111) used to write it with a JPEG-style "Exif\0\0" header; drop it. */
export function readWebpExif(webp: Uint8Array): Uint8Array | undefined {
  const data = readChunks(webp).find((c) => c.fourcc === "EXIF")?.data;
  if (data && data.length >= 6 && fourcc(data, 0) === "Exif" && data[4] === 0 && data[5] === 0) {
    return data.subarray(6);
  }
  return data;
}

/** Replaces the EXIF chunk. The spec orders chunks …image data, EXIF, XMP, so it goes before any XMP chunk. */
export function writeWebpExif(webp: Uint8Array, tiff: Uint8Array): Uint8Array {
  const chunks = withFlags(
    readChunks(webp).filter((c) => c.fourcc !== "EXIF"),
    FLAG_EXIF,
    0,
  );
  const xmpAt = chunks.findIndex((c) => c.fourcc === "XMP ");
  chunks.splice(xmpAt < 0 ? chunks.length : xmpAt, 0, { fourcc: "EXIF", data: tiff });
  return writeChunks(chunks);
}

/** Drops EXIF and XMP chunks and clears their VP8X flags; ICC (ICCP) is kept as it affects colour. */
export function stripWebpMetadata(webp: Uint8Array): Uint8Array {
  const chunks = readChunks(webp);
  const kept = chunks.filter((c) => c.fourcc !== "EXIF" && c.fourcc !== "XMP ");
  if (chunks[0]?.fourcc !== "VP8X") return writeChunks(kept); // simple format carries no metadata flags
  return writeChunks(withFlags(kept, 0, FLAG_EXIF | FLAG_XMP));
}
