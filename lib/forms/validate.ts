import type { FieldErrors } from "react-hook-form";
import type { DimensionConstraints, FieldDescriptor, SizeFieldDescriptor } from "@/lib/params/descriptors";
import { wideSeedProblem } from "@/lib/params/seed-digits";
import { words } from "./words";

/*
 * The browser's instant check of form values against field descriptors (derived from the zod schemas on the
 * server), in the same words as the server's zod error map. It covers what a descriptor states: required, type,
 * min/max, whole numbers, multiples, lengths, listed options and sizes. The server parses with the schema again
 * and stays the authority: a refinement only the schema knows comes back as a field error from the action.
 */

export type Problems = Record<string, string>;

const missing = (v: unknown) => v === undefined || v === null;

function numberProblem(
  label: string,
  value: unknown,
  c: { min?: number | undefined; max?: number | undefined; int?: boolean | undefined; multipleOf?: number | undefined },
  bound: (min: number | undefined, max: number | undefined, low: boolean) => string,
): string | undefined {
  if (typeof value !== "number" || Number.isNaN(value)) return words.number(label);
  if (c.int && !Number.isInteger(value)) return words.wholeNumber(label);
  if (c.min !== undefined && value < c.min) return bound(c.min, c.max, true);
  if (c.max !== undefined && value > c.max) return bound(c.min, c.max, false);
  if (c.multipleOf !== undefined && c.multipleOf > 0) {
    const q = value / c.multipleOf;
    if (Math.abs(q - Math.round(q)) > 1e-9) return words.multipleOf(label, c.multipleOf);
  }
  return undefined;
}

function textProblem(d: FieldDescriptor & { minLength?: number; maxLength?: number }, value: unknown) {
  if (typeof value !== "string") return words.notValid(d.label);
  const isPrompt = d.role === "prompt";
  // The schemas trim a prompt before counting: a prompt of spaces is no prompt, and a trailing newline is not counted.
  const length = isPrompt ? value.trim().length : value.length;
  if (d.minLength !== undefined && length < d.minLength) return words.tooShort(d.label, isPrompt);
  if (d.maxLength !== undefined && length > d.maxLength) return words.tooLong(d.label, d.maxLength);
  return undefined;
}

/** A custom size is checked side by side; the union's own bound is all the schema's error map knows. */
function sizeProblems(d: SizeFieldDescriptor, value: unknown, out: Problems) {
  if (typeof value === "string") {
    if (!d.presets.some((p) => p.value === value)) out[d.name] = d.custom ? words.pickSize(d.label) : words.pickOption(d.label);
    return;
  }
  if (!d.custom || typeof value !== "object" || value === null) {
    out[d.name] = d.custom ? words.pickSize(d.label) : words.pickOption(d.label);
    return;
  }
  const bound = (min: number | undefined, max: number | undefined, low: boolean) =>
    low ? words.range(d.label, min, undefined) : words.range(d.label, undefined, max);
  for (const side of ["width", "height"] as const) {
    const v = (value as Record<string, unknown>)[side];
    const c: DimensionConstraints = d.custom[side];
    const problem = missing(v)
      ? words.required(d.label, false)
      : numberProblem(d.label, v, { ...c, multipleOf: c.step > 1 ? c.step : undefined }, bound);
    if (problem) out[`${d.name}.${side}`] = problem;
  }
}

function fieldProblem(d: FieldDescriptor, value: unknown): string | undefined {
  if (missing(value)) {
    if (!d.required) return undefined;
    // zod reports a missing enum as an unlisted value.
    return d.widget === "select" ? words.pickOption(d.label) : words.required(d.label, d.role === "prompt");
  }
  switch (d.widget) {
    case "text":
    case "textarea":
      return textProblem(d, value);
    case "image":
      return typeof value === "string" ? undefined : words.notValid(d.label);
    case "switch":
      return typeof value === "boolean" ? undefined : words.notValid(d.label);
    case "select":
      return d.options.some((o) => o.value === value) ? undefined : words.pickOption(d.label);
    case "seed":
      if (d.wide) return wideSeedProblem(d.label, { min: BigInt(d.wide.min), max: BigInt(d.wide.max) }, value);
    // falls through
    case "number":
    case "slider":
      // A seed is always a whole number (describe refuses any other).
      return numberProblem(d.label, value, d.widget === "seed" ? { ...d, int: true } : d, (min, max) => words.range(d.label, min, max));
    case "size":
      return undefined;
  }
}

/** Every problem with `values`, by field path ("steps", "size.width"); empty when the values are fine. */
export function validateValues(fields: readonly FieldDescriptor[], values: Record<string, unknown>): Problems {
  const out: Problems = {};
  for (const d of fields) {
    const value = values[d.name];
    if (d.widget === "size" && !missing(value)) {
      sizeProblems(d, value, out);
      continue;
    }
    const problem = fieldProblem(d, value);
    if (problem) out[d.name] = problem;
  }
  return out;
}

/** `problems` as react-hook-form's nested errors ("size.width" under "size"). */
export function nest(problems: Problems): FieldErrors {
  const errors: Record<string, unknown> = {};
  for (const [path, message] of Object.entries(problems)) {
    const [head, tail] = path.split(".") as [string, string | undefined];
    const error = { type: "validate", message };
    if (tail === undefined) errors[head] = error;
    else errors[head] = { ...(errors[head] as object | undefined), [tail]: error };
  }
  return errors as FieldErrors;
}
