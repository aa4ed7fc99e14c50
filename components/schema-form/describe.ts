import type { z } from "zod";
import { fieldMeta, type FieldGroup, type FieldMeta, type FieldRole } from "@/lib/providers/types";

/*
 * Turns a provider's zod object schema plus its `fieldMeta` hints into plain field descriptors the form renders.
 * Pure and framework-free so it can be unit-tested against every registered model. It reads zod 4's public
 * definitions (`_zod.def`: type, innerType, checks, options, shape, entries) rather than classic-only getters, so
 * it works for any zod 4 schema; `_zod.bag` is consulted as a fallback for checks added by third parties.
 */

interface BaseDescriptor {
  /** Key in the object schema (the provider's wire name); also the react-hook-form path. */
  name: string;
  label: string;
  help?: string;
  placeholder?: string;
  group: FieldGroup;
  role?: FieldRole;
  /** `meta.order`, 0 when unset (like CSS `order`): negative moves a field up, positive down. */
  order: number;
  /** False when the schema is optional or has a default. */
  required: boolean;
  /** The schema's own `.default(...)`, if any (model defaults live in `ModelDefinition.defaults`). */
  defaultValue?: unknown;
  showWhen?: FieldMeta["showWhen"];
}

export interface TextFieldDescriptor extends BaseDescriptor {
  widget: "text" | "textarea";
  minLength?: number;
  maxLength?: number;
}

export interface NumberFieldDescriptor extends BaseDescriptor {
  widget: "number";
  min?: number;
  max?: number;
  int: boolean;
  /** Undefined means any value (a float without a step hint). */
  step?: number;
}

export interface SliderFieldDescriptor extends BaseDescriptor {
  widget: "slider";
  min: number;
  max: number;
  int: boolean;
  step: number;
}

export interface SelectOption {
  value: string | number;
  label: string;
}

export interface SelectFieldDescriptor extends BaseDescriptor {
  widget: "select";
  options: SelectOption[];
}

export interface SwitchFieldDescriptor extends BaseDescriptor {
  widget: "switch";
}

export interface SeedFieldDescriptor extends BaseDescriptor {
  widget: "seed";
  min: number;
  max: number;
}

export interface SizePreset {
  value: string;
  label: string;
  width?: number;
  height?: number;
}

export interface DimensionConstraints {
  min?: number;
  max?: number;
  step: number;
}

export interface SizeFieldDescriptor extends BaseDescriptor {
  widget: "size";
  presets: SizePreset[];
  /** Present when the schema also accepts `{ width, height }`. */
  custom?: { width: DimensionConstraints; height: DimensionConstraints };
}

export interface ImageFieldDescriptor extends BaseDescriptor {
  widget: "image";
}

export type FieldDescriptor =
  | TextFieldDescriptor
  | NumberFieldDescriptor
  | SliderFieldDescriptor
  | SelectFieldDescriptor
  | SwitchFieldDescriptor
  | SeedFieldDescriptor
  | SizeFieldDescriptor
  | ImageFieldDescriptor;

export const groupOrder: readonly FieldGroup[] = ["prompt", "size", "main", "advanced"];

type AnySchema = z.core.$ZodType;
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

const defOf = (schema: AnySchema) => schema._zod.def as unknown as LooseDef;

export class SchemaDescribeError extends Error {
  override name = "SchemaDescribeError";
}

interface Unwrapped {
  schema: AnySchema;
  meta?: FieldMeta;
  required: boolean;
  defaultValue?: unknown;
}

