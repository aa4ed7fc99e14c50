import { z } from "zod";

/** Every issue of a zod error, keyed by dotted field path (first message per field), for the form. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "_form";
    out[key] ??= issue.message;
  }
  return out;
}

/** Optional, default, nullable and pipe wrappers do not change which keys an object takes. */
function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (let i = 0; i < 10; i++) {
    if (current instanceof z.ZodOptional || current instanceof z.ZodNullable || current instanceof z.ZodDefault) {
      current = current.unwrap() as z.ZodType;
    } else if (current instanceof z.ZodPipe) {
      current = current.in as z.ZodType;
    } else break;
  }
  return current;
}

/** The object shapes a value may take under `schema` (several for a union such as "preset | {width, height}"). */
function objectShapes(schema: z.ZodType): Record<string, z.ZodType>[] {
  const inner = unwrap(schema);
  if (inner instanceof z.ZodObject) return [inner.shape as Record<string, z.ZodType>];
  if (inner instanceof z.ZodUnion) return (inner.options as z.ZodType[]).flatMap(objectShapes);
  return [];
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Dotted paths of the fields in `input` that `schema` does not declare, at any depth. zod's default is to strip them
 * silently, which would accept (and bill) a request whose `seed` goes to a model that takes none.
 */
export function unknownFields(schema: z.ZodType, input: unknown, prefix = ""): string[] {
  const inner = unwrap(schema);
  if (inner instanceof z.ZodArray && Array.isArray(input)) {
    return input.flatMap((item, i) => unknownFields(inner.element as z.ZodType, item, prefix ? `${prefix}.${i}` : String(i)));
  }
  const shapes = objectShapes(schema);
  if (shapes.length === 0 || !isPlainObject(input)) return [];
  const found: string[] = [];
  for (const [key, value] of Object.entries(input)) {
    const path = prefix ? `${prefix}.${key}` : key;
    const declared = shapes.map((shape) => (Object.hasOwn(shape, key) ? shape[key] : undefined)).filter((s) => s !== undefined);
    if (declared.length === 0) found.push(path);
    else found.push(...unknownFields(declared[0]!, value, path));
  }
  return found;
}
