import type { z } from "zod";
import { fieldsByRole, metaOf } from "@/lib/params/roles";
import { sizeForInput } from "@/lib/params/size-labels";

export { parseRatio, sizeFromLabel } from "@/lib/params/size-labels";

/**
 * The image size (or at least its aspect ratio) a model will produce for an input, read through field roles, so
 * cards can reserve the right box before the image arrives. Null when it cannot be told.
 */
export function expectedSize(schema: z.ZodObject, input: Record<string, unknown>): { width: number; height: number } | null {
  const roles = fieldsByRole(schema);
  return sizeForInput({ roles, presetSizes: roles.size ? metaOf(schema, roles.size)?.presetSizes : undefined }, input);
}