/** Peel optional/default/nullable/readonly/catch/pipe wrappers, picking up the outermost meta on the way. */
function unwrap(schema: AnySchema): Unwrapped {
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

interface NumberInfo {
  min?: number;
  max?: number;
  int: boolean;
  multipleOf?: number;
}

const finite = (v: unknown): v is number =>
  typeof v === "number" && Number.isFinite(v) && Math.abs(v) < Number.MAX_SAFE_INTEGER;

function numberInfo(schema: AnySchema): NumberInfo {
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

function stringLengths(schema: AnySchema): { minLength?: number; maxLength?: number } {
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
function sliderStep(info: NumberInfo, min: number, max: number): number {
  if (info.multipleOf !== undefined) return info.multipleOf;
  if (info.int) return 1;
  const span = max - min;
  return span > 0 ? 10 ** Math.floor(Math.log10(span / 100)) : 1;
}

function enumValues(schema: AnySchema): (string | number)[] | undefined {
  const def = defOf(schema);
  if (def.type === "enum" && def.entries) return [...new Set(Object.values(def.entries))];
  if (def.type === "literal" && def.values?.every((v) => typeof v === "string" || typeof v === "number")) {
    return def.values as (string | number)[];
  }
  return undefined;
}

const isString = (schema: AnySchema): boolean => {
  const def = defOf(schema);
  return def.type === "string" || (def.type === "union" && !!def.options?.every((o) => isString(unwrap(o).schema)));
};

function describeField(name: string, outer: AnySchema): FieldDescriptor {
  const { schema, meta, required, defaultValue } = unwrap(outer);
  if (!meta) {
    throw new SchemaDescribeError(
      `Field "${name}" has no UI metadata: wrap its schema with field(schema, { label, widget, group }).`,
    );
  }
  const type = defOf(schema).type;
  const fail = (expected: string): never => {
    throw new SchemaDescribeError(`Field "${name}" uses widget "${meta.widget}", which needs ${expected}, but its schema is "${type}".`);
  };
  const base: BaseDescriptor = {
    name,
    label: meta.label,
    group: meta.group,
    order: meta.order ?? 0,
    required,
    ...(defaultValue !== undefined && { defaultValue }),
    ...(meta.help !== undefined && { help: meta.help }),
    ...(meta.placeholder !== undefined && { placeholder: meta.placeholder }),
    ...(meta.role !== undefined && { role: meta.role }),
    ...(meta.showWhen !== undefined && { showWhen: meta.showWhen }),
  };

  switch (meta.widget) {
    case "text":
    case "textarea":
      if (type !== "string") fail("a string");
      return { ...base, widget: meta.widget, ...stringLengths(schema) };
    case "image":
      if (!isString(schema)) fail("a string (https URL or data URL)");
      return { ...base, widget: "image" };
    case "switch":
      if (type !== "boolean") fail("a boolean");
      return { ...base, widget: "switch" };
    case "select": {
      const values = enumValues(schema) ?? fail("an enum or literal");
      const options = values.map((value) => ({ value, label: meta.optionLabels?.[String(value)] ?? String(value) }));
      return { ...base, widget: "select", options };
    }
    case "number":
    case "slider":
    case "seed": {
      if (type !== "number") fail("a number");
      const info = numberInfo(schema);
      if (meta.widget === "seed") {
        if (!info.int) fail("an integer");
        return { ...base, widget: "seed", min: info.min ?? 0, max: info.max ?? Number.MAX_SAFE_INTEGER };
      }
      if (meta.widget === "number") {
        const step = meta.step ?? info.multipleOf ?? (info.int ? 1 : undefined);
        return {
          ...base,
          widget: "number",
          int: info.int,
          ...(info.min !== undefined && { min: info.min }),
          ...(info.max !== undefined && { max: info.max }),
          ...(step !== undefined && { step }),
        };
      }
      if (info.min === undefined || info.max === undefined) {
        throw new SchemaDescribeError(`Field "${name}" uses widget "slider", which needs .min() and .max() on its schema.`);
      }
      const step = meta.step ?? sliderStep(info, info.min, info.max);
      return { ...base, widget: "slider", min: info.min, max: info.max, int: info.int, step };
    }
    case "size":
      return { ...base, widget: "size", ...describeSize(name, schema, meta) };
  }
}

function describeSize(name: string, schema: AnySchema, meta: FieldMeta): Pick<SizeFieldDescriptor, "presets" | "custom"> {
  const def = defOf(schema);
  const members = def.type === "union" ? (def.options ?? []).map((o) => unwrap(o).schema) : [schema];
  let presets: SizePreset[] = [];
  let custom: SizeFieldDescriptor["custom"];
  for (const member of members) {
    const values = enumValues(member);
    const shape = defOf(member).shape;
    if (values) {
      presets = values.map((v) => {
        const value = String(v);
        const px = meta.presetSizes?.[value];
        return { value, label: meta.optionLabels?.[value] ?? value, ...(px && { width: px.width, height: px.height }) };
      });
    } else if (shape?.width && shape.height) {
      const dimension = (s: AnySchema): DimensionConstraints => {
        const inner = unwrap(s).schema;
        if (defOf(inner).type !== "number") throw new SchemaDescribeError(`Field "${name}": width/height must be numbers.`);
        const info = numberInfo(inner);
        return {
          step: info.multipleOf ?? 1,
          ...(info.min !== undefined && { min: info.min }),
          ...(info.max !== undefined && { max: info.max }),
        };
      };
      custom = { width: dimension(shape.width), height: dimension(shape.height) };
    } else {
      throw new SchemaDescribeError(
        `Field "${name}" uses widget "size", which needs an enum of presets and/or an object { width, height }, but found "${defOf(member).type}".`,
      );
    }
  }
  return custom ? { presets, custom } : { presets };
}

/**
 * Describe every field of a model's parameter schema, in display order (group, then `order`, then declaration).
 * Throws `SchemaDescribeError` for a field without `fieldMeta` or whose type its widget cannot edit, so a provider
 * author finds out at the first render or test run.
 */
export function describeSchema(schema: z.ZodObject): FieldDescriptor[] {
  const entries = Object.entries(schema.shape as Record<string, AnySchema>);
  const names = new Set(entries.map(([name]) => name));
  const described = entries.map(([name, fieldSchema], index) => {
    const descriptor = describeField(name, fieldSchema);
    if (descriptor.showWhen && !names.has(descriptor.showWhen.field)) {
      throw new SchemaDescribeError(`Field "${name}" has showWhen on "${descriptor.showWhen.field}", which is not in the schema.`);
    }
    return { descriptor, index };
  });
  const rank = (d: FieldDescriptor) => groupOrder.indexOf(d.group);
  described.sort(
    (a, b) =>
      rank(a.descriptor) - rank(b.descriptor) || a.descriptor.order - b.descriptor.order || a.index - b.index,
  );
  return described.map(({ descriptor }) => descriptor);
}
