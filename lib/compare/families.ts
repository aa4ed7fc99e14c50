import { allTargets } from "@/lib/providers";
import type { ModelDefinition, ProviderDefinition } from "@/lib/providers/types";

/** One-click picks for the comparison: the same model family at every provider that offers it. */
export const familyPicks: readonly { family: ModelDefinition["family"]; label: string }[] = [
  { family: "sd3.5-large", label: "SD3.5 Large everywhere" },
  { family: "sd3.5-large-turbo", label: "SD3.5 Large Turbo everywhere" },
  { family: "sd3.5-medium", label: "SD3.5 Medium everywhere" },
  { family: "sd3-medium", label: "SD3 Medium everywhere" },
];

/**
 * Every provider/model pair of `family`, in registry order, leaving out providers `usable` refuses (not configured):
 * a pick that selects targets which cannot run would fail the comparison before it starts.
 */
export function familyTargets(
  family: ModelDefinition["family"],
  usable: (providerId: string) => boolean = () => true,
): { provider: ProviderDefinition; model: ModelDefinition }[] {
  return allTargets().filter((t) => t.model.family === family && usable(t.provider.id));
}
