/**
 * JPEG marker-segment surgery. Only the header segments before the first SOS are touched; the entropy-coded data
 * and everything after it is copied verbatim, so pixels are never re-encoded.
 */

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const APP0 = 0xe0;
const APP1 = 0xe1;
const APP13 = 0xed;
const COM = 0xfe;
const EXIF_HEADER = [0x45, 0x78, 0x69, 0x66, 0x00, 0x00]; // "Exif\0\0"
/** Segment length is a uint16 that counts itself. */
const MAX_PAYLOAD = 0xffff - 2;

interface Segment {
  marker: number;
  /** Payload without marker and length bytes. */
  data: Uint8Array;
}

interface ParsedJpeg {
  segments: Segment[];
  /** From the SOS marker (inclusive) to end of file. */
  tail: Uint8Array;
}

/** TEM and RSTn carry no length field. */
const isStandalone = (marker: number) => marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7);

export function isJpeg(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === SOI && bytes[2] === 0xff;
}

function parseJpeg(jpeg: Uint8Array): ParsedJpeg {
  if (!isJpeg(jpeg)) throw new Error("Not a JPEG file");
  const segments: Segment[] = [];
  let pos = 2;
  while (pos < jpeg.length) {
    if (jpeg[pos] !== 0xff) throw new Error(`Bad JPEG marker at ${pos}`);
    // Any number of 0xFF fill bytes may precede a marker.
    let markerAt = pos;
    while (jpeg[markerAt + 1] === 0xff) markerAt++;
    const marker = jpeg[markerAt + 1];
    if (marker === undefined) break;
    if (marker === SOS || marker === EOI) return { segments, tail: jpeg.subarray(markerAt) };
    if (isStandalone(marker)) {
      segments.push({ marker, data: new Uint8Array(0) }); // standalone markers have no length
      pos = markerAt + 2;
      continue;
    }
    if (markerAt + 4 > jpeg.length) break;
    const length = (jpeg[markerAt + 2]! << 8) | jpeg[markerAt + 3]!;
    if (length < 2 || markerAt + 2 + length > jpeg.length) throw new Error("Truncated JPEG segment");
    segments.push({ marker, data: jpeg.subarray(markerAt + 4, markerAt + 2 + length) });
    pos = markerAt + 2 + length;
  }
  throw new Error("JPEG has no image data (SOS)");
}

function serialise({ segments, tail }: ParsedJpeg): Uint8Array {
  const size = 2 + segments.reduce((n, s) => n + (isStandalone(s.marker) ? 2 : 4 + s.data.length), 0);
  const out = new Uint8Array(size + tail.length);
  out.set([0xff, SOI], 0);
  let pos = 2;
  for (const { marker, data } of segments) {
    out[pos++] = 0xff;
    out[pos++] = marker;
    if (!isStandalone(marker)) {
      out[pos++] = (data.length + 2) >> 8;
      out[pos++] = (data.length + 2) & 0xff;
      out.set(data, pos);
      pos += data.length;
    }
  }
  out.set(tail, pos);
  return out;
}

const isExifSegment = (s: Segment) =>
  s.marker === APP1 && s.data.length >= 6 && EXIF_HEADER.slice(0, 5).every((b, i) => s.data[i] === b);

/** The TIFF-structured EXIF blob of the first Exif APP1 segment, without its "Exif\0\0" header. */
export function readJpegExif(jpeg: Uint8Array): Uint8Array | undefined {
  return parseJpeg(jpeg).segments.find(isExifSegment)?.data.subarray(6);
}

/**
 * Replaces any Exif APP1 with `tiff`. Placed after JFIF/JFXX APP0 (which JFIF requires to come first) and before
 * everything else, as EXIF readers expect. XMP APP1 and ICC APP2 segments are kept.
 */
export function writeJpegExif(jpeg: Uint8Array, tiff: Uint8Array): Uint8Array {
  if (tiff.length + EXIF_HEADER.length > MAX_PAYLOAD) {
    throw new RangeError(`EXIF too large for one JPEG APP1 segment (${tiff.length} bytes)`);
  }
  const parsed = parseJpeg(jpeg);
  const segments = parsed.segments.filter((s) => !isExifSegment(s));
  let at = 0;
  while (segments[at]?.marker === APP0) at++;
  const data = new Uint8Array(EXIF_HEADER.length + tiff.length);
  data.set(EXIF_HEADER, 0);
  data.set(tiff, EXIF_HEADER.length);
  segments.splice(at, 0, { marker: APP1, data });
  return serialise({ segments, tail: parsed.tail });
}

/**
 * Drops APP1 (EXIF, XMP), APP13 (IPTC/Photoshop) and COM segments. Keeps APP0 (JFIF), APP2 (ICC profile) and
 * APP14 (Adobe colour transform), which change how the pixels decode.
 * Note: this also drops the EXIF Orientation tag; generated images never carry one.
 */
export function stripJpegMetadata(jpeg: Uint8Array): Uint8Array {
  const parsed = parseJpeg(jpeg);
  const segments = parsed.segments.filter((s) => s.marker !== APP1 && s.marker !== APP13 && s.marker !== COM);
  return serialise({ segments, tail: parsed.tail });
}
