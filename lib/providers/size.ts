import type { z } from "zod";
import { fieldMeta, type FieldMeta } from "./types";

function metaOf(schema: z.ZodObject, name: string): FieldMeta | undefined {
  const s = schema.shape[name];
  return s ? fieldMeta.get(s as z.ZodType) : undefined;
}

function findRole(schema: z.ZodObject, role: FieldMeta["role"]): string | undefined {
  return Object.keys(schema.shape).find((name) => metaOf(schema, name)?.role === role);
}

/** "16:9 landscape 1344x768" → 1344×768; "16:9" → 16×9 (a ratio is enough to reserve space). */
function parseRatio(text: string): { width: number; height: number } | null {
  const px = /(\d+)\s*[x×]\s*(\d+)/.exec(text);
  if (px) return { width: Number(px[1]), height: Number(px[2]) };
  const ratio = /^(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)/.exec(text);
  if (ratio) return { width: Number(ratio[1]), height: Number(ratio[2]) };
  return null;
}

/**
 * The image size (or at least its aspect ratio) a model will produce for an input, read through field roles, so
 * cards can reserve the right box before the image arrives. Null when it cannot be told.
 */
export function expectedSize(schema: z.ZodObject, input: Record<string, unknown>): { width: number; height: number } | null {
  const sizeField = findRole(schema, "size");
  if (sizeField) {
    const value = input[sizeField] ?? undefined;
    if (typeof value === "string") return metaOf(schema, sizeField)?.presetSizes?.[value] ?? null;
    if (value && typeof value === "object" && "width" in value && "height" in value) {
      return { width: Number(value.width), height: Number(value.height) };
    }
  }
  const aspectField = findRole(schema, "aspectRatio");
  const aspect = aspectField ? input[aspectField] : undefined;
  if (typeof aspect === "string" && aspect !== "custom") {
    const parsed = parseRatio(aspect);
    if (parsed) return parsed;
  }
  const w = findRole(schema, "width");
  const h = findRole(schema, "height");
  if (w && h && typeof input[w] === "number" && typeof input[h] === "number") {
    return { width: input[w], height: input[h] };
  }
  return null;
}
