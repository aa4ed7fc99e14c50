import { z } from "zod";
import { fieldMeta } from "@/lib/params/field-meta";
import { words } from "./words";

/*
 * Validation messages in words, built from each field's label and range ("Steps must be between 1 and 50",
 * "Write a prompt") instead of zod's defaults ("Too big: expected number to be <=50"). Used as the per-parse error
 * map on the client (zodResolver) and the server, so both say the same thing. A message written on the schema itself
 * (a refine's text) still wins: zod prefers schema-level messages over this map.
 */

interface Range {
  min?: number;
  max?: number;
}

const rangeCache = new WeakMap<z.ZodType, Range>();

function rangeOf(schema: z.ZodType): Range {
  let range = rangeCache.get(schema);
  if (!range) {
    range = {};
    try {
      const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
      const num = (k: string) => (typeof json[k] === "number" ? (json[k] as number) : undefined);
      const min = num("minimum") ?? num("minLength");
      const max = num("maximum") ?? num("maxLength");
      if (min !== undefined) range.min = min;
      if (max !== undefined) range.max = max;
    } catch {
      // Unrepresentable: the issue's own bound is used instead.
    }
    rangeCache.set(schema, range);
  }
  return range;
}

type Issue = z.core.$ZodRawIssue;

function describeNumber(label: string, range: Range, issue: Issue): string {
  const min = range.min ?? (issue.code === "too_small" ? Number(issue.minimum) : undefined);
  const max = range.max ?? (issue.code === "too_big" ? Number(issue.maximum) : undefined);
  return words.range(label, min, max);
}

/** The schema an object key leads to, through optional/default/nullable wrappers; undefined off the objects. */
function child(schema: z.ZodType | undefined, key: PropertyKey): z.ZodType | undefined {
  let current = schema;
  while (current && !(current instanceof z.ZodObject)) {
    const inner = (current._zod.def as { innerType?: z.ZodType }).innerType;
    if (!inner) return undefined;
    current = inner;
  }
  return typeof key === "string" ? (current?.shape as Record<string, z.ZodType> | undefined)?.[key] : undefined;
}

/**
 * The labelled field an issue is about: the schema at its whole path when that carries hints (a request's `shared.steps`),
 * else the top-level field it lies under (a custom size's `image_size.width` speaks of the Size field).
 */
function labelledField(schema: z.ZodObject, path: readonly PropertyKey[]): z.ZodType | undefined {
  let leaf: z.ZodType | undefined = schema;
  for (const key of path) leaf = child(leaf, key);
  if (leaf && path.length > 0 && fieldMeta.get(leaf)) return leaf;
  return child(schema, path[0] ?? "");
}

/** A zod error map for an object schema whose fields (at any depth of plain objects) carry `field(..., { label })` hints. */
export function humanErrorMap(schema: z.ZodObject): z.core.$ZodErrorMap {
  return (issue) => {
    const fieldSchema = labelledField(schema, issue.path ?? []);
    const meta = fieldSchema ? fieldMeta.get(fieldSchema) : undefined;
    if (!fieldSchema || !meta) return undefined;
    const label = meta.label;
    const isPrompt = meta.role === "prompt";
    switch (issue.code) {
      case "too_small":
      case "too_big":
        if (issue.origin === "string") {
          if (issue.code === "too_small") return words.tooShort(label, isPrompt);
          return words.tooLong(label, Number(issue.maximum));
        }
        if (issue.origin === "number" || issue.origin === "int" || issue.origin === "bigint") {
          return describeNumber(label, rangeOf(fieldSchema), issue);
        }
        return undefined;
      case "invalid_type":
        if (issue.input === undefined || issue.input === null || issue.input === "") {
          return words.required(label, isPrompt);
        }
        if ((issue.expected === "number" || issue.expected === "int") && typeof issue.input === "string" && /^-?\d+(\.\d+)?$/.test(issue.input)) {
          return words.numberNotText(label, issue.input);
        }
        if (issue.expected === "int") return words.wholeNumber(label);
        if (issue.expected === "number") return words.number(label);
        return words.notValid(label);
      case "not_multiple_of":
        return words.multipleOf(label, Number(issue.divisor));
      case "invalid_value":
        return words.pickOption(label);
      case "invalid_union":
        return meta.widget === "size" ? words.pickSize(label) : words.notValid(label);
      case "invalid_format":
        return words.format(label);
      default:
        return undefined;
    }
  };
}
