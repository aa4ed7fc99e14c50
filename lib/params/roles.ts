import type { z } from "zod";
import { fieldMeta, type FieldMeta, type FieldRole } from "@/lib/params/field-meta";

/** The hints of one field of an object schema, if it has any. */
export function metaOf(schema: z.ZodObject, name: string): FieldMeta | undefined {
  const s = schema.shape[name];
  return s ? fieldMeta.get(s as z.ZodType) : undefined;
}

/** Which wire field plays which role in a model's schema (e.g. seed → "seed", steps → "num_inference_steps"). */
export function fieldsByRole(schema: z.ZodObject): Partial<Record<FieldRole, string>> {
  const out: Partial<Record<FieldRole, string>> = {};
  for (const [name, fieldSchema] of Object.entries(schema.shape)) {
    const role = fieldMeta.get(fieldSchema as z.ZodType)?.role;
    if (role && !out[role]) out[role] = name;
  }
  return out;
}

/** The first field playing `role`, if any. */
export function findRole(schema: z.ZodObject, role: FieldRole): string | undefined {
  return fieldsByRole(schema)[role];
}
