import type { GenerationDTO } from "@/lib/db/dto";
import { getModel, getProvider } from "@/lib/providers";
import { fieldsByRole } from "@/lib/params/roles";
import type { ModelDefinition } from "@/lib/providers/types";
import { knownSeed } from "@/lib/results/facts";
import { seedValueFor } from "@/lib/params/wide-seed";
import type { z } from "zod";
import type { ReuseMode } from "./reuse-href";

// Kept apart (./reuse-href.ts) so the result cards' links do not bundle the registry this module needs.
export { parseReuseMode, reuseHref, reuseModes, type ReuseMode } from "./reuse-href";

export interface Reused {
  provider: string;
  model: string;
  input: Record<string, unknown>;
  seedLocked: boolean;
}

/** The generation's seed as a value the model's seed field accepts, or an error sentence. */
function seedFor(g: GenerationDTO, model: ModelDefinition, label: string): { field: string; value: number | string } | string {
  const field = fieldsByRole(model.schema).seed;
  if (!field) return `${label} has no seed setting.`;
  if (g.seed == null) return "That generation has no recorded seed.";
  // A reported -1 means "random": there is no seed to reuse then, only the one we sent, if any.
  const seed = knownSeed(g, getModel(g.provider, g.model));
  if (seed == null) return "That generation has no recorded seed.";
  // Every digit, or not at all: a seed rounded to fit is another image.
  const value = seedValueFor(model.schema.shape[field] as z.ZodType, seed);
  if (value === undefined) return `${label} does not accept seed ${seed}.`;
  return { field, value };
}

/**
 * What to load into the playground. `current` is the model and form values shown now (used by "seed").
 * Throws an Error whose message can be shown as is.
 */
export function reuseGeneration(
  g: GenerationDTO,
  mode: ReuseMode,
  current: { provider: string; model: string; values: Record<string, unknown> | null },
): Reused {
  if (mode === "seed") {
    const model = getModel(current.provider, current.model);
    if (!model) throw new Error("The current model is no longer offered.");
    const label = `${getProvider(current.provider)?.label ?? current.provider} ${model.label}`;
    const seed = seedFor(g, model, label);
    if (typeof seed === "string") throw new Error(seed);
    const input = { ...model.defaults, ...(current.values ?? {}), [seed.field]: seed.value };
    return { provider: current.provider, model: current.model, input, seedLocked: true };
  }
  const model = getModel(g.provider, g.model);
  if (!model) throw new Error("That generation's model is no longer offered.");
  const input = { ...g.input };
  const seedField = fieldsByRole(model.schema).seed;
  if (mode === "remix") {
    if (seedField) delete input[seedField];
    return { provider: g.provider, model: g.model, input, seedLocked: false };
  }
  // The seed the provider reports having used (e.g. for a "random" −1 request) reproduces the image; prefer it.
  const seed = seedFor(g, model, model.label);
  if (typeof seed !== "string") input[seed.field] = seed.value;
  // A seed the field cannot hold (a 64-bit one the provider reported) is not loaded: locked, it would stay empty.
  return { provider: g.provider, model: g.model, input, seedLocked: !seedField || input[seedField] !== undefined };
}
