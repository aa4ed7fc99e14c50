import { z } from "zod";
import { describeSchema } from "@/lib/params/describe";

/** What a numeric field accepts, read from its schema through the same descriptors the form renders. */
export interface NumericRange {
  min?: number;
  max?: number;
  int: boolean;
  /** Only a real `.multipleOf()` on the schema, never a UI step hint. */
  multipleOf?: number;
}

// z.toJSONSchema is costly and the comparison preview maps every target on each keystroke: read each field once.
const multipleOfCache = new WeakMap<z.ZodType, number | undefined>();

/** `multipleOf` through `z.toJSONSchema`, because a slider descriptor's `step` may be a UI hint, not a constraint. */
export function multipleOfOf(schema: z.ZodType | undefined): number | undefined {
  if (!schema) return undefined;
  if (multipleOfCache.has(schema)) return multipleOfCache.get(schema);
  let out: number | undefined;
  try {
    const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" });
    out = typeof json.multipleOf === "number" && json.multipleOf > 0 ? json.multipleOf : undefined;
  } catch {
    out = undefined;
  }
  multipleOfCache.set(schema, out);
  return out;
}

export function rangeOf(schema: z.ZodObject, name: string): NumericRange {
  const d = describeSchema(schema).find((f) => f.name === name);
  const multipleOf = multipleOfOf(schema.shape[name] as z.ZodType | undefined);
  const extra = multipleOf !== undefined ? { multipleOf } : {};
  if (!d) return { int: false, ...extra };
  switch (d.widget) {
    case "slider":
      return { min: d.min, max: d.max, int: d.int, ...extra };
    case "number":
      return { int: d.int, ...(d.min !== undefined && { min: d.min }), ...(d.max !== undefined && { max: d.max }), ...extra };
    case "seed":
      return { min: d.min, max: d.max, int: true, ...extra };
    default:
      return { int: false, ...extra };
  }
}

/** Round to a multiple of `step`, without float noise for a fractional step (0.1 * 3 → 0.3, not 0.30000000000000004). */
export function roundTo(value: number, step: number): number {
  const rounded = Math.round(value / step) * step;
  if (Number.isInteger(step)) return rounded;
  const decimals = Math.min(20, Math.max(0, Math.ceil(-Math.log10(step)) + 6));
  return Number(rounded.toFixed(decimals));
}

export interface Fitted {
  value: number;
  kind: "clamped" | "snapped" | null;
}

/** Clamp into the range, then snap to its multiple (or whole number) while staying inside it. */
export function fit(value: number, range: NumericRange): Fitted {
  let v = value;
  let kind: Fitted["kind"] = null;
  if (range.min !== undefined && v < range.min) {
    v = range.min;
    kind = "clamped";
  } else if (range.max !== undefined && v > range.max) {
    v = range.max;
    kind = "clamped";
  }
  const step = range.multipleOf ?? (range.int ? 1 : undefined);
  if (step !== undefined) {
    let snapped = roundTo(v, step);
    if (range.max !== undefined && snapped > range.max) snapped = roundTo(snapped - step, step);
    if (range.min !== undefined && snapped < range.min) snapped = roundTo(snapped + step, step);
    if (snapped !== v) {
      v = snapped;
      kind ??= "snapped";
    }
  }
  return { value: v, kind };
}

/** "1–4", "at least 1", "at most 4" or "any". */
export function rangeText(range: NumericRange): string {
  if (range.min !== undefined && range.max !== undefined) return `${range.min}–${range.max}`;
  if (range.min !== undefined) return `at least ${range.min}`;
  if (range.max !== undefined) return `at most ${range.max}`;
  return "any";
}
