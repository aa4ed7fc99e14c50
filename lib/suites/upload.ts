import type { ImportFormat } from "./import";

/**
 * An uploaded .txt or .csv file's bytes → its text, by its byte-order mark: UTF-16 LE or BE (Excel's "Unicode
 * text"), UTF-8 with or without one. Bytes that are not UTF-8 and carry no mark are read as Windows-1252, the
 * code page Excel's plain "CSV" is saved in on Western European systems, rather than as replacement characters.
 */
export function decodeText(bytes: Uint8Array): string {
  const [a, b] = bytes;
  // TextDecoder drops the mark itself.
  if (a === 0xff && b === 0xfe) return new TextDecoder("utf-16le").decode(bytes);
  if (a === 0xfe && b === 0xff) return new TextDecoder("utf-16be").decode(bytes);
  // Without the mark, UTF-16 text in a Latin script is also valid UTF-8, with a NUL beside every letter.
  const utf16 = unmarkedUtf16(bytes);
  if (utf16) return new TextDecoder(utf16).decode(bytes);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return decodeWindows1252(bytes);
  }
}

/**
 * UTF-16 without a byte-order mark, told by its zero bytes: in the first KiB, a quarter or more of the byte pairs have
 * a zero on one side and none on the other (text has no NUL of its own).
 */
function unmarkedUtf16(bytes: Uint8Array): "utf-16le" | "utf-16be" | null {
  const n = Math.min(bytes.length - (bytes.length % 2), 1024);
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  if (pairs === 0) return null;
  if (even === 0 && odd >= pairs / 4) return "utf-16le";
  if (odd === 0 && even >= pairs / 4) return "utf-16be";
  return null;
}

/** 0x80–0x9F in Windows-1252; every other byte is its own code point. */
const cp1252High =
  "\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F" +
  "\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178";

// By hand: Node's TextDecoder reads "windows-1252" as Latin-1 (€ comes out as U+0080), browsers do not.
function decodeWindows1252(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 8192) {
    const units = Array.from(bytes.subarray(i, i + 8192), (b) => (b >= 0x80 && b < 0xa0 ? cp1252High.charCodeAt(b - 0x80) : b));
    out += String.fromCharCode(...units);
  }
  return out;
}

/**
 * How to read an uploaded file: a .csv or .tsv as CSV, and a .txt as one prompt per line unless its first line has a
 * tab (a sheet saved as "Unicode text" or "Text (tab delimited)" is a .txt with a column per tab).
 */
export function uploadFormat(fileName: string, text: string): ImportFormat {
  if (/\.(csv|tsv)$/i.test(fileName)) return "csv";
  const firstLine = /^[^\r\n]*/.exec(text)?.[0] ?? "";
  return firstLine.includes("\t") ? "csv" : "lines";
}
