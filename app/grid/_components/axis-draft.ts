import type { FieldDescriptor } from "@/lib/params/descriptors";
import type { GridModelOption } from "@/lib/grid/options";
import { seedFromDigits } from "@/lib/params/seed-digits";

/** One axis as the form edits it (strings, as typed), and how it is sent. Client-safe: no zod. */

export const PROMPT_SR = "__prompt";
export const TARGET = "__target";

export interface AxisDraft {
  id: number;
  /** A field name of the chosen model, PROMPT_SR or TARGET. */
  field: string;
  mode: "list" | "range";
  list: string;
  from: string;
  to: string;
  step: string;
  /** Prompt S/R, one value per line, the first being the text searched for. */
  prompts: string;
  /** "provider:model" keys. */
  targets: string[];
}

export const isNumeric = (d: FieldDescriptor | undefined) => d?.widget === "number" || d?.widget === "slider" || d?.widget === "seed";

const preferredRoles = ["steps", "cfg", "sampler", "scheduler", "size", "seed"];

/** The field a new axis starts on: the first of steps, CFG, sampler, … that no axis varies yet. */
export function suggestField(model: GridModelOption, used: string[]): string {
  for (const role of preferredRoles) {
    const f = model.fields.find((d) => d.role === role && !used.includes(d.name));
    if (f) return f.name;
  }
  return model.fields.find((d) => !used.includes(d.name))?.name ?? PROMPT_SR;
}

/** A sensible first list for a field: three values across its range, its options, or its default. */
export function startingList(d: FieldDescriptor | undefined, fallback: unknown): string {
  if (!d) return "";
  if (d.widget === "select") return d.options.slice(0, 3).map((o) => String(o.value)).join(", ");
  if (d.widget === "size") return d.presets.slice(0, 3).map((p) => p.value).join(", ") || "1024x1024, 1344x768";
  if (d.widget === "switch") return "on, off";
  if (d.widget === "seed") return "1, 2, 3";
  if ((d.widget === "slider" || d.widget === "number") && d.min !== undefined && d.max !== undefined) {
    const step = d.int ? 1 : (d.step ?? 0.1);
    const mid = fallback !== undefined && typeof fallback === "number" ? fallback : (d.min + d.max) / 2;
    const vals = [mid - (d.max - d.min) / 6, mid, mid + (d.max - d.min) / 6].map((v) => Math.min(d.max!, Math.max(d.min!, Math.round(v / step) * step)));
    return [...new Set(vals.map((v) => Number(v.toFixed(4))))].join(", ");
  }
  return fallback === undefined ? "" : String(fallback);
}

export function newDraft(id: number, field: string, model: GridModelOption | undefined, all: GridModelOption[]): AxisDraft {
  const d = model?.fields.find((f) => f.name === field);
  const family = model ? all.filter((m) => m.family === model.family && m.mode !== "missing").map((m) => m.key) : [];
  return {
    id,
    field,
    mode: "list",
    list: startingList(d, model?.defaults[field]),
    from: "",
    to: "",
    step: "",
    prompts: "",
    targets: family.slice(0, 3),
  };
}

/** The axis as the server reads it (lib/grid/spec.ts). */
export function toRequest(a: AxisDraft): Record<string, unknown> {
  if (a.field === PROMPT_SR) return { kind: "prompt", values: a.prompts.split("\n").filter((l) => l.trim() !== "") };
  if (a.field === TARGET) {
    return {
      kind: "target",
      values: a.targets.map((k) => ({ provider: k.slice(0, k.indexOf(":")), model: k.slice(k.indexOf(":") + 1) })),
    };
  }
  if (a.mode === "range") {
    const num = (s: string) => (s.trim() === "" ? Number.NaN : Number(s));
    return { kind: "range", field: a.field, from: num(a.from), to: num(a.to), step: num(a.step) };
  }
  return { kind: "list", field: a.field, values: a.list.split(",").map((v) => v.trim()).filter(Boolean) };
}

/** The grid the form opens with: the first configured SD3.5 Large (else the first model), a sample prompt, one axis. */
export function startingGrid(models: GridModelOption[]) {
  const model = models.find((m) => m.mode !== "missing" && m.family === "sd3.5-large") ?? models[0]!;
  return { model, prompt: "A red fox in a snowy forest, morning light", axes: [newDraft(1, suggestField(model, []), model, models)] };
}

/** The request the form sends (and has previewed) for a model, its prompt, negative prompt, typed seed and axes. */
export function gridRequest(model: GridModelOption, prompt: string, negative: string, seed: string, axes: AxisDraft[]) {
  const base: Record<string, unknown> = {};
  if (model.promptField) base[model.promptField] = prompt;
  if (model.negativePromptField && negative.trim()) base[model.negativePromptField] = negative;
  if (model.seedField && seed.trim() !== "") {
    // A seed field whose range passes 2^53 takes the digits themselves: a number would round them.
    const d = model.fields.find((f) => f.name === model.seedField);
    base[model.seedField] = (d?.widget === "seed" && d.wide ? seedFromDigits(seed) : undefined) ?? Number(seed);
  }
  return { provider: model.provider, model: model.model, base, axes: axes.map(toRequest) };
}
