import type { z } from "zod";
import { findRole, metaOf } from "@/lib/params/roles";

/** "16:9" or "16:9 landscape 1344x768" → its ratio part ("16:9") as numbers; null for anything else. */
export function parseRatio(value: string): { label: string; w: number; h: number } | null {
  const m = /^(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)/.exec(value);
  if (!m?.[1] || !m[2]) return null;
  const w = Number(m[1]);
  const h = Number(m[2]);
  return w > 0 && h > 0 ? { label: m[0], w, h } : null;
}

/** "16:9 landscape 1344x768" → 1344×768; "16:9" → 16×9 (a ratio is enough to reserve space). */
export function sizeFromLabel(text: string): { width: number; height: number } | null {
  const px = /(\d+)\s*[x×]\s*(\d+)/.exec(text);
  if (px) return { width: Number(px[1]), height: Number(px[2]) };
  const ratio = parseRatio(text);
  return ratio ? { width: ratio.w, height: ratio.h } : null;
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
    const parsed = sizeFromLabel(aspect);
    if (parsed) return parsed;
  }
  const w = findRole(schema, "width");
  const h = findRole(schema, "height");
  if (w && h && typeof input[w] === "number" && typeof input[h] === "number") {
    return { width: input[w], height: input[h] };
  }
  return null;
}
