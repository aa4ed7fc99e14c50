import { z } from "zod";
import { fieldMeta } from "@/lib/providers/types";

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

const fmt = (n: number) => (Number.isSafeInteger(n) || Math.abs(n) < 1e6 ? String(n) : n.toExponential(0));

type Issue = z.core.$ZodRawIssue;

function describeNumber(label: string, range: Range, issue: Issue): string {
  const min = range.min ?? (issue.code === "too_small" ? Number(issue.minimum) : undefined);
  const max = range.max ?? (issue.code === "too_big" ? Number(issue.maximum) : undefined);
  const bounded = (n: number | undefined) => n !== undefined && Number.isFinite(n) && Math.abs(n) < Number.MAX_SAFE_INTEGER;
  if (bounded(min) && bounded(max)) return `${label} must be between ${fmt(min!)} and ${fmt(max!)}`;
  if (bounded(min)) return `${label} must be at least ${fmt(min!)}`;
  if (bounded(max)) return `${label} must be at most ${fmt(max!)}`;
  return `${label} must be a number in range`;
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
          if (issue.code === "too_small") return isPrompt ? "Write a prompt" : `Write the ${label.toLowerCase()}`;
          return `${label} must be at most ${fmt(Number(issue.maximum))} characters`;
        }
        if (issue.origin === "number" || issue.origin === "int" || issue.origin === "bigint") {
          return describeNumber(label, rangeOf(fieldSchema), issue);
        }
        return undefined;
      case "invalid_type":
        if (issue.input === undefined || issue.input === null || issue.input === "") {
          return isPrompt ? "Write a prompt" : `${label} is required`;
        }
        if (issue.expected === "int") return `${label} must be a whole number`;
        if (issue.expected === "number") return `${label} must be a number`;
        return `${label} is not valid`;
      case "not_multiple_of":
        return `${label} must be a multiple of ${fmt(Number(issue.divisor))}`;
      case "invalid_value":
        return `Pick one of the listed ${label.toLowerCase()} options`;
      case "invalid_union":
        return meta.widget === "size" ? `Pick a ${label.toLowerCase()} or enter a width and height` : `${label} is not valid`;
      case "invalid_format":
        return `${label} is not in the expected format`;
      default:
        return undefined;
    }
  };
}
