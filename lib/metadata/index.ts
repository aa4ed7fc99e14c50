/**
 * Generation-settings metadata for stored images: A1111 infotext, PNG text chunks and EXIF embedding.
 * Server-side (uses node:zlib), byte-level and re-encode free.
 */
export { formatA1111, parseA1111, quote as quoteA1111, unquote as unquoteA1111, type A1111Params } from "./a1111";
export { readPngText, writePngText, stripPngMetadata } from "./png-text";
export { MetadataTooLargeError } from "./bounds";
export { buildExif, parseExif, type ExifFields } from "./exif";
export {
  embedSettings,
  readSettings,
  stripMetadata,
  detectImageFormat,
  UnsupportedImageFormatError,
  PNG_KEY_A1111,
  PNG_KEY_JSON,
  type EmbeddedSettings,
  type ImageFormat,
} from "./embed";
