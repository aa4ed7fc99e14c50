import { getModel, getProvider } from "@/lib/providers";
import { fieldsByRole } from "@/lib/params/roles";
import { carryOver } from "./carry-over";

/*
 * The playground's model switch, loaded on the first switch only: it needs the registry's schemas (the comparison
 * mapping clamps and snaps by them), which a first visit that never switches doesn't pay for.
 */

export interface SwitchRequest {
  from: { provider: string; model: string; values: Record<string, unknown> | null; seedLocked: boolean };
  to: { provider: string; model: string; stored: Record<string, unknown> | null };
}

export interface SwitchResult {
  input: Record<string, unknown>;
  /** One sentence per value that could not carry over unchanged. */
  notes: string[];
  /** The seed stays locked when it was and the new model took it. */
  seedLocked: boolean;
}

export function switchModel({ from, to }: SwitchRequest): SwitchResult | null {
  const fromModel = getModel(from.provider, from.model);
  const toModel = getModel(to.provider, to.model);
  const toProvider = getProvider(to.provider);
  if (!fromModel || !toModel || !toProvider) return null;
  const values = { ...fromModel.defaults, ...(from.values ?? {}) };
  // An unlocked seed is "random each run": there is no number to carry.
  const seedField = fieldsByRole(fromModel.schema).seed;
  if (seedField && !from.seedLocked) delete values[seedField];
  const r = carryOver({ model: fromModel, values }, { providerLabel: toProvider.label, model: toModel, stored: to.stored });
  const toSeed = fieldsByRole(toModel.schema).seed;
  return { ...r, seedLocked: from.seedLocked && toSeed !== undefined && r.input[toSeed] !== undefined };
}
