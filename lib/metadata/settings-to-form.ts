/**
 * Settings read from an image → a playground form. Our own JSON selects its provider/model and loads the input as
 * it was; A1111 infotext is mapped by field role onto the model the person has selected. Nothing is dropped
 * silently: every key that could not be used is returned with its value and the reason.
 *
 * Client-safe: imports only pure modules (not ./index, which pulls in node:zlib).
 */
import { getModel, getProvider } from "@/lib/providers";
import type { z } from "zod";
import { fieldsByRole } from "@/lib/params/roles";
import { seedValueFor } from "@/lib/params/wide-seed";
import type { ModelDefinition } from "@/lib/providers/types";
import { knownSeed } from "@/lib/results/facts";
import { mapA1111 } from "./a1111-to-form";
import { fieldSchema, type LoadedSettings, type LoadNotes, type Target, type UnusedSetting, type Values } from "./loaded-settings";
import { SETTINGS_APP } from "./settings-json";

export { mapA1111 };
export type { LoadedSettings, LoadNotes, Target, UnusedSetting };

const isRecord = (v: unknown): v is Values => typeof v === "object" && v !== null && !Array.isArray(v);
const show = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));

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
  loadSeedUsed(model, data.seed, input, unused);
  const notes: LoadNotes = { fileName, source: "ours", used: Object.keys(input).length, unused, adjustments: [] };
  return { provider: provider.id, model: model.id, input, notes };
}

/**
 * The seed the image was made with, as "use these settings" loads it: the one the provider reported, when the input
 * sent none or a "random" one (Segmind's −1); a seed the field cannot hold is listed as unused, never rounded.
 */
function loadSeedUsed(model: ModelDefinition, reported: unknown, input: Values, unused: UnusedSetting[]) {
  const field = fieldsByRole(model.schema).seed;
  const seed = field ? knownSeed({ seed: typeof reported === "string" ? reported : null, input }, model) : null;
  if (!field || seed === null || String(input[field]) === seed) return;
  const value = seedValueFor(model.schema.shape[field] as z.ZodType, seed);
  if (value !== undefined) input[field] = value;
  else unused.push({ key: field, value: seed, reason: "the seed used is too large for this field" });
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
