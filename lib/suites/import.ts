import { parseCsv } from "./csv";
import { MAX_CATEGORY_CHARS, MAX_PROMPT_CHARS, MAX_SUITE_PROMPTS } from "./constants";
import type { SuitePrompt } from "./types";
import { fitsLines } from "./editor-lines";

/**
 * Pasted or uploaded prompts → a suite's prompts, or every problem listed by line number before anything is saved.
 * "lines": one prompt per line. "csv" (comma, semicolon or tab separated): a header row naming a `prompt` column (or
 * `text`) and optionally a `category` column (or `categories`); without such a header, the first column is the
 * prompt and the second the category. A line with more fields than those columns is refused by number, except in a
 * sheet of one column, where the whole line is the prompt.
 */
export type ImportFormat = "lines" | "csv";

export type LineProblemKind = "empty" | "duplicate" | "too_long" | "malformed" | "too_many";

export interface LineProblem {
  line: number;
  kind: LineProblemKind;
  message: string;
}

/** A prompt as read, with the line it came from. */
export interface ReadPrompt extends SuitePrompt {
  line: number;
}

export type ImportResult = { ok: true; prompts: ReadPrompt[] } | { ok: false; problems: LineProblem[] };

export function importPrompts(text: string, format: ImportFormat): ImportResult {
  const read = format === "csv" ? readCsv(text) : readLines(text);
  if (!read.ok) return read;
  const problems = [...read.problems, ...checkPrompts(read.prompts)].sort((a, b) => a.line - b.line);
  return problems.length ? { ok: false, problems } : { ok: true, prompts: read.prompts };
}

/** Prompts read, with problems only reading could see (a line with more fields than columns). */
type Read = { ok: true; prompts: ReadPrompt[]; problems: LineProblem[] } | { ok: false; problems: LineProblem[] };

function readLines(text: string): Read {
  const lines = (text.startsWith("\uFEFF") ? text.slice(1) : text).split(/\r\n|\r|\n/);
  while (lines.length > 0 && lines.at(-1)!.trim() === "") lines.pop();
  return { ok: true, prompts: lines.map((l, i) => ({ line: i + 1, text: l.trim(), category: null })), problems: [] };
}

const promptHeaders = new Set(["prompt", "text"]);
const categoryHeaders = ["category", "categories"];

function readCsv(text: string): Read {
  const parsed = parseCsv(text);
  if (!parsed.ok) return { ok: false, problems: [{ line: parsed.line, kind: "malformed", message: parsed.message }] };
  const records = [...parsed.records];
  while (records.length > 0 && records.at(-1)!.fields.every((f) => f.trim() === "")) records.pop();
  const header = records[0]?.fields.map((f) => f.trim().toLowerCase());
  let promptCol = 0;
  let categoryCol: number | null = 1;
  // Columns a record may fill: the header's, else a prompt and its category.
  const headered = header !== undefined && header.some((h) => promptHeaders.has(h));
  let columns = 2;
  if (header && headered) {
    records.shift();
    // `prompt` wins over `text`: a sheet may have both (the text to render in the image, and the prompt).
    promptCol = header.includes("prompt") ? header.indexOf("prompt") : header.indexOf("text");
    const c = header.findIndex((h) => categoryHeaders.includes(h));
    categoryCol = c >= 0 ? c : null;
    columns = header.length;
  }
  const sep = { ",": "comma", ";": "semicolon", "\t": "tab" }[parsed.delimiter];
  const problems: LineProblem[] = [];
  const prompts = records.map((r) => {
    // A field past the last column is a separator the prompt held unquoted: its words would be lost, or read as the
    // category. A sheet of one column can only mean the whole line; otherwise the line is refused, saying why.
    let fields = r.fields;
    if (fields.slice(columns).some((f) => f.trim() !== "")) {
      if (columns === 1) fields = [fields.join(parsed.delimiter)];
      else {
        const what = headered ? `the ${columns} columns of the header` : "a prompt and its category";
        problems.push({ line: r.line, kind: "malformed", message: `Line ${r.line} has more fields than ${what}: put a prompt that holds a ${sep} in double quotes.` });
      }
    }
    const category = categoryCol === null ? "" : (fields[categoryCol] ?? "").trim();
    return { line: r.line, text: (fields[promptCol] ?? "").trim(), category: category || null };
  });
  return { ok: true, prompts, problems };
}

/** Empty, duplicated (case and spacing aside) and over-long prompts, and too many of them, by line. */
export function checkPrompts(prompts: ReadPrompt[]): LineProblem[] {
  const problems: LineProblem[] = [];
  if (prompts.length === 0) problems.push({ line: 1, kind: "empty", message: "There are no prompts." });
  if (prompts.length > MAX_SUITE_PROMPTS) {
    problems.push({
      line: prompts[MAX_SUITE_PROMPTS]!.line,
      kind: "too_many",
      message: `${prompts.length} prompts: a suite holds at most ${MAX_SUITE_PROMPTS} (line ${prompts[MAX_SUITE_PROMPTS]!.line} is number ${MAX_SUITE_PROMPTS + 1}).`,
    });
  }
  const firstSeen = new Map<string, number>();
  for (const p of prompts) {
    if (p.text === "") {
      problems.push({ line: p.line, kind: "empty", message: `Line ${p.line} is empty.` });
      continue;
    }
    if (/[\u0000-\u0008\u000E-\u001F]/.test(p.text)) {
      problems.push({ line: p.line, kind: "malformed", message: `Line ${p.line} holds control characters: save the file as UTF-8 text.` });
      continue;
    }
    const key = p.text.toLowerCase().replace(/\s+/g, " ");
    const first = firstSeen.get(key);
    if (first !== undefined) problems.push({ line: p.line, kind: "duplicate", message: `Line ${p.line} repeats line ${first}.` });
    else firstSeen.set(key, p.line);
    if (p.text.length > MAX_PROMPT_CHARS) {
      problems.push({ line: p.line, kind: "too_long", message: `Line ${p.line} has ${p.text.length} characters; prompts take at most ${MAX_PROMPT_CHARS}.` });
    }
    if ((p.category?.length ?? 0) > MAX_CATEGORY_CHARS) {
      problems.push({ line: p.line, kind: "too_long", message: `Line ${p.line}: the category is longer than ${MAX_CATEGORY_CHARS} characters.` });
    }
  }
  return problems.sort((a, b) => a.line - b.line);
}


/** A suite's prompts as text the editor shows: plain lines, or CSV with a header when any prompt has a category. */
export function exportPrompts(prompts: SuitePrompt[]): { text: string; format: ImportFormat } {
  if (fitsLines(prompts)) {
    return { text: prompts.map((p) => p.text).join("\n"), format: "lines" };
  }
  const cell = (s: string) => (/[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s);
  return { text: ["prompt,category", ...prompts.map((p) => `${cell(p.text)},${cell(p.category ?? "")}`)].join("\n"), format: "csv" };
}
