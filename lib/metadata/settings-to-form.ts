/**
 * Settings read from an image → a playground form. Our own JSON selects its provider/model and loads the input as
 * it was; A1111 infotext is mapped by field role onto the model the person has selected. Nothing is dropped
 * silently: every key that could not be used is returned with its value and the reason.
 *
 * Client-safe: imports only pure modules (not ./index, which pulls in node:zlib).
 */
import type { z } from "zod";
import { describeSchema, type FieldDescriptor } from "@/lib/params/describe";
import { mapShared, type Adjustment } from "@/lib/compare/mapping";
import { getModel, getProvider } from "@/lib/providers";
import { fieldsByRole } from "@/lib/params/roles";
import type { FieldRole, ModelDefinition, ProviderDefinition } from "@/lib/providers/types";
import { parseA1111, type A1111Params } from "./a1111";
import { matchOption, splitSampler } from "./samplers";
import { SETTINGS_APP } from "./settings-json";

type Values = Record<string, unknown>;

export interface UnusedSetting {
  key: string;
  value: string;
  reason: string;
}

export interface LoadNotes {
  fileName: string;
  /** "ours": our JSON, loaded as is; "a1111": infotext mapped onto the selected model. */
  source: "ours" | "a1111";
  /** How many of the image's settings went into the form. */
  used: number;
  unused: UnusedSetting[];
  /** Values that went in changed (nearest aspect ratio, clamped to a range), one sentence each. */
  adjustments: string[];
}

export interface LoadedSettings {
  provider: string;
  model: string;
  input: Values;
  notes: LoadNotes;
}

export interface Target {
  provider: ProviderDefinition;
  model: ModelDefinition;
}

const isRecord = (v: unknown): v is Values => typeof v === "object" && v !== null && !Array.isArray(v);
const show = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));
const modelName = (t: Target) => `${t.provider.label} ${t.model.label}`;

function fieldSchema(model: ModelDefinition, name: string): z.ZodType | undefined {
  return model.schema.shape[name] as z.ZodType | undefined;
}

/** Our JSON: the model it names, with each input value the model's schema still accepts. */
export function loadOurJson(json: string, fileName: string): LoadedSettings | null {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return null;
  }
  if (!isRecord(data) || data.app !== SETTINGS_APP || typeof data.provider !== "string" || typeof data.model !== "string") {
    return null;
  }
  const model = getModel(data.provider, data.model);
  const provider = getProvider(data.provider);
  if (!model || !provider || !isRecord(data.input)) return null;
  const input: Values = {};
  const unused: UnusedSetting[] = [];
  for (const [key, value] of Object.entries(data.input)) {
    const schema = fieldSchema(model, key);
    if (!schema) unused.push({ key, value: show(value), reason: "no such setting on this model" });
    else if (!schema.safeParse(value).success) unused.push({ key, value: show(value), reason: "not a valid value for this field" });
    else input[key] = value;
  }
  const notes: LoadNotes = { fileName, source: "ours", used: Object.keys(input).length, unused, adjustments: [] };
  return { provider: provider.id, model: model.id, input, notes };
}

/** A1111 keys per role, for naming what was (not) used. */
const ROLE_KEYS: Partial<Record<FieldRole, string>> = {
  prompt: "Prompt",
  negativePrompt: "Negative prompt",
  seed: "Seed",
  steps: "Steps",
  cfg: "CFG scale",
  size: "Size",
};

/** Roles the typed A1111 keys fill; extra keys never write these fields. */
const HANDLED_ROLES: ReadonlySet<FieldRole> = new Set<FieldRole>([
  "prompt",
  "negativePrompt",
  "seed",
  "steps",
  "cfg",
  "sampler",
  "scheduler",
  "image",
]);
const SIZE_ROLES: ReadonlySet<FieldRole> = new Set<FieldRole>(["size", "aspectRatio", "width", "height"]);

/** An extra key's text as the value a field takes, or undefined when it cannot be one. */
function parseForField(text: string, d: FieldDescriptor): unknown {
  const t = text.trim();
  switch (d.widget) {
    case "select":
      return d.options.find((o) => String(o.value) === t || o.label.toLowerCase() === t.toLowerCase())?.value;
    case "switch":
      return /^(true|yes|on)$/i.test(t) ? true : /^(false|no|off)$/i.test(t) ? false : undefined;
    case "number":
    case "slider":
    case "seed":
      return t !== "" && Number.isFinite(Number(t)) ? Number(t) : undefined;
    case "size": {
      const px = /^(\d+)\s*x\s*(\d+)$/i.exec(t);
      return px ? { width: Number(px[1]), height: Number(px[2]) } : d.presets.find((p) => p.value === t || p.label === t)?.value;
    }
    case "text":
    case "textarea":
      return text;
    default:
      return undefined;
  }
}

/**
 * A1111 infotext onto `target`, starting from `current` (the form as it is). Prompt, negative prompt, seed, size,
 * steps and CFG go through the comparison mapping (clamping, nearest aspect ratio); sampler and schedule through
 * the A1111 ↔ provider name table; extra keys that name one of the model's other fields by its label are parsed
 * and validated; everything else is listed as not used.
 */
