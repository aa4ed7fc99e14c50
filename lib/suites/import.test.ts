import { describe, expect, it } from "vitest";
import { parseCsv } from "./csv";
import { exportPrompts, importPrompts } from "./import";
import { editorLines } from "./editor-lines";
import { decodeText, uploadFormat } from "./upload";
import { checkTargetLimits, batchLimitProblem, promptLimit } from "./limits";
import { starterPrompts } from "./starter";
import { MAX_SUITE_PROMPTS } from "./types";

describe("parseCsv", () => {
  it("reads quoted fields with commas, doubled quotes and line breaks", () => {
    const r = parseCsv('prompt,category\n"a cat, sleeping","animals"\n"say ""hi""\non two lines",text\n');
    expect(r).toEqual({
      ok: true,
      delimiter: ",",
      records: [
        { line: 1, fields: ["prompt", "category"] },
        { line: 2, fields: ["a cat, sleeping", "animals"] },
        { line: 3, fields: ['say "hi"\non two lines', "text"] },
      ],
    });
  });

  it("drops a byte-order mark and accepts CRLF line ends", () => {
    const r = parseCsv("\uFEFFprompt\r\nfirst\r\nsecond\r\n");
    expect(r.ok && r.records.map((x) => x.fields[0])).toEqual(["prompt", "first", "second"]);
    expect(r.ok && r.records.map((x) => x.line)).toEqual([1, 2, 3]);
  });

  it("reports an unclosed quote at the line it opened", () => {
    expect(parseCsv('prompt\nok\n"never closed\nmore')).toEqual({ ok: false, line: 3, message: "Line 3: a quoted field is never closed." });
  });
});

describe("CSV dialects", () => {
  const utf16le = (s: string) => new Uint8Array(Buffer.from(`\uFEFF${s}`, "utf16le"));
  const utf16be = (s: string) => utf16le(s).map((_, i, le) => le[i ^ 1]!);

  it("reads semicolons as the separator, quoted fields keeping their semicolons and commas", () => {
    const r = importPrompts('prompt;category\n"A cat; sleeping, curled up";animals\nA red cube, on a table;"spatial; shapes"\n', "csv");
    expect(r.ok && r.prompts).toEqual([
      { line: 2, text: "A cat; sleeping, curled up", category: "animals" },
      { line: 3, text: "A red cube, on a table", category: "spatial; shapes" },
    ]);
  });

  it("reads tabs as the separator", () => {
    const r = importPrompts("Category\tPrompt\nhands\tTwo hands, clasped\n\tA lake; at dawn\n", "csv");
    expect(r.ok && r.prompts).toEqual([
      { line: 2, text: "Two hands, clasped", category: "hands" },
      { line: 3, text: "A lake; at dawn", category: null },
    ]);
  });

  it("takes a `categories` header as the category column", () => {
    const r = importPrompts("prompt,Categories\nA fox,animals\n", "csv");
    expect(r.ok && r.prompts).toEqual([{ line: 2, text: "A fox", category: "animals" }]);
  });

  it("still reads a single column of prompts with commas and semicolons in quotes", () => {
    const r = importPrompts('prompt\n"A cat, sleeping"\n"A dog; barking, loudly"\nA plain one\n', "csv");
    expect(r.ok && r.prompts).toEqual([
      { line: 2, text: "A cat, sleeping", category: null },
      { line: 3, text: "A dog; barking, loudly", category: null },
      { line: 4, text: "A plain one", category: null },
    ]);
    const bare = importPrompts('"A cat, sleeping"\n"A dog, barking"\n', "csv");
    expect(bare.ok && bare.prompts.map((p) => [p.text, p.category])).toEqual([["A cat, sleeping", null], ["A dog, barking", null]]);
  });

  it("breaks a tie on the first record by the separator the next records have as many of", () => {
    expect(parseCsv("A red cube, on a table;spatial\nA sphere;shapes\n")).toMatchObject({ delimiter: ";" });
    expect(parseCsv("A cat; sleeping,animals\nA dog,animals\n")).toMatchObject({ delimiter: "," });
  });

  it("takes as the separator only one that splits every record alike: a semicolon or comma in some prompts is text", () => {
    const list = importPrompts("a cat; watercolor\na dog in the rain\nportrait of an old man; dramatic light\n", "csv");
    expect(list.ok && list.prompts.map((p) => [p.text, p.category])).toEqual([
      ["a cat; watercolor", null],
      ["a dog in the rain", null],
      ["portrait of an old man; dramatic light", null],
    ]);
    // Excel where the decimal mark is a comma leaves a prompt's commas unquoted in its semicolon-separated file.
    const sheet = importPrompts("a cat, sitting, watercolor;animals\na dog;animals\na red car, studio light;vehicles\n", "csv");
    expect(sheet.ok && sheet.prompts.map((p) => [p.text, p.category])).toEqual([
      ["a cat, sitting, watercolor", "animals"],
      ["a dog", "animals"],
      ["a red car, studio light", "vehicles"],
    ]);
  });

  it("reports a stray character after a closing quote by line, whatever the separator", () => {
    expect(parseCsv('prompt;category\n"a" b;c\n')).toEqual({ ok: false, line: 2, message: "Line 2: a closing quote must end its field." });
  });

  it("decodes UTF-16 LE and BE with a byte-order mark, and UTF-8 with or without one", () => {
    const text = "prompt\tcategory\r\nUn café, s'il vous plaît\tboissons\r\n東京の夜景\tvilles\r\n";
    expect(decodeText(utf16le(text))).toBe(text);
    expect(decodeText(utf16be(text))).toBe(text);
    expect(decodeText(new TextEncoder().encode(`\uFEFF${text}`))).toBe(text);
    expect(decodeText(new TextEncoder().encode(text))).toBe(text);
    const r = importPrompts(decodeText(utf16le(text)), uploadFormat("export.txt", decodeText(utf16le(text))));
    expect(r.ok && r.prompts).toEqual([
      { line: 2, text: "Un café, s'il vous plaît", category: "boissons" },
      { line: 3, text: "東京の夜景", category: "villes" },
    ]);
  });

  it("decodes UTF-16 without a byte-order mark by its zero bytes, rather than as UTF-8 with a NUL beside every letter", () => {
    const text = "a cat\r\na dog, sleeping\r\n";
    const le = new Uint8Array(Buffer.from(text, "utf16le"));
    expect(decodeText(le)).toBe(text);
    expect(decodeText(le.map((_, i, b) => b[i ^ 1]!))).toBe(text);
  });

  it("refuses a prompt holding control characters, by line, with what to do", () => {
    expect(importPrompts("a cat\na\u0000 \u0000d\u0000o\u0000g\n", "lines")).toEqual({
      ok: false,
      problems: [{ line: 2, kind: "malformed", message: "Line 2 holds control characters: save the file as UTF-8 text." }],
    });
  });

  it("reads bytes that are not UTF-8 as Windows-1252, as Excel saves a plain CSV in Western Europe", () => {
    expect(decodeText(new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x3b, 0x80]))).toBe("café;€");
  });

  it("reads an uploaded .csv or .tsv as CSV, and a .txt as lines unless its first line has a tab", () => {
    expect(uploadFormat("a.CSV", "x")).toBe("csv");
    expect(uploadFormat("a.tsv", "x")).toBe("csv");
    expect(uploadFormat("a.txt", "A fox, running\nA hare")).toBe("lines");
    expect(uploadFormat("a.txt", "prompt\tcategory\nA fox\tanimals")).toBe("csv");
  });
});

