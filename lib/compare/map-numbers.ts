import type { z } from "zod";
import { fieldMeta } from "@/lib/params/field-meta";
import { fit, rangeOf, rangeText, type Fitted, type NumericRange } from "@/lib/params/ranges";
import { seedBigInt, seedValueOf } from "@/lib/params/seed-digits";
import { wideRangeOf } from "@/lib/params/wide-seed";
import { drop, type MapContext } from "./context";

/** The seed: undefined means none, so a default or stale seed is never sent. */
export function mapSeed(ctx: MapContext): void {
  const { seed } = ctx.shared;
  const name = ctx.roles.seed;
  if (seed === undefined) {
    if (name) delete ctx.input[name];
    return;
  }
  if (!name) return drop(ctx, "seed", seed, "seed");
  const exact = typeof seed === "number" && Number.isInteger(seed) ? BigInt(seed) : seedBigInt(seed);
  if (exact === undefined) {
    delete ctx.input[name];
    const message = `Seed ${seed} is not a number: none sent.`;
    ctx.adjustments.push({ role: "seed", field: name, kind: "defaulted", from: seed, to: undefined, message });
    return;
  }
  const f = fitSeed(exact, ctx.model.schema.shape[name] as z.ZodType, rangeOf(ctx.model.schema, name));
  if (f.value === fieldMeta.get(ctx.model.schema.shape[name] as z.ZodType)?.randomSeed) {
    // Sent, it would ask for a random seed: the image could not share the others' seed, so none is sent, and said.
    delete ctx.input[name];
    const message = `${ctx.providerLabel} reads seed ${f.value} as "pick one at random": none sent, so its image will not share this seed.`;
    ctx.adjustments.push({ role: "seed", field: name, kind: "defaulted", from: seed, to: undefined, message });
    return;
  }
  ctx.input[name] = f.value;
  if (!f.kind) return;
  const message = `${ctx.providerLabel} does not accept seed ${seed}; sent ${f.value}.`;
  ctx.adjustments.push({ role: "seed", field: name, kind: f.kind, from: seed, to: f.value, message });
}

/** A seed fitted into the field's range: exactly, digit for digit, for a range past 2^53. */
function fitSeed(seed: bigint, schema: z.ZodType, range: NumericRange): { value: number | string; kind: Fitted["kind"] } {
  const wide = wideRangeOf(schema);
  if (!wide) return fit(Number(seed), range);
  const clamped = seed < wide.min ? wide.min : seed > wide.max ? wide.max : seed;
  return { value: seedValueOf(clamped), kind: clamped === seed ? null : "clamped" };
}

const numbers = {
  steps: { label: "Steps", noun: "steps setting" },
  cfg: { label: "Guidance scale", noun: "guidance scale" },
} as const;

/** Steps or guidance, fitted into the model's range; undefined keeps the model's default, unreported. */
export function mapNumber(ctx: MapContext, role: "steps" | "cfg"): void {
  const value = ctx.shared[role];
  if (value === undefined) return;
  const { label, noun } = numbers[role];
  const name = ctx.roles[role];
  if (!name) return drop(ctx, role, value, noun);
  if (!Number.isFinite(value)) {
    const fallback = ctx.input[name];
    const message =
      fallback === undefined
        ? `${label} ${value} is not a number: none sent, so ${ctx.providerLabel} uses its default.`
        : `${label} ${value} is not a number: sent ${ctx.theirs} default of ${String(fallback)}.`;
    ctx.adjustments.push({ role, field: name, kind: "defaulted", from: value, to: fallback, message });
    return;
  }
  const range = rangeOf(ctx.model.schema, name);
  const f = fit(value, range);
  ctx.input[name] = f.value;
  if (!f.kind) return;
  ctx.adjustments.push({ role, field: name, kind: f.kind, from: value, to: f.value, message: fittedMessage(ctx, label, f, range) });
}

function fittedMessage(ctx: MapContext, label: string, f: Fitted, range: NumericRange): string {
  if (f.kind === "snapped") {
    return range.multipleOf !== undefined
      ? `${label} snapped to ${f.value}, a multiple of ${range.multipleOf}.`
      : `${label} rounded to ${f.value}.`;
  }
  if (f.value === range.min) return `${label} raised to ${ctx.theirs} minimum of ${f.value}.`;
  if (f.value === range.max) return `${label} lowered to ${ctx.theirs} maximum of ${f.value}.`;
  return `${label} changed to ${f.value}: ${ctx.providerLabel} takes ${rangeText(range)}.`;
}
