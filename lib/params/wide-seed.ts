import { z } from "zod";
import { field, type FieldMeta } from "@/lib/params/field-meta";
import { seedBigInt, seedValueOf, wideSeedProblem, type WideRange } from "@/lib/params/seed-digits";

/*
 * Seeds whose documented range passes 2^53 (DeepInfra's 0 to 2^64−1). A JS number loses digits there, so such a
 * field takes a whole number up to 2^53−1 as a number and any larger one as its decimal digits ("18446744073709551615"),
 * checked exactly against the range. The form, the API, the stored input and reuse all carry that same value; the
 * adapter writes the digits as a JSON number (lib/providers/http.ts `wireJson`).
 */

const wideRanges = new WeakMap<z.core.$ZodType, WideRange>();

/** The exact range of a wide seed schema (the field itself, under optional), or undefined for any other schema. */
export function wideRangeOf(schema: z.core.$ZodType | undefined): WideRange | undefined {
  let current = schema;
  for (let i = 0; current && i < 5; i++) {
    const range = wideRanges.get(current);
    if (range) return range;
    current = (current._zod.def as { innerType?: z.core.$ZodType }).innerType;
  }
  return undefined;
}

/**
 * A seed field whose range passes 2^53, declared once with its UI hints (the label words its messages). Optional:
 * empty asks for a random seed. The API's JSON schema shows both forms the field takes.
 */
export function wideSeedField(range: WideRange, meta: FieldMeta & { widget: "seed" }) {
  const safeMax = range.max < BigInt(Number.MAX_SAFE_INTEGER) ? Number(range.max) : Number.MAX_SAFE_INTEGER;
  const schema = z
    .custom<number | string>(() => true)
    .check((ctx) => {
      const message = wideSeedProblem(meta.label, range, ctx.value);
      if (message) ctx.issues.push({ code: "custom", message, input: ctx.value, continue: false });
    })
    .meta({
      anyOf: [
        { type: "integer", minimum: Number(range.min), maximum: safeMax },
        { type: "string", pattern: "^\\d+$", description: `Digits, for a seed past ${Number.MAX_SAFE_INTEGER}: up to ${range.max}.` },
      ],
    } as Record<string, unknown>);
  wideRanges.set(schema, range);
  return field(schema.optional(), meta);
}

/**
 * The value a model's seed field holds for a seed given as digits (a stored or reported one), or undefined when the
 * field cannot hold it: a number while exact, its digits past 2^53 for a wide field. Never rounded.
 */
export function seedValueFor(schema: z.ZodType, digits: string): number | string | undefined {
  const n = seedBigInt(digits.trim());
  if (n === undefined) return undefined;
  const value = seedValueOf(n);
  return schema.safeParse(value).success ? value : undefined;
}
