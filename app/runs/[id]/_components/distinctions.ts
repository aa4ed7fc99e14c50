import type { GenerationDTO } from "@/lib/db/dto";
import { formatValue } from "@/lib/format";

/**
 * When a run holds the same provider and model more than once (e.g. ten samplers on Segmind), what tells each
 * target apart: the input values that differ within its group, as "sampler dpmpp_2m · steps 20".
 */
export function distinctions(generations: GenerationDTO[]): Map<string, string> {
  const groups = new Map<string, GenerationDTO[]>();
  for (const g of generations) {
    const key = `${g.provider}/${g.model}`;
    groups.set(key, [...(groups.get(key) ?? []), g]);
  }
  const out = new Map<string, string>();
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const keys = [...new Set(group.flatMap((g) => Object.keys(g.input)))].filter((k) => {
      const values = new Set(group.map((g) => JSON.stringify(g.input[k] ?? null)));
      return values.size > 1;
    });
    for (const g of group) {
      out.set(g.id, keys.map((k) => `${k} ${formatValue(g.input[k])}`).join(" · "));
    }
  }
  return out;
}
