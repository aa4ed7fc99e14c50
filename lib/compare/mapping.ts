import { z } from "zod";
import { describeSchema, type FieldDescriptor } from "../../components/schema-form/describe";
import { fieldsByRole } from "../providers/roles";
import { fieldMeta, type FieldRole, type ModelDefinition } from "../providers/types";

/*
 * Maps the values a comparison writes once onto each model's own parameters, and names every change it makes.
 * Pure and client-safe: the browser runs it for the live preview, the server runs it again as the authority.
 * Ranges come from `describeSchema` (the same descriptors the form renders); only `multipleOf` is read through
 * `z.toJSONSchema`, because a slider descriptor's `step` may be a UI hint rather than a constraint.
 */

export interface SharedValues {
  prompt: string;
  /** Empty string = none. */
  negativePrompt?: string;
  /** Integer ≥ 0; undefined = none. */
  seed?: number;
  /** Requested pixels. */
  width: number;
  height: number;
  /** Undefined = each model's default. */
  steps?: number;
  /** Undefined = each model's default. */
  cfg?: number;
}

export type AdjustmentKind = "clamped" | "snapped" | "preset" | "dropped" | "truncated" | "defaulted";

export interface Adjustment {
  /** Which shared value ("size" for the requested width × height). */
  role: FieldRole;
  /** The model's wire field it went to (null when dropped). For a width/height pair, the width field. */
  field: string | null;
  kind: AdjustmentKind;
  /** What the person asked for ({ width, height } for size). */
  from: unknown;
  /** What will be sent (undefined when dropped): a preset/ratio string or { width, height } for size. */
  to: unknown;
  /** One plain sentence. */
  message: string;
}

export interface MappedTarget {
  /** Full form input for the model: defaults, then overrides, then mapped shared values. */
  input: Record<string, unknown>;
  adjustments: Adjustment[];
  /** The model's fields the shared form covers (wire names, schema order), as `sharedFieldNames(model)`. */
  sharedFields: string[];
}

/** Roles the shared form writes; a model's fields with these roles are not edited per target. */
const sharedRoles: ReadonlySet<FieldRole> = new Set<FieldRole>([
  "prompt",
  "negativePrompt",
  "seed",
  "steps",
  "cfg",
  "size",
  "width",
  "height",
  "aspectRatio",
]);

const describedCache = new WeakMap<z.ZodObject, Map<string, FieldDescriptor>>();

function descriptorsOf(model: ModelDefinition): Map<string, FieldDescriptor> {
  let map = describedCache.get(model.schema);
  if (!map) {
    map = new Map(describeSchema(model.schema).map((d) => [d.name, d]));
    describedCache.set(model.schema, map);
  }
  return map;
}

/** Names of the model's fields that the shared form covers (prompt, negative prompt, seed, size-related fields, steps, cfg): the per-target section shows the others. */
export function sharedFieldNames(model: ModelDefinition): string[] {
  const descriptors = descriptorsOf(model);
  return Object.keys(model.schema.shape).filter((name) => {
    const role = descriptors.get(name)?.role;
    return role !== undefined && sharedRoles.has(role);
  });
}

interface NumericRange {
  min?: number;
  max?: number;
  int: boolean;
  /** Only a real `.multipleOf()` on the schema, never a UI step hint. */
  multipleOf?: number;
}

// z.toJSONSchema is costly and the preview maps every target on each keystroke: read each field once.
const multipleOfCache = new WeakMap<z.ZodType, number | undefined>();

function multipleOfOf(schema: z.ZodType | undefined): number | undefined {
  if (!schema) return undefined;
  if (multipleOfCache.has(schema)) return multipleOfCache.get(schema);
  let out: number | undefined;
  try {
    const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" });
    out = typeof json.multipleOf === "number" && json.multipleOf > 0 ? json.multipleOf : undefined;
  } catch {
    out = undefined;
  }
  multipleOfCache.set(schema, out);
  return out;
}

