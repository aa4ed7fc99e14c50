/** Per-target own settings, by target key ("provider/model"). */
export type TargetOverrides = Record<string, Record<string, unknown>>;

/**
 * The overrides of the targets still picked: a target taken off the comparison loses its own settings, so picking it
 * again starts from the model's defaults, the same values its fields then show. The same object when nothing goes.
 */
export function keepPicked(overrides: TargetOverrides, picked: readonly string[]): TargetOverrides {
  const gone = Object.keys(overrides).filter((key) => !picked.includes(key));
  if (gone.length === 0) return overrides;
  return Object.fromEntries(Object.entries(overrides).filter(([key]) => picked.includes(key)));
}
