import type { z } from "zod";
import type { FieldMeta } from "@/lib/params/field-meta";
import { wideRangeOf } from "@/lib/params/wide-seed";
import {
  groupOrder,
  type BaseDescriptor,
  type DimensionConstraints,
  type FieldDescriptor,
  type SizeFieldDescriptor,
  type SizePreset,
} from "@/lib/params/descriptors";
import {
  defOf,
  enumValues,
  isString,
  numberInfo,
  SchemaDescribeError,
  sliderStep,
  stringLengths,
  unwrap,
  type AnySchema,
} from "@/lib/params/zod-reading";

/*
 * Turns a model's zod object schema plus its `fieldMeta` hints into plain field descriptors the form renders.
 * Pure and framework-free so it can be unit-tested against every registered model; knows no provider.
 */

export * from "@/lib/params/descriptors";
export { SchemaDescribeError } from "@/lib/params/zod-reading";

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
      const wide = meta.widget === "seed" ? wideRangeOf(schema) : undefined;
      if (wide) {
        // Past 2^53 as digits: `min`/`max` are the nearest numbers, `wide` the exact bounds.
        return { ...base, widget: "seed", min: Number(wide.min), max: Number(wide.max), wide: { min: String(wide.min), max: String(wide.max) } };
      }
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
          ...(info.multipleOf !== undefined && { multipleOf: info.multipleOf }),
        };
      }
      if (info.min === undefined || info.max === undefined) {
        throw new SchemaDescribeError(`Field "${name}" uses widget "slider", which needs .min() and .max() on its schema.`);
      }
      const step = meta.step ?? sliderStep(info, info.min, info.max);
      const multipleOf = info.multipleOf !== undefined ? { multipleOf: info.multipleOf } : {};
      return { ...base, widget: "slider", min: info.min, max: info.max, int: info.int, step, ...multipleOf };
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
          int: info.int,
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
  let described = cache.get(schema);
  if (!described) {
    described = describeUncached(schema);
    cache.set(schema, described);
  }
  return described;
}

// Schemas are module constants, described on every render and by several lib/ callers: describe each once.
// The list is frozen, so a caller that sorts or edits it in place fails loudly instead of corrupting the cache.
const cache = new WeakMap<z.ZodObject, FieldDescriptor[]>();

function describeUncached(schema: z.ZodObject): FieldDescriptor[] {
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
  return Object.freeze(described.map(({ descriptor }) => descriptor)) as FieldDescriptor[];
}