function rangeOf(model: ModelDefinition, name: string): NumericRange {
  const d = descriptorsOf(model).get(name);
  const multipleOf = multipleOfOf(model.schema.shape[name] as z.ZodType | undefined);
  const extra = multipleOf !== undefined ? { multipleOf } : {};
  if (!d) return { int: false, ...extra };
  switch (d.widget) {
    case "slider":
      return { min: d.min, max: d.max, int: d.int, ...extra };
    case "number":
      return { int: d.int, ...(d.min !== undefined && { min: d.min }), ...(d.max !== undefined && { max: d.max }), ...extra };
    case "seed":
      return { min: d.min, max: d.max, int: true, ...extra };
    default:
      return { int: false, ...extra };
  }
}

/** Round to a multiple of `step`, without float noise for a fractional step (0.1 * 3 → 0.3, not 0.30000000000000004). */
function roundTo(value: number, step: number): number {
  const rounded = Math.round(value / step) * step;
  if (Number.isInteger(step)) return rounded;
  const decimals = Math.min(20, Math.max(0, Math.ceil(-Math.log10(step)) + 6));
  return Number(rounded.toFixed(decimals));
}

interface Fitted {
  value: number;
  kind: "clamped" | "snapped" | null;
}

/** Clamp into the range, then snap to its multiple (or whole number) while staying inside it. */
function fit(value: number, range: NumericRange): Fitted {
  let v = value;
  let kind: Fitted["kind"] = null;
  if (range.min !== undefined && v < range.min) {
    v = range.min;
    kind = "clamped";
  } else if (range.max !== undefined && v > range.max) {
    v = range.max;
    kind = "clamped";
  }
  const step = range.multipleOf ?? (range.int ? 1 : undefined);
  if (step !== undefined) {
    let snapped = roundTo(v, step);
    if (range.max !== undefined && snapped > range.max) snapped = roundTo(snapped - step, step);
    if (range.min !== undefined && snapped < range.min) snapped = roundTo(snapped + step, step);
    if (snapped !== v) {
      v = snapped;
      kind ??= "snapped";
    }
  }
  return { value: v, kind };
}

const possessive = (name: string) => (name.endsWith("s") ? `${name}'` : `${name}'s`);
const shortModel = (label: string) => label.replace(/^Stable Diffusion\s*/i, "SD");
const px = (s: { width: number; height: number }) => `${s.width}×${s.height}`;

function rangeText(range: NumericRange): string {
  if (range.min !== undefined && range.max !== undefined) return `${range.min}–${range.max}`;
  if (range.min !== undefined) return `at least ${range.min}`;
  if (range.max !== undefined) return `at most ${range.max}`;
  return "any";
}

/** Cut to `max` UTF-16 units (zod's `.max()` counts them) without splitting a surrogate pair. */
function truncate(text: string, max: number | undefined): string {
  if (max === undefined || text.length <= max) return text;
  let cut = text.slice(0, max);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return cut;
}

/** "16:9" or "16:9 landscape 1344x768" → 16/9 as numbers; null for anything else. */
function parseRatio(value: string): { label: string; w: number; h: number } | null {
  const m = /^(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)/.exec(value);
  if (!m?.[1] || !m[2]) return null;
  const w = Number(m[1]);
  const h = Number(m[2]);
  return w > 0 && h > 0 ? { label: m[0], w, h } : null;
}

interface Candidate {
  value: string;
  /** How the message names it: the ratio part of the value when it has one. */
  label: string;
  /** "aspect ratio" or "preset". */
  noun: string;
  ratio: number;
  /** Exact ratio, when the candidate is a ratio without pixels. */
  exact?: { w: number; h: number };
  pixels?: { width: number; height: number };
}

function candidateOf(value: string, pixels: { width: number; height: number } | undefined): Candidate | null {
  const ratio = parseRatio(value);
  const noun = ratio ? "aspect ratio" : "preset";
  const label = ratio?.label ?? value;
  if (pixels && pixels.width > 0 && pixels.height > 0) {
    return { value, label, noun, ratio: pixels.width / pixels.height, pixels: { width: pixels.width, height: pixels.height } };
  }
  if (ratio) return { value, label, noun, ratio: ratio.w / ratio.h, exact: { w: ratio.w, h: ratio.h } };
  return null;
}

