import { parseCsv } from "./csv";
import { MAX_CATEGORY_CHARS, MAX_PROMPT_CHARS, MAX_SUITE_PROMPTS } from "./constants";
import type { SuitePrompt } from "./types";
import { fitsLines } from "./editor-lines";

/**
 * Pasted or uploaded prompts → a suite's prompts, or every problem listed by line number before anything is saved.
 * "lines": one prompt per line. "csv" (comma, semicolon or tab separated): a header row naming a `prompt` column (or
 * `text`) and optionally a `category` column (or `categories`); without such a header, the first column is the
 * prompt and the second the category.
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
  const problems = checkPrompts(read.prompts);
  return problems.length ? { ok: false, problems } : read;
}

function readLines(text: string): ImportResult {
  const lines = (text.startsWith("\uFEFF") ? text.slice(1) : text).split(/\r\n|\r|\n/);
  while (lines.length > 0 && lines.at(-1)!.trim() === "") lines.pop();
  return { ok: true, prompts: lines.map((l, i) => ({ line: i + 1, text: l.trim(), category: null })) };
}

const promptHeaders = new Set(["prompt", "text"]);
const categoryHeaders = ["category", "categories"];

function readCsv(text: string): ImportResult {
  const parsed = parseCsv(text);
  if (!parsed.ok) return { ok: false, problems: [{ line: parsed.line, kind: "malformed", message: parsed.message }] };
  const records = [...parsed.records];
  while (records.length > 0 && records.at(-1)!.fields.every((f) => f.trim() === "")) records.pop();
  const header = records[0]?.fields.map((f) => f.trim().toLowerCase());
  let promptCol = 0;
  let categoryCol: number | null = 1;
  if (header && header.some((h) => promptHeaders.has(h))) {
    records.shift();
    // `prompt` wins over `text`: a sheet may have both (the text to render in the image, and the prompt).
    promptCol = header.includes("prompt") ? header.indexOf("prompt") : header.indexOf("text");
    const c = header.findIndex((h) => categoryHeaders.includes(h));
    categoryCol = c >= 0 ? c : null;
  }
  return {
    ok: true,
    prompts: records.map((r) => {
      const category = categoryCol === null ? "" : (r.fields[categoryCol] ?? "").trim();
      return { line: r.line, text: (r.fields[promptCol] ?? "").trim(), category: category || null };
    }),
  };
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
