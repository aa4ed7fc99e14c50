/**
 * A small RFC 4180 reader: quoted fields (with "" for a quote, and separators or line breaks inside), CRLF, LF or CR
 * line ends, and a byte-order mark. The separator is a comma, a semicolon (Excel and LibreOffice where the decimal
 * mark is a comma) or a tab (Excel's "Unicode text", cells pasted from a sheet), read off the first record. Each
 * record carries the line it starts on, so problems can be reported by the line a person sees in their editor.
 */

export interface CsvRecord {
  /** 1-based line the record starts on. */
  line: number;
  fields: string[];
}

export type CsvDelimiter = "," | ";" | "\t";

export type CsvResult = { ok: true; delimiter: CsvDelimiter; records: CsvRecord[] } | { ok: false; line: number; message: string };

const delimiters: readonly CsvDelimiter[] = [",", ";", "\t"];
/** Records looked at when the first one has as many of two separators. */
const SNIFF_RECORDS = 20;

export function parseCsv(input: string, delimiter?: CsvDelimiter): CsvResult {
  const text = input.startsWith("\uFEFF") ? input.slice(1) : input;
  const sep = delimiter ?? detectDelimiter(text);
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let quoteLine = 0;
  let i = 0;
  const endRecord = () => {
    fields.push(field);
    records.push({ line: recordLine, fields });
    fields = [];
    field = "";
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (ch === '"') {
        quoted = false;
        i++;
        const next = text[i];
        if (next !== undefined && next !== sep && next !== "\n" && next !== "\r") {
          return { ok: false, line, message: `Line ${line}: a closing quote must end its field.` };
        }
        continue;
      }
      if (ch === "\n" || (ch === "\r" && text[i + 1] !== "\n")) line++;
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === "") {
      quoted = true;
      quoteLine = line;
      i++;
    } else if (ch === sep) {
      fields.push(field);
      field = "";
      i++;
    } else if (ch === "\r" || ch === "\n") {
      i += ch === "\r" && text[i + 1] === "\n" ? 2 : 1;
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += ch;
      i++;
    }
  }
  if (quoted) return { ok: false, line: quoteLine, message: `Line ${quoteLine}: a quoted field is never closed.` };
  // A final line end does not start another record.
  if (field !== "" || fields.length > 0) endRecord();
  return { ok: true, delimiter: sep, records };
}

/**
 * The separator that splits every one of the first records alike, outside quotes (a comma inside a quoted prompt is
 * not counted); of several, the one they have most of. A separator some records lack is text: "a cat; watercolor" in a
 * plain list of prompts, or the unquoted commas of `a cat, sitting;animals` in a semicolon file. With none, commas, as
 * RFC 4180 reads it: a one-column list of prompts stays whole.
 */
function detectDelimiter(text: string): CsvDelimiter {
  const counts = countOutsideQuotes(text, SNIFF_RECORDS);
  const first = counts[0];
  if (!first) return ",";
  const steady = delimiters.filter((d) => first[d] > 0 && counts.every((c) => c[d] === first[d]));
  if (steady.length === 0) return ",";
  return steady.reduce((best, d) => (first[d] > first[best] ? d : best));
}

/** Per record (blank ones skipped), how many of each separator it has outside quoted fields. */
function countOutsideQuotes(text: string, maxRecords: number): Record<CsvDelimiter, number>[] {
  const out: Record<CsvDelimiter, number>[] = [];
  let counts = { ",": 0, ";": 0, "\t": 0 };
  let blank = true;
  let quoted = false;
  for (let i = 0; i < text.length && out.length < maxRecords; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') i++;
      else if (ch === '"') quoted = false;
      continue;
    }
    const prev = text[i - 1];
    if (ch === '"' && (prev === undefined || prev === "\n" || prev === "\r" || delimiters.includes(prev as CsvDelimiter))) {
      quoted = true;
      blank = false;
    } else if (ch === "\n" || ch === "\r") {
      if (!blank) out.push(counts);
      counts = { ",": 0, ";": 0, "\t": 0 };
      blank = true;
    } else {
      if (ch in counts) counts[ch as CsvDelimiter]++;
      if (ch.trim() !== "" || ch === "\t") blank = false;
    }
  }
  if (!blank && out.length < maxRecords) out.push(counts);
  return out;
}