/** Nearest by aspect ratio in log space; ties go to the closer pixel count, then to declaration order. */
function nearest(candidates: Candidate[], width: number, height: number): Candidate | undefined {
  const w = Math.max(1, width);
  const h = Math.max(1, height);
  const target = Math.log(w / h);
  const score = (c: Candidate) => Math.abs(Math.log(c.ratio) - target);
  const areaScore = (c: Candidate) => (c.pixels ? Math.abs(Math.log((c.pixels.width * c.pixels.height) / (w * h))) : 0);
  let best: Candidate | undefined;
  for (const c of candidates) {
    if (!best) {
      best = c;
      continue;
    }
    const d = score(c) - score(best);
    if (d < -1e-9 || (Math.abs(d) <= 1e-9 && areaScore(c) < areaScore(best))) best = c;
  }
  return best;
}

/** Map shared values onto one model's native parameters, reporting every adjustment. */
export function mapShared(
  providerLabel: string,
  model: ModelDefinition,
  shared: SharedValues,
  overrides?: Record<string, unknown>,
): MappedTarget {
  const shape = model.schema.shape as Record<string, z.ZodType>;
  const descriptors = descriptorsOf(model);
  const roles = fieldsByRole(model.schema);
  const sharedFields = sharedFieldNames(model);
  const covered = new Set(sharedFields);
  const adjustments: Adjustment[] = [];
  const subject = `${possessive(providerLabel)} ${shortModel(model.label)}`;
  const theirs = possessive(providerLabel);

  // 1. Defaults, then overrides for the model's own fields (undefined clears a field; unknown and shared names are ignored).
  const input: Record<string, unknown> = { ...model.defaults };
  for (const [name, value] of Object.entries(overrides ?? {})) {
    if (!Object.hasOwn(shape, name) || covered.has(name)) continue;
    if (value === undefined) delete input[name];
    else input[name] = value;
  }

  const drop = (role: FieldRole, from: unknown, what: string) =>
    adjustments.push({ role, field: null, kind: "dropped", from, to: undefined, message: `${subject} takes no ${what}: not sent.` });

  const maxLengthOf = (name: string) => {
    const d = descriptors.get(name);
    return d && (d.widget === "text" || d.widget === "textarea") ? d.maxLength : undefined;
  };

  // 2. Prompt.
  if (roles.prompt) {
    const max = maxLengthOf(roles.prompt);
    const sent = truncate(shared.prompt, max);
    input[roles.prompt] = sent;
    if (sent !== shared.prompt) {
      adjustments.push({
        role: "prompt",
        field: roles.prompt,
        kind: "truncated",
        from: shared.prompt,
        to: sent,
        message: `Prompt cut to ${theirs} limit of ${max} characters.`,
      });
    }
  } else if (shared.prompt !== "") {
    drop("prompt", shared.prompt, "prompt");
  }

  // 3. Negative prompt: "" is sent as "" (none), so a provider's own default negative prompt does not apply unseen.
  const negative = shared.negativePrompt ?? "";
  const hasNegative = negative.trim() !== "";
  if (roles.negativePrompt) {
    const max = maxLengthOf(roles.negativePrompt);
    const sent = hasNegative ? truncate(negative, max) : "";
    input[roles.negativePrompt] = sent;
    if (hasNegative && sent !== negative) {
      adjustments.push({
        role: "negativePrompt",
        field: roles.negativePrompt,
        kind: "truncated",
        from: negative,
        to: sent,
        message: `Negative prompt cut to ${theirs} limit of ${max} characters.`,
      });
    }
  } else if (hasNegative) {
    drop("negativePrompt", negative, "negative prompt");
  }

  // 4. Seed: undefined means none, so a default or stale seed is never sent.
  if (shared.seed === undefined) {
    if (roles.seed) delete input[roles.seed];
  } else if (!roles.seed) {
    drop("seed", shared.seed, "seed");
  } else if (!Number.isFinite(shared.seed)) {
    delete input[roles.seed];
    adjustments.push({
      role: "seed",
      field: roles.seed,
      kind: "defaulted",
      from: shared.seed,
      to: undefined,
      message: `Seed ${shared.seed} is not a number: none sent.`,
    });
  } else {
    const f = fit(shared.seed, rangeOf(model, roles.seed));
    input[roles.seed] = f.value;
    if (f.kind) {
      adjustments.push({
        role: "seed",
        field: roles.seed,
        kind: f.kind,
        from: shared.seed,
        to: f.value,
        message: `${providerLabel} does not accept seed ${shared.seed}; sent ${f.value}.`,
      });
    }
  }

  // 5. Size.
  mapSize();

  // 6. Steps and guidance: undefined keeps the model's default, unreported.
  mapNumber("steps", "Steps", "steps setting", shared.steps);
  mapNumber("cfg", "Guidance scale", "guidance scale", shared.cfg);

  // 7. Fields hidden by showWhen are not sent; nor are unset ones.
  for (const [name, d] of descriptors) {
    const when = d.showWhen;
    if (when && !when.equals.some((v) => v === input[when.field])) delete input[name];
  }
  const ordered: Record<string, unknown> = {};
  for (const name of [...Object.keys(shape), ...Object.keys(input)]) {
    if (input[name] !== undefined && !(name in ordered)) ordered[name] = input[name];
  }

  return { input: ordered, adjustments, sharedFields };

  function mapNumber(role: "steps" | "cfg", label: string, noun: string, value: number | undefined) {
    if (value === undefined) return;
    const name = roles[role];
    if (!name) {
      drop(role, value, noun);
      return;
    }
    if (!Number.isFinite(value)) {
      const fallback = input[name];
      adjustments.push({
        role,
        field: name,
        kind: "defaulted",
        from: value,
        to: fallback,
        message:
          fallback === undefined
            ? `${label} ${value} is not a number: none sent, so ${providerLabel} uses its default.`
            : `${label} ${value} is not a number: sent ${theirs} default of ${String(fallback)}.`,
      });
      return;
    }
    const range = rangeOf(model, name);
    const f = fit(value, range);
    input[name] = f.value;
    if (!f.kind) return;
    let message: string;
    if (f.kind === "snapped") {
      message =
        range.multipleOf !== undefined
          ? `${label} snapped to ${f.value}, a multiple of ${range.multipleOf}.`
          : `${label} rounded to ${f.value}.`;
    } else if (f.value === range.min) {
      message = `${label} raised to ${theirs} minimum of ${f.value}.`;
    } else if (f.value === range.max) {
      message = `${label} lowered to ${theirs} maximum of ${f.value}.`;
    } else {
      message = `${label} changed to ${f.value}: ${providerLabel} takes ${rangeText(range)}.`;
    }
    adjustments.push({ role, field: name, kind: f.kind, from: value, to: f.value, message });
  }

  function mapSize() {
    const { width, height } = shared;
    const requested = { width, height };
    const sizeName = roles.size;
    const aspectName = roles.aspectRatio;
    const widthName = roles.width;
    const heightName = roles.height;

    if (!Number.isFinite(width) || !Number.isFinite(height)) {
      const field = sizeName ?? aspectName ?? widthName ?? null;
      adjustments.push({
        role: "size",
        field,
        kind: "defaulted",
        from: requested,
        to: field ? input[field] : undefined,
        message: `Size ${width}×${height} is not a number of pixels: ${theirs} default size is used.`,
      });
      return;
    }

    /** Clamp and snap a width/height pair; returns what was sent and reports any change. */
    const fitPair = (
      field: string,
      wRange: NumericRange,
      hRange: NumericRange,
      set: (size: { width: number; height: number }) => void,
    ) => {
      const fw = fit(width, wRange);
      const fh = fit(height, hRange);
      const sent = { width: fw.value, height: fh.value };
      set(sent);
      const kind = fw.kind === "clamped" || fh.kind === "clamped" ? "clamped" : (fw.kind ?? fh.kind);
      if (!kind) return;
      const mw = wRange.multipleOf;
      const mh = hRange.multipleOf;
      const same = mw === mh;
      let message: string;
      if (kind === "snapped") {
        message =
          mw === undefined && mh === undefined
            ? `Size rounded to ${px(sent)} pixels.`
            : same
              ? `Size snapped to ${px(sent)}, a multiple of ${mw}.`
              : `Size snapped to ${px(sent)}: widths in multiples of ${mw ?? 1}, heights of ${mh ?? 1}.`;
      } else {
        const sameRange = wRange.min === hRange.min && wRange.max === hRange.max;
        const limits = sameRange
          ? `${rangeText(wRange)} px per side`
          : `widths of ${rangeText(wRange)} px and heights of ${rangeText(hRange)} px`;
        const multiples =
          mw === undefined && mh === undefined
            ? ""
            : same
              ? `, in multiples of ${mw}`
              : `, widths in multiples of ${mw ?? 1} and heights of ${mh ?? 1}`;
        message = `Size changed to ${px(sent)}: ${providerLabel} takes ${limits}${multiples}.`;
      }
      adjustments.push({ role: "size", field, kind, from: requested, to: sent, message });
    };

    const choose = (field: string, candidates: Candidate[]) => {
      const best = nearest(candidates, width, height);
      if (!best) return false;
      input[field] = best.value;
      const sameRatio = best.exact ? width * best.exact.h === height * best.exact.w : false;
      if (best.pixels && best.pixels.width === width && best.pixels.height === height) return true;
      const message = best.pixels
        ? `Nearest ${best.noun} ${best.label} (${px(best.pixels)}) for ${px(requested)}.`
        : sameRatio
          ? `${subject} takes an aspect ratio, not pixels: sent ${best.label} for ${px(requested)}.`
          : `Nearest ${best.noun} ${best.label} for ${px(requested)}.`;
      adjustments.push({ role: "size", field, kind: "preset", from: requested, to: best.value, message });
      return true;
    };

    // A union of presets | { width, height } (AI/ML API's image_size).
    const sizeDescriptor = sizeName ? descriptors.get(sizeName) : undefined;
    if (sizeName && sizeDescriptor?.widget === "size") {
      const exact = sizeDescriptor.presets.find((p) => p.width === width && p.height === height);
      if (exact) {
        input[sizeName] = exact.value;
        return;
      }
      const custom = sizeDescriptor.custom;
      if (custom) {
        const dim = (c: typeof custom.width): NumericRange => ({
          int: true,
          ...(c.min !== undefined && { min: c.min }),
          ...(c.max !== undefined && { max: c.max }),
          ...(c.step > 1 && { multipleOf: c.step }),
        });
        fitPair(sizeName, dim(custom.width), dim(custom.height), (s) => (input[sizeName] = s));
        return;
      }
      const candidates = sizeDescriptor.presets.flatMap((p) => {
        const c = candidateOf(p.value, p.width !== undefined && p.height !== undefined ? { width: p.width, height: p.height } : undefined);
        return c ? [c] : [];
      });
      if (choose(sizeName, candidates)) return;
    }

    // An aspect-ratio enum, possibly with a "custom" value that turns on width/height (Segmind), or ratios only (Eachlabs).
    const aspectDescriptor = aspectName ? descriptors.get(aspectName) : undefined;
    if (aspectName && aspectDescriptor?.widget === "select") {
      const presetSizes = fieldMeta.get(shape[aspectName] as z.ZodType)?.presetSizes ?? {};
      const values = aspectDescriptor.options.map((o) => String(o.value));
      const exact = values.find((v) => presetSizes[v]?.width === width && presetSizes[v].height === height);
      if (exact !== undefined) {
        input[aspectName] = exact;
        return;
      }
      const wd = widthName ? descriptors.get(widthName) : undefined;
      const gate = wd?.showWhen?.field === aspectName ? wd.showWhen.equals.map(String) : ["custom"];
      const customValue = widthName && heightName ? values.find((v) => gate.includes(v)) : undefined;
      if (customValue !== undefined && widthName && heightName) {
        input[aspectName] = customValue;
        fitPair(widthName, rangeOf(model, widthName), rangeOf(model, heightName), (s) => {
          input[widthName] = s.width;
          input[heightName] = s.height;
        });
        return;
      }
      const candidates = values.flatMap((v) => {
        if (v === customValue) return [];
        const c = candidateOf(v, presetSizes[v]);
        return c ? [c] : [];
      });
      if (choose(aspectName, candidates)) return;
    }

    // Plain width and height fields (ImagePipeline).
    if (widthName && heightName) {
      fitPair(widthName, rangeOf(model, widthName), rangeOf(model, heightName), (s) => {
        input[widthName] = s.width;
        input[heightName] = s.height;
      });
      return;
    }

    adjustments.push({
      role: "size",
      field: null,
      kind: "dropped",
      from: requested,
      to: undefined,
      message: `${subject} takes no image size: not sent.`,
    });
  }
}
