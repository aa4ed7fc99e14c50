import type { FieldRole } from "@/lib/params/field-meta";

/* Sizes read from labels and role-mapped values: no zod, so result cards can use it in the browser. */

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

export interface SizeFacts {
  roles: Partial<Record<FieldRole, string>>;
  /** The size field's presets, when it has any. */
  presetSizes?: Record<string, { width: number; height: number }> | undefined;
}

/**
 * The image size (or at least its aspect ratio) a model will produce for an input, read through field roles, so
 * cards can reserve the right box before the image arrives. Null when it cannot be told.
 */
export function sizeForInput({ roles, presetSizes }: SizeFacts, input: Record<string, unknown>): { width: number; height: number } | null {
  if (roles.size) {
    const value = input[roles.size] ?? undefined;
    if (typeof value === "string") return presetSizes?.[value] ?? null;
    if (value && typeof value === "object" && "width" in value && "height" in value) {
      return { width: Number(value.width), height: Number(value.height) };
    }
  }
  const aspect = roles.aspectRatio ? input[roles.aspectRatio] : undefined;
  if (typeof aspect === "string" && aspect !== "custom") {
    const parsed = sizeFromLabel(aspect);
    if (parsed) return parsed;
  }
  const { width: w, height: h } = roles;
  if (w && h && typeof input[w] === "number" && typeof input[h] === "number") {
    return { width: input[w], height: input[h] };
  }
  return null;
}
