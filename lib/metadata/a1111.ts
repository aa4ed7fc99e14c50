/**
 * AUTOMATIC1111 "infotext" (the PNG `parameters` text), mirroring stable-diffusion-webui's
 * processing.create_infotext (writer) and infotext_utils.parse_generation_parameters (reader), so Civitai,
 * A1111/Forge "PNG Info" and other importers understand what we write.
 */

export interface A1111Params {
  prompt: string;
  negativePrompt?: string;
  steps?: number;
  sampler?: string;
  scheduleType?: string;
  cfgScale?: number;
  /** String so 64-bit seeds keep every digit. */
  seed?: string;
  width?: number;
  height?: number;
  model?: string;
  /** Every other key: value pair, verbatim (unquoted), in order of appearance. */
  extra: Record<string, string>;
}

const NEGATIVE = "Negative prompt:";

/** A1111's re_param, with Python's Unicode `\w`. Value is a JSON-quoted string or runs to the next comma. */
const PARAM_RE = /\s*([\p{L}\p{N}_][\p{L}\p{N}_ \-/]+):\s*("(?:\\.|[^\\"])+"|[^,]*)(?:,|$)/gu;
const SIZE_RE = /^(\d+)x(\d+)$/;

/** Keys we lift into typed fields; anything else lands in `extra`. */
const KNOWN_KEYS = new Set(["Steps", "Sampler", "Schedule type", "CFG scale", "Seed", "Size", "Model"]);

/**
 * A1111's quote(): JSON-encode values containing `,` `:` or a newline. We also quote values that A1111 would
 * mangle on the way back: ones starting with `"` (unquote would JSON-parse them), empty, or with edge whitespace.
 */
export function quote(value: string): string {
  const needs = /[,:\n]/.test(value) || value.startsWith('"') || value === "" || value.trim() !== value;
  return needs ? JSON.stringify(value) : value;
}

export function unquote(value: string): string {
  if (value.length < 2 || !value.startsWith('"') || !value.endsWith('"')) return value;
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === "string" ? parsed : value;
  } catch {
    return value;
  }
}

/** Python prints float CFG as "7.0"; match it so our text looks like A1111's. */
const formatCfg = (cfg: number) => (Number.isInteger(cfg) ? cfg.toFixed(1) : String(cfg));

/** Builds the infotext. Key order follows create_infotext: Steps, Sampler, Schedule type, CFG scale, Seed, Size, Model hash, Model, then extras. */
export function formatA1111(p: A1111Params): string {
  const pairs: [string, string][] = [];
  const add = (key: string, value: string | number | undefined) => {
    if (value !== undefined) pairs.push([key, String(value)]);
  };
  add("Steps", p.steps);
  add("Sampler", p.sampler);
  add("Schedule type", p.scheduleType);
  add("CFG scale", p.cfgScale === undefined ? undefined : formatCfg(p.cfgScale));
  add("Seed", p.seed);
  if (p.width !== undefined && p.height !== undefined) add("Size", `${p.width}x${p.height}`);
  add("Model hash", p.extra["Model hash"]);
  add("Model", p.model);
  for (const [key, value] of Object.entries(p.extra)) {
    if (key !== "Model hash") add(key, value);
  }
  const params = pairs.map(([k, v]) => `${k}: ${quote(v)}`).join(", ");
  const negative = p.negativePrompt ? `\n${NEGATIVE} ${p.negativePrompt}` : "";
  return `${p.prompt}${negative}${params ? `\n${params}` : ""}`.trim();
}

/** Splits a params line into [key, rawValue] pairs and reports whether the pairs cover the whole line. */
function scanParams(line: string): { pairs: [string, string][]; complete: boolean } {
  const pairs: [string, string][] = [];
  let covered = 0;
  for (const m of line.matchAll(PARAM_RE)) {
    if (m[0] === "") continue;
    pairs.push([m[1]!, m[2]!]);
    covered += m[0].length;
  }
  return { pairs, complete: covered === line.length };
}

/**
 * A1111 treats the last line as parameters when it holds at least 3 `key: value` pairs. We additionally accept a
 * shorter line when it parses completely and has a key we know, so sparse settings written by formatA1111 survive.
 */
function isParamsLine(line: string, onlyLine: boolean): [string, string][] | undefined {
  const { pairs, complete } = scanParams(line);
  if (pairs.length >= 3) return pairs;
  if (!onlyLine && complete && pairs.some(([k]) => KNOWN_KEYS.has(k))) return pairs;
  return undefined;
}

const toInt = (v: string) => (/^-?\d+$/.test(v) ? Number(v) : undefined);
const toNum = (v: string) => (v.trim() !== "" && Number.isFinite(Number(v)) ? Number(v) : undefined);

export function parseA1111(text: string): A1111Params {
  const lines = text.replace(/\r\n?/g, "\n").trim().split("\n");
  const last = lines[lines.length - 1] ?? "";
  const pairs = isParamsLine(last, lines.length === 1);
  if (pairs) lines.pop();

  const result: A1111Params = { prompt: "", extra: {} };
  const negIndex = lines.findIndex((l) => l.startsWith(NEGATIVE));
  const promptLines = negIndex < 0 ? lines : lines.slice(0, negIndex);
  result.prompt = promptLines.join("\n").trim();
  if (negIndex >= 0) {
    const neg = [lines[negIndex]!.slice(NEGATIVE.length), ...lines.slice(negIndex + 1)].join("\n").trim();
    if (neg) result.negativePrompt = neg;
  }

  for (const [key, raw] of pairs ?? []) {
    const value = unquote(raw);
    // Typed fields only when the value parses; otherwise keep it verbatim in extra so nothing is lost.
    const size = key === "Size" ? SIZE_RE.exec(value) : null;
    if (key === "Steps" && toInt(value) !== undefined) result.steps = toInt(value);
    else if (key === "Sampler") result.sampler = value;
    else if (key === "Schedule type") result.scheduleType = value;
    else if (key === "CFG scale" && toNum(value) !== undefined) result.cfgScale = toNum(value);
    else if (key === "Seed" && /^-?\d+$/.test(value)) result.seed = value;
    else if (size) {
      result.width = Number(size[1]);
      result.height = Number(size[2]);
    } else if (key === "Model") result.model = value;
    else result.extra[key] = value;
  }
  return result;
}
