import type { z } from "zod";
import { fieldMeta, type FieldRole } from "./types";

/** Which wire field plays which role in a model's schema (e.g. seed → "seed", steps → "num_inference_steps"). */
export function fieldsByRole(schema: z.ZodObject): Partial<Record<FieldRole, string>> {
  const out: Partial<Record<FieldRole, string>> = {};
  for (const [name, fieldSchema] of Object.entries(schema.shape)) {
    const role = fieldMeta.get(fieldSchema as z.ZodType)?.role;
    if (role && !out[role]) out[role] = name;
  }
  return out;
}
