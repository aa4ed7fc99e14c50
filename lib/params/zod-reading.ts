import type { z } from "zod";
import { fieldMeta, type FieldMeta } from "@/lib/params/field-meta";

/*
 * Reading zod 4 schemas through their public definitions (`_zod.def`: type, innerType, checks, options, shape,
 * entries) rather than classic-only getters, so it works for any zod 4 schema; `_zod.bag` is consulted as a
 * fallback for checks added by third parties.
 */

export type AnySchema = z.core.$ZodType;
// Loose view of `_zod.def`: each schema type fills in the members it has.
interface LooseDef {
  type: string;
  innerType?: AnySchema;
  defaultValue?: unknown;
  in?: AnySchema;
  out?: AnySchema;
  checks?: AnySchema[];
  options?: AnySchema[];
  shape?: Record<string, AnySchema>;
  entries?: Record<string, string | number>;
  values?: unknown[];
}

export const defOf = (schema: AnySchema) => schema._zod.def as unknown as LooseDef;

export class SchemaDescribeError extends Error {
  override name = "SchemaDescribeError";
}

export interface Unwrapped {
  schema: AnySchema;
  meta?: FieldMeta;
  required: boolean;
  defaultValue?: unknown;
}

/** Peel optional/default/nullable/readonly/catch/pipe wrappers, picking up the outermost meta on the way. */
export function unwrap(schema: AnySchema): Unwrapped {
  let current = schema;
  let meta: FieldMeta | undefined;
  let required = true;
  let defaultValue: unknown;
  let hasDefault = false;
  for (;;) {
    meta ??= fieldMeta.get(current as z.ZodType);
    const def = defOf(current);
    if (def.type === "optional" && def.innerType) {
      required = false;
      current = def.innerType;
    } else if ((def.type === "default" || def.type === "prefault") && def.innerType) {
      required = false;
      if (!hasDefault) {
        hasDefault = true;
        defaultValue = def.defaultValue;
      }
      current = def.innerType;
    } else if ((def.type === "nullable" || def.type === "readonly" || def.type === "catch") && def.innerType) {
      current = def.innerType;
    } else if (def.type === "pipe" && def.in && def.out) {
      // z.preprocess(fn, T) is pipe(transform, T): the form edits T. x.transform(fn) is pipe(x, transform): edit x.
      current = defOf(def.in).type === "transform" ? def.out : def.in;
    } else {
      return hasDefault ? { schema: current, meta, required, defaultValue } : { schema: current, meta, required };
    }
  }
}

export interface NumberInfo {
  min?: number;
  max?: number;
  int: boolean;
  multipleOf?: number;
}

const finite = (v: unknown): v is number =>
  typeof v === "number" && Number.isFinite(v) && Math.abs(v) < Number.MAX_SAFE_INTEGER;

export function numberInfo(schema: AnySchema): NumberInfo {
  const info: NumberInfo = { int: false };
  const narrowMin = (v: number) => (info.min = info.min === undefined ? v : Math.max(info.min, v));
  const narrowMax = (v: number) => (info.max = info.max === undefined ? v : Math.min(info.max, v));
  const exclusive: { min?: boolean; max?: boolean } = {};
  // An int format schema (z.int()) is its own first check.
  const checks = [schema, ...(defOf(schema).checks ?? [])];
  for (const check of checks) {
    const c = check._zod.def as unknown as { check?: string; value?: unknown; inclusive?: boolean; format?: string };
    if (c.check === "number_format" && c.format?.includes("int")) info.int = true;
    if (c.check === "greater_than" && finite(c.value)) {
      narrowMin(c.value);
      if (info.min === c.value) exclusive.min = !c.inclusive;
    }
    if (c.check === "less_than" && finite(c.value)) {
      narrowMax(c.value);
      if (info.max === c.value) exclusive.max = !c.inclusive;
    }
    if (c.check === "multiple_of" && typeof c.value === "number") info.multipleOf = Math.max(info.multipleOf ?? 0, c.value);
  }
  const bag = schema._zod.bag as { minimum?: unknown; maximum?: unknown; multipleOf?: unknown; format?: unknown };
  if (finite(bag.minimum)) narrowMin(bag.minimum);
  if (finite(bag.maximum)) narrowMax(bag.maximum);
  if (typeof bag.multipleOf === "number") info.multipleOf ??= bag.multipleOf;
  if (typeof bag.format === "string" && bag.format.includes("int")) info.int = true;
  if (info.multipleOf !== undefined && Number.isInteger(info.multipleOf)) info.int = true;
  // For integers an exclusive bound is the next whole number; for floats the inclusive bound is close enough for a UI.
  if (info.int && exclusive.min && info.min !== undefined) info.min += 1;
  if (info.int && exclusive.max && info.max !== undefined) info.max -= 1;
  return info;
}

export function stringLengths(schema: AnySchema): { minLength?: number; maxLength?: number } {
  const out: { minLength?: number; maxLength?: number } = {};
  for (const check of defOf(schema).checks ?? []) {
    const c = check._zod.def as unknown as { check?: string; minimum?: number; maximum?: number; length?: number };
    if (c.check === "min_length" && c.minimum !== undefined) out.minLength = Math.max(out.minLength ?? 0, c.minimum);
    if (c.check === "max_length" && c.maximum !== undefined) out.maxLength = Math.min(out.maxLength ?? Infinity, c.maximum);
    if (c.check === "length_equals" && c.length !== undefined) out.minLength = out.maxLength = c.length;
  }
  return out;
}

/** A slider needs a step; for floats without a hint pick a power of ten giving ~100 positions. */
export function sliderStep(info: NumberInfo, min: number, max: number): number {
  if (info.multipleOf !== undefined) return info.multipleOf;
  if (info.int) return 1;
  const span = max - min;
  return span > 0 ? 10 ** Math.floor(Math.log10(span / 100)) : 1;
}

export function enumValues(schema: AnySchema): (string | number)[] | undefined {
  const def = defOf(schema);
  if (def.type === "enum" && def.entries) return [...new Set(Object.values(def.entries))];
  if (def.type === "literal" && def.values?.every((v) => typeof v === "string" || typeof v === "number")) {
    return def.values as (string | number)[];
  }
  return undefined;
}

export const isString = (schema: AnySchema): boolean => {
  const def = defOf(schema);
  return def.type === "string" || (def.type === "union" && !!def.options?.every((o) => isString(unwrap(o).schema)));
};
