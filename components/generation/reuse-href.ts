/**
 * Reusing a result in the playground: "all" loads its model and settings with the seed locked (same image again),
 * "remix" the same but with the seed cleared and unlocked (a new one is drawn), "seed" keeps the current form and
 * sets only its seed, locked.
 */
export type ReuseMode = "all" | "remix" | "seed";

export const reuseModes: readonly ReuseMode[] = ["all", "remix", "seed"];

export function parseReuseMode(value: string | null | undefined): ReuseMode {
  return reuseModes.find((m) => m === value) ?? "all";
}

export function reuseHref(generationId: string, mode: ReuseMode): string {
  return `/?use=${encodeURIComponent(generationId)}&mode=${mode}`;
}
