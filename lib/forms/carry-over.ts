import { mapShared, type SharedValues } from "@/lib/compare/mapping";
import { fieldsByRole } from "@/lib/params/roles";
import { seedBigInt, seedValueOf } from "@/lib/params/seed-digits";
import { expectedSize } from "@/lib/params/sizes";
import type { ModelDefinition } from "@/lib/providers/types";

/*
 * Switching model keeps what the person wrote: the prompt, negative prompt, seed, steps, CFG and size move to the
 * new model's own fields through the comparison mapping (clamped, snapped or mapped to the nearest ratio, as a
 * comparison would), and the new model's own fields keep their last values or defaults.
 */

export interface CarryOver {
  input: Record<string, unknown>;
  /** One sentence per value that could not carry over unchanged. */
  notes: string[];
}

const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
const str = (v: unknown) => (typeof v === "string" ? v : undefined);
/** A seed ≥ 0, digits past 2^53 kept as they are (lib/params/wide-seed.ts). */
const seedOf = (v: unknown) => {
  const n = seedBigInt(v);
  return n !== undefined && n >= 0n ? seedValueOf(n) : undefined;
};

/** The role-shared values of a form, as the comparison mapping reads them. */
export function sharedValuesOf(model: ModelDefinition, values: Record<string, unknown>): SharedValues {
  const roles = fieldsByRole(model.schema);
  const get = (role: keyof typeof roles) => (roles[role] ? values[roles[role]] : undefined);
  let size = expectedSize(model.schema, { ...model.defaults, ...values }) ?? { width: 1024, height: 1024 };
  // A bare ratio ("16:9") is scaled to about one megapixel, the SD3 family's native size.
  if (size.width * size.height < 64 * 64) {
    const k = Math.sqrt((1024 * 1024) / (size.width * size.height));
    size = { width: Math.round((size.width * k) / 64) * 64, height: Math.round((size.height * k) / 64) * 64 };
  }
  const seed = seedOf(get("seed"));
  const steps = num(get("steps"));
  const cfg = num(get("cfg"));
  return {
    prompt: str(get("prompt")) ?? "",
    negativePrompt: str(get("negativePrompt")) ?? "",
    ...(seed !== undefined && { seed }),
    width: size.width,
    height: size.height,
    ...(steps !== undefined && { steps }),
    ...(cfg !== undefined && { cfg }),
  };
}

/** The new model's form values after a switch, and what could not come along. */
export function carryOver(
  from: { model: ModelDefinition; values: Record<string, unknown> },
  to: { providerLabel: string; model: ModelDefinition; stored: Record<string, unknown> | null },
): CarryOver {
  const shared = sharedValuesOf(from.model, from.values);
  const mapped = mapShared(to.providerLabel, to.model, shared, to.stored ?? undefined);
  const toRoles = fieldsByRole(to.model.schema);
  // No negative prompt written: keep the new model's own default rather than sending an explicit "".
  if (!shared.negativePrompt && toRoles.negativePrompt && to.model.defaults[toRoles.negativePrompt] !== undefined) {
    mapped.input[toRoles.negativePrompt] = to.model.defaults[toRoles.negativePrompt];
  }
  // The size mapping reports every snap; only changes a person would notice are worth a note.
  const notes = mapped.adjustments
    .filter((a) => a.kind === "dropped" || a.kind === "clamped" || a.kind === "truncated" || a.role === "seed")
    .map((a) => a.message);
  return { input: mapped.input, notes };
}
