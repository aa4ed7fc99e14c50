import type { GenerationDTO, ImageDTO } from "@/lib/db/dto";
import { getModel } from "@/lib/providers";
import type { ModelDefinition } from "@/lib/providers/types";
import { fieldsByRole } from "@/lib/params/roles";
import type { FieldRole } from "@/lib/params/field-meta";
import { knownSeed } from "@/lib/results/facts";

/** Two images that should match if two providers ran the same model the same way. */
export interface ParityCandidate {
  family: ModelDefinition["family"];
  seed: string;
  width: number;
  height: number;
  a: { generation: GenerationDTO; image: ImageDTO };
  b: { generation: GenerationDTO; image: ImageDTO };
}

/** Settings that change the image, compared wherever both providers have a field for them (sampler names differ). */
const SETTINGS: readonly FieldRole[] = ["negativePrompt", "steps", "cfg", "imageStrength"];

/** Whether two generations asked for the same settings, as far as both can say (a grid cell's axis values too). */
function sameSettings(x: GenerationDTO, y: GenerationDTO, mx: ModelDefinition, my: ModelDefinition): boolean {
  const [fx, fy] = [fieldsByRole(mx.schema), fieldsByRole(my.schema)];
  const value = (g: GenerationDTO, field: string) => (g.input[field] === "" ? undefined : g.input[field]);
  return SETTINGS.every((role) => !fx[role] || !fy[role] || value(x, fx[role]) === value(y, fy[role]));
}

/**
 * The pairs a parity check scores, from a run's generations whatever the run's kind (comparison, grid, suite):
 * finished generations at different providers of one model family with the same known seed, image size and
 * settings, both live or both emulated, image by image (the first of each, then the second…). Images are ordered by
 * id so a pair always has one key.
 */
export function parityCandidates(generations: readonly GenerationDTO[]): ParityCandidate[] {
  const groups = new Map<string, GenerationDTO[]>();
  for (const g of generations) {
    const model = getModel(g.provider, g.model);
    const seed = knownSeed(g, model);
    const first = g.images[0];
    if (g.status !== "succeeded" || !model || !seed || !first) continue;
    const key = `${model.family}|${seed}|${first.width}x${first.height}|${g.prompt}`;
    groups.set(key, [...(groups.get(key) ?? []), g]);
  }
  const out: ParityCandidate[] = [];
  for (const group of groups.values()) {
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        const [x, y] = [group[i]!, group[j]!];
        const model = getModel(x.provider, x.model)!;
        if (x.provider === y.provider || x.emulated !== y.emulated || !sameSettings(x, y, model, getModel(y.provider, y.model)!)) continue;
        for (let k = 0; k < Math.min(x.images.length, y.images.length); k++) {
          const [ix, iy] = [x.images[k]!, y.images[k]!];
          if (ix.width !== iy.width || ix.height !== iy.height) continue;
          const [a, b] = ix.id < iy.id ? [{ generation: x, image: ix }, { generation: y, image: iy }] : [{ generation: y, image: iy }, { generation: x, image: ix }];
          out.push({ family: model.family, seed: knownSeed(x, model)!, width: ix.width, height: ix.height, a, b });
        }
      }
    }
  }
  return out;
}

/** Whether a run can have a parity check at all once its work ends: two providers of one family in it. */
export function parityPossible(generations: readonly GenerationDTO[]): boolean {
  const providersByFamily = new Map<string, Set<string>>();
  for (const g of generations) {
    const family = getModel(g.provider, g.model)?.family;
    if (!family) continue;
    const set = providersByFamily.get(family) ?? new Set<string>();
    set.add(g.provider);
    providersByFamily.set(family, set);
  }
  return [...providersByFamily.values()].some((s) => s.size >= 2);
}
