import type { GenerationDTO, ImageDTO } from "@/lib/db/dto";
import { getModel } from "@/lib/providers";
import type { ModelDefinition } from "@/lib/providers/types";
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

/**
 * Whether two batch cells differ along one axis at most, the one the provider changes along: in a grid whose other
 * axes vary steps or guidance, a cell is only compared with the cells that asked for the same values.
 */
function sameCellSettings(x: GenerationDTO, y: GenerationDTO): boolean {
  if (!x.cell || !y.cell) return true;
  const differ = (["x", "y", "z"] as const).filter((k) => (x.cell![k] ?? 0) !== (y.cell![k] ?? 0));
  return differ.length <= 1;
}

/**
 * The pairs a parity check scores, from a run's generations whatever the run's kind (comparison, grid, suite):
 * finished generations at different providers of one model family with the same known seed and image size (and in a
 * grid, the same values on the other axes), both live or both emulated, image by image (the first of each, then the
 * second…). Images are ordered by id so a pair always has one key.
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
        if (x.provider === y.provider || x.emulated !== y.emulated || !sameCellSettings(x, y)) continue;
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