describe("importPrompts", () => {
  it("reads the category column by its header, in any order", () => {
    const r = importPrompts("category,prompt\nhands,Two hands\n,A lake\n", "csv");
    expect(r).toEqual({
      ok: true,
      prompts: [
        { line: 2, text: "Two hands", category: "hands" },
        { line: 3, text: "A lake", category: null },
      ],
    });
  });

  it("reads the prompt column when the header has both a prompt and a text column", () => {
    const r = importPrompts("id,text,prompt,category\n1,OPEN,A shop sign saying OPEN,text\n", "csv");
    expect(r.ok && r.prompts).toEqual([{ line: 2, text: "A shop sign saying OPEN", category: "text" }]);
  });

  it("takes a headerless CSV as prompt, category", () => {
    const r = importPrompts('"A red cube, on a table",spatial\r\nA blue sphere\r\n', "csv");
    expect(r.ok && r.prompts).toEqual([
      { line: 1, text: "A red cube, on a table", category: "spatial" },
      { line: 2, text: "A blue sphere", category: null },
    ]);
  });

  it("reads a one-column sheet's unquoted separators as part of the prompt, and refuses a line with more fields than columns", () => {
    // Excel in a comma-decimal locale quotes only semicolons: a one-column sheet keeps its commas bare.
    const oneColumn = importPrompts("prompt\nA cat, sitting, watercolor\nA dog\n", "csv");
    expect(oneColumn.ok && oneColumn.prompts.map((p) => p.text)).toEqual(["A cat, sitting, watercolor", "A dog"]);
    // Past the 20 lines the separator is read from.
    const rows = Array.from({ length: 21 }, (_, i) => `Dog ${i + 1};animals`);
    const semicolons = importPrompts(["prompt;category", ...rows, "A cat; sitting;animals"].join("\n"), "csv");
    expect(!semicolons.ok && semicolons.problems).toEqual([
      { line: 23, kind: "malformed", message: "Line 23 has more fields than the 2 columns of the header: put a prompt that holds a semicolon in double quotes." },
    ]);
    const headerless = importPrompts("A red cube, on a table, at dusk,spatial\nA blue sphere\nA blue sphere\n", "csv");
    expect(!headerless.ok && headerless.problems.map((p) => p.message)).toEqual([
      "Line 1 has more fields than a prompt and its category: put a prompt that holds a comma in double quotes.",
      "Line 3 repeats line 2.",
    ]);
    // Empty cells past the last column (a sheet's trailing separators) are not fields.
    expect(importPrompts("prompt,category,,\nA cat,animals,,\n", "csv").ok).toBe(true);
  });

  it("lists empty, duplicated and over-long lines by number, and saves nothing", () => {
    const r = importPrompts(["A fox", "", "a  FOX", "x".repeat(4001), "A hare", ""].join("\n"), "lines");
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems.map((p) => [p.line, p.kind])).toEqual([
      [2, "empty"],
      [3, "duplicate"],
      [4, "too_long"],
    ]);
    expect(!r.ok && r.problems[1]!.message).toBe("Line 3 repeats line 1.");
  });

  it("counts lines in a CSV by where each record starts, past quoted line breaks", () => {
    const r = importPrompts('prompt\n"one\ntwo"\n""\nlast\n', "csv");
    expect(!r.ok && r.problems).toEqual([{ line: 4, kind: "empty", message: "Line 4 is empty." }]);
  });

  it("refuses more than 1,000 prompts, naming the first line over", () => {
    const text = Array.from({ length: MAX_SUITE_PROMPTS + 1 }, (_, i) => `prompt ${i}`).join("\n");
    const r = importPrompts(text, "lines");
    expect(!r.ok && r.problems).toEqual([
      { line: 1001, kind: "too_many", message: "1001 prompts: a suite holds at most 1000 (line 1001 is number 1001)." },
    ]);
    expect(importPrompts(text.split("\n").slice(0, MAX_SUITE_PROMPTS).join("\n"), "lines").ok).toBe(true);
  });

  it("numbers each prompt by the line it starts on in the editor's text", () => {
    const plain = [{ text: "a", category: null }, { text: "b", category: null }];
    expect(editorLines(plain)).toEqual([1, 2]);
    const csv = [{ text: "a", category: "x" }, { text: "two\nlines", category: null }, { text: "c", category: "y" }];
    expect(editorLines(csv)).toEqual([2, 3, 5]);
    for (const prompts of [plain, csv, starterPrompts]) {
      const { text, format } = exportPrompts(prompts);
      const r = importPrompts(text, format);
      expect(r.ok && r.prompts.map((p) => p.line)).toEqual(editorLines(prompts));
    }
  });

  it("round-trips a suite with categories through the editor's CSV", () => {
    const { text, format } = exportPrompts(starterPrompts);
    expect(format).toBe("csv");
    const r = importPrompts(text, format);
    expect(r.ok && r.prompts.map(({ text, category }) => ({ text, category }))).toEqual(starterPrompts);
  });
});