export function mapA1111(text: string, target: Target, current: Values, fileName: string): LoadedSettings {
  const p: A1111Params = parseA1111(text);
  const { provider, model } = target;
  const roles = fieldsByRole(model.schema);
  const descriptors = describeSchema(model.schema);
  const byName = new Map(descriptors.map((d) => [d.name, d]));
  const input: Values = { ...model.defaults, ...current };
  const unused: UnusedSetting[] = [];
  const adjustments: string[] = [];
  let used = 0;
  const hasParams =
    [p.steps, p.sampler, p.scheduleType, p.cfgScale, p.seed, p.width, p.model].some((v) => v !== undefined) ||
    Object.keys(p.extra).length > 0;

  // Seeds past 2^53 cannot be held by any form here; say so rather than send a rounded one.
  let seed: number | undefined;
  if (p.seed !== undefined) {
    const n = Number(p.seed);
    if (Number.isSafeInteger(n)) seed = n;
    else unused.push({ key: "Seed", value: p.seed, reason: "too large for a whole-number seed field" });
  }
  const hasSize = p.width !== undefined && p.height !== undefined;
  const mapped = mapShared(
    provider.label,
    model,
    {
      prompt: p.prompt,
      negativePrompt: p.negativePrompt ?? "",
      ...(seed !== undefined && { seed }),
      width: p.width ?? 1024,
      height: p.height ?? 1024,
      ...(p.steps !== undefined && { steps: p.steps }),
      ...(p.cfgScale !== undefined && { cfg: p.cfgScale }),
    },
    input,
  );

  // Which roles the image actually carries; only those overwrite the form.
  const given = new Set<FieldRole>();
  if (p.prompt) given.add("prompt");
  if (p.negativePrompt !== undefined || hasParams) given.add("negativePrompt");
  if (seed !== undefined) given.add("seed");
  if (hasSize) given.add("size");
  if (p.steps !== undefined) given.add("steps");
  if (p.cfgScale !== undefined) given.add("cfg");

  const droppedRoles = new Set<FieldRole>();
  for (const a of mapped.adjustments as Adjustment[]) {
    if (!given.has(a.role)) continue;
    if (a.kind === "dropped") droppedRoles.add(a.role);
    else adjustments.push(a.message);
  }

  const copy = (name: string | undefined) => {
    if (!name) return;
    if (mapped.input[name] === undefined) delete input[name];
    else input[name] = mapped.input[name];
  };
  const sourceValue: Partial<Record<FieldRole, string | undefined>> = {
    prompt: p.prompt,
    negativePrompt: p.negativePrompt,
    seed: p.seed,
    steps: p.steps?.toString(),
    cfg: p.cfgScale?.toString(),
    size: hasSize ? `${p.width}x${p.height}` : undefined,
  };
  for (const role of given) {
    const value = sourceValue[role];
    const key = ROLE_KEYS[role]!;
    if (droppedRoles.has(role)) {
      if (value) unused.push({ key, value, reason: `this model has no ${key.toLowerCase()} setting` });
      continue;
    }
    if (role === "size") ["size", "aspectRatio", "width", "height"].forEach((r) => copy(roles[r as FieldRole]));
    else copy(roles[role]);
    if (value !== undefined) used++;
  }

  // Sampler and schedule: through the name table, onto the model's own options.
  const names = splitSampler(p.sampler, p.scheduleType);
  const pick = (kind: "sampler" | "scheduler", key: string, name: string | undefined) => {
    if (name === undefined) return;
    const field = roles[kind];
    const d = field ? byName.get(field) : undefined;
    if (!field || d?.widget !== "select") {
      unused.push({ key, value: name, reason: `this model has no ${kind} setting` });
      return;
    }
    const option = matchOption(kind, name, d.options);
    if (!option) {
      unused.push({ key, value: name, reason: `no equivalent in ${provider.label}'s list` });
      return;
    }
    input[field] = option.value;
    used++;
  };
  pick("sampler", "Sampler", names.sampler);
  pick("scheduler", "Schedule type", names.schedule);

  if (p.model !== undefined) {
    unused.push({ key: "Model", value: p.model, reason: `loaded onto ${modelName(target)} instead` });
  }

  // Extra keys naming another of the model's fields by its label ("Output format: png", as we write them).
  for (const [key, value] of Object.entries(p.extra)) {
    const d = descriptors.find((x) => x.label.toLowerCase() === key.toLowerCase());
    if (!d) {
      unused.push({ key, value, reason: "no such setting on this model" });
      continue;
    }
    if (d.role && HANDLED_ROLES.has(d.role)) {
      const reason = d.role === "image" ? "input images are not loaded from metadata" : "set from the image's own key for it";
      unused.push({ key, value, reason });
      continue;
    }
    if (d.role && SIZE_ROLES.has(d.role) && hasSize) {
      unused.push({ key, value, reason: "the size was taken from Size" });
      continue;
    }
    const parsed = parseForField(value, d);
    const schema = fieldSchema(model, d.name);
    if (parsed === undefined || !schema?.safeParse(parsed).success) {
      unused.push({ key, value, reason: `not a valid ${d.label.toLowerCase()} for this model` });
      continue;
    }
    input[d.name] = parsed;
    used++;
  }

  return {
    provider: provider.id,
    model: model.id,
    input,
    notes: { fileName, source: "a1111", used, unused, adjustments },
  };
}

/**
 * Settings found in an image → what to load. Our JSON wins (when its model is still offered); otherwise the A1111
 * text is mapped onto `target`. Null when the image carries neither.
 */
export function settingsToForm(
  found: { a1111?: string | null; json?: string | null },
  target: Target,
  current: Values,
  fileName: string,
): LoadedSettings | null {
  const ours = found.json ? loadOurJson(found.json, fileName) : null;
  if (ours) return ours;
  if (found.a1111?.trim()) return mapA1111(found.a1111, target, current, fileName);
  return null;
}
