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

/** A zod error map for one object schema whose fields carry `field(..., { label })` hints. */
export function humanErrorMap(schema: z.ZodObject): z.core.$ZodErrorMap {
  const shape = schema.shape as Record<string, z.ZodType>;
  return (issue) => {
    const name = issue.path?.[0];
    const fieldSchema = typeof name === "string" ? shape[name] : undefined;
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
