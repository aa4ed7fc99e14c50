import { mapShared } from "@/lib/compare/mapping";
import type { SharedValues } from "@/lib/compare/types";
import { describeSchema } from "@/lib/params/describe";
import type { FieldDescriptor } from "@/lib/params/descriptors";
import type { FieldRole } from "@/lib/params/field-meta";
import { fieldsByRole } from "@/lib/params/roles";
import { seedValueFor } from "@/lib/params/wide-seed";
import { parseA1111, type A1111Params } from "./a1111";
import { matchOption, splitSampler } from "./samplers";
import { fieldSchema, type LoadedSettings, type Target, type UnusedSetting, type Values } from "./loaded-settings";

/** What the steps share while A1111 infotext is mapped onto one model's form. */
export interface A1111State {
  target: Target;
  roles: Partial<Record<FieldRole, string>>;
  descriptors: FieldDescriptor[];
  input: Values;
  unused: UnusedSetting[];
  adjustments: string[];
  used: number;
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

const hasSize = (p: A1111Params) => p.width !== undefined && p.height !== undefined;

/**
 * A1111 infotext onto `target`, starting from `current` (the form as it is). Prompt, negative prompt, seed, size,
 * steps and CFG go through the comparison mapping (clamping, nearest aspect ratio); sampler and schedule through
 * the A1111 ↔ provider name table; extra keys that name one of the model's other fields by its label are parsed
 * and validated; everything else is listed as not used.
 */
export function mapA1111(text: string, target: Target, current: Values, fileName: string): LoadedSettings {
  const p = parseA1111(text);
  const { model } = target;
  const state: A1111State = {
    target,
    roles: fieldsByRole(model.schema),
    descriptors: describeSchema(model.schema),
    input: { ...model.defaults, ...current },
    unused: [],
    adjustments: [],
    used: 0,
  };
  applySharedValues(state, p);
  applySamplers(state, p);
  noteModel(state, p);
  applyExtraKeys(state, p);
  const { input, used, unused, adjustments } = state;
  return { provider: target.provider.id, model: model.id, input, notes: { fileName, source: "a1111", used, unused, adjustments } };
}

/**
 * A seed past 2^53 loads, as its digits, only onto a seed field that holds it exactly (DeepInfra's, up to 2^64−1;
 * lib/params/wide-seed.ts). Any other field would get a rounded or clamped seed: it is listed instead.
 */
export function safeSeed(state: A1111State, seed: string | undefined): number | string | undefined {
  if (seed === undefined) return undefined;
  const n = Number(seed);
  if (Number.isSafeInteger(n)) return n;
  const schema = state.roles.seed ? fieldSchema(state.target.model, state.roles.seed) : undefined;
  const exact = schema && seedValueFor(schema, seed);
  if (exact !== undefined) return exact;
  state.unused.push({ key: "Seed", value: seed, reason: "too large for this model's seed field" });
  return undefined;
}

/** Which roles the image actually carries; only those overwrite the form. */
export function givenRoles(p: A1111Params, seed: number | string | undefined): Set<FieldRole> {
  const hasParams =
    [p.steps, p.sampler, p.scheduleType, p.cfgScale, p.seed, p.width, p.model].some((v) => v !== undefined) ||
    Object.keys(p.extra).length > 0;
  const given = new Set<FieldRole>();
  if (p.prompt) given.add("prompt");
  if (p.negativePrompt !== undefined || hasParams) given.add("negativePrompt");
  if (seed !== undefined) given.add("seed");
  if (hasSize(p)) given.add("size");
  if (p.steps !== undefined) given.add("steps");
  if (p.cfgScale !== undefined) given.add("cfg");
  return given;
}

/** Prompt, negative prompt, seed, size, steps and CFG through the comparison mapping, for the roles the image has. */
export function applySharedValues(state: A1111State, p: A1111Params): void {
  const seed = safeSeed(state, p.seed);
  const shared: SharedValues = {
    prompt: p.prompt,
    negativePrompt: p.negativePrompt ?? "",
    ...(seed !== undefined && { seed }),
    width: p.width ?? 1024,
    height: p.height ?? 1024,
    ...(p.steps !== undefined && { steps: p.steps }),
    ...(p.cfgScale !== undefined && { cfg: p.cfgScale }),
  };
  const mapped = mapShared(state.target.provider.label, state.target.model, shared, state.input);
  const given = givenRoles(p, seed);
  const droppedRoles = new Set<FieldRole>();
  for (const a of mapped.adjustments) {
    if (!given.has(a.role)) continue;
    if (a.kind === "dropped") droppedRoles.add(a.role);
    else state.adjustments.push(a.message);
  }
  const copy = (name: string | undefined) => {
    if (!name) return;
    if (mapped.input[name] === undefined) delete state.input[name];
    else state.input[name] = mapped.input[name];
  };
  const source = sourceValues(p);
  for (const role of given) {
    const value = source[role];
    const key = ROLE_KEYS[role]!;
    if (droppedRoles.has(role)) {
      if (value) state.unused.push({ key, value, reason: `this model has no ${key.toLowerCase()} setting` });
      continue;
    }
    if (role === "size") ["size", "aspectRatio", "width", "height"].forEach((r) => copy(state.roles[r as FieldRole]));
    else copy(state.roles[role]);
    if (value !== undefined) state.used++;
  }
}

function sourceValues(p: A1111Params): Partial<Record<FieldRole, string | undefined>> {
  return {
    prompt: p.prompt,
    negativePrompt: p.negativePrompt,
    seed: p.seed,
    steps: p.steps?.toString(),
    cfg: p.cfgScale?.toString(),
    size: hasSize(p) ? `${p.width}x${p.height}` : undefined,
  };
}

/** Sampler and schedule: through the name table, onto the model's own options. */
export function applySamplers(state: A1111State, p: A1111Params): void {
  const names = splitSampler(p.sampler, p.scheduleType);
  pickOption(state, "sampler", "Sampler", names.sampler);
  pickOption(state, "scheduler", "Schedule type", names.schedule);
}

function pickOption(state: A1111State, kind: "sampler" | "scheduler", key: string, name: string | undefined): void {
  if (name === undefined) return;
  const field = state.roles[kind];
  const d = field ? state.descriptors.find((x) => x.name === field) : undefined;
  if (!field || d?.widget !== "select") {
    state.unused.push({ key, value: name, reason: `this model has no ${kind} setting` });
    return;
  }
  const option = matchOption(kind, name, d.options);
  if (!option) {
    state.unused.push({ key, value: name, reason: `no equivalent in ${state.target.provider.label}'s list` });
    return;
  }
  state.input[field] = option.value;
  state.used++;
}

/** The image's model is named, never switched to: the settings load onto the selected one. */
function noteModel(state: A1111State, p: A1111Params): void {
  if (p.model === undefined) return;
  const { provider, model } = state.target;
  state.unused.push({ key: "Model", value: p.model, reason: `loaded onto ${provider.label} ${model.label} instead` });
}

/** Extra keys naming another of the model's fields by its label ("Output format: png", as we write them). */
export function applyExtraKeys(state: A1111State, p: A1111Params): void {
  for (const [key, value] of Object.entries(p.extra)) {
    const reason = extraKeyProblem(state, p, key, value);
    if (reason) state.unused.push({ key, value, reason });
  }
}

/** Sets the field an extra key names and returns nothing, or returns why it could not. */
function extraKeyProblem(state: A1111State, p: A1111Params, key: string, value: string): string | undefined {
  const d = state.descriptors.find((x) => x.label.toLowerCase() === key.toLowerCase());
  if (!d) return "no such setting on this model";
  if (d.role && HANDLED_ROLES.has(d.role)) {
    return d.role === "image" ? "input images are not loaded from metadata" : "set from the image's own key for it";
  }
  if (d.role && SIZE_ROLES.has(d.role) && hasSize(p)) return "the size was taken from Size";
  const parsed = parseForField(value, d);
  const schema = fieldSchema(state.target.model, d.name);
  if (parsed === undefined || !schema?.safeParse(parsed).success) return `not a valid ${d.label.toLowerCase()} for this model`;
  state.input[d.name] = parsed;
  state.used++;
  return undefined;
}

/** An extra key's text as the value a field takes, or undefined when it cannot be one. */
export function parseForField(text: string, d: FieldDescriptor): unknown {
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