describe("limits", () => {
  it("reads a model's prompt limit from its schema", () => {
    expect(promptLimit("aimlapi", "stable-diffusion-v35-large")).toBe(4000);
    // No documented limit: the playground's own cap for free text.
    expect(promptLimit("segmind", "stable-diffusion-3.5-large-txt2img")).toBe(10_000);
  });

  it("lists prompts longer than a chosen target takes, by line", () => {
    const prompts = [{ text: "short", category: null }, { text: "y".repeat(4500), category: null }];
    const problems = checkTargetLimits(prompts, [{ provider: "aimlapi", model: "stable-diffusion-v35-large" }]);
    expect(problems.map((p) => p.line)).toEqual([2]);
    expect(problems[0]!.message).toMatch(/Line 2 has 4500 characters, more than AI\/ML API .*\(4000\) takes\./);
    // With categories the editor shows CSV, its header on line 1: the same prompt is on line 3 there.
    const csv = checkTargetLimits(prompts.map((p) => ({ ...p, category: "c" })), [{ provider: "aimlapi", model: "stable-diffusion-v35-large" }]);
    expect(csv.map((p) => [p.line, p.message.slice(0, 7)])).toEqual([[3, "Line 3 "]]);
  });

  it("refuses a batch over the hard limit with the numbers", () => {
    expect(batchLimitProblem(1000, 1000, 250, 4)).toBeNull();
    expect(batchLimitProblem(1004, 1000, 251, 4)).toBe(
      "251 prompts × 4 targets is 1004 images, more than the limit of 1000 per batch (BATCH_MAX_IMAGES). Run fewer prompts or targets.",
    );
  });

  it("ships a starter suite of 24 distinct prompts covering every category", () => {
    expect(starterPrompts).toHaveLength(24);
    expect(new Set(starterPrompts.map((p) => p.category))).toEqual(
      new Set(["text", "hands", "counting", "spatial", "photorealism", "illustration", "long"]),
    );
    expect(importPrompts(starterPrompts.map((p) => p.text).join("\n"), "lines").ok).toBe(true);
  });
});
