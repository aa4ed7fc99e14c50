import { z } from "zod";

/**
 * Parameter vocabulary shared by every provider and every UI: what a field means (role), how it is edited (widget)
 * and the hints beside its schema. Client-safe, depends only on zod, and names no provider.
 */

/** What a parameter means across providers; lets the comparison view and the form treat fields by meaning. */
export type FieldRole =
  | "prompt"
  | "negativePrompt"
  | "seed"
  | "steps"
  | "cfg"
  | "count"
  | "size"
  | "width"
  | "height"
  | "aspectRatio"
  | "format"
  | "quality"
  | "image"
  | "imageStrength"
  /** Sampling method (A1111 "Sampler"); values are the provider's own names. */
  | "sampler"
  /** Noise schedule (A1111 "Schedule type"). */
  | "scheduler";

export type Widget =
  | "textarea" // long text (prompt, negative prompt)
  | "text"
  | "number" // plain number input
  | "slider" // slider with a number input beside it
  | "select"
  | "switch"
  | "seed" // integer with randomize + lock
  | "size" // union of preset enum | {width, height}
  | "image"; // file upload sent as a data URL

export type FieldGroup = "prompt" | "size" | "main" | "advanced";

/** UI hints that live beside the schema (zod 4 registry), never in components. */
export interface FieldMeta {
  label: string;
  widget: Widget;
  group: FieldGroup;
  role?: FieldRole;
  help?: string;
  placeholder?: string;
  /** Slider/number step. */
  step?: number;
  /** Display labels for enum values (value -> label). */
  optionLabels?: Record<string, string>;
  /** Show only when another field has one of these values (e.g. width only when aspect_ratio is "custom"). */
  showWhen?: { field: string; equals: readonly (string | number | boolean)[] };
  /** For the size widget: pixel dimensions of each preset, to show and to compare. */
  presetSizes?: Record<string, { width: number; height: number }>;
  /** Order within the group (lower first). */
  order?: number;
  /** A seed field's value the provider reads as "pick one at random" (Stability's 0), within its range. */
  randomSeed?: number;
  /** For an image field: the provider's documented pixel limits, checked on the server before anything is sent. */
  imageLimits?: ImageLimits;
}

/** Documented limits on an input image's pixels (per side, and in all). */
export interface ImageLimits {
  minSide?: number;
  maxSide?: number;
  maxPixels?: number;
}

export const fieldMeta = z.registry<FieldMeta>();

/** Attach UI hints to a schema and return it, so declarations read top to bottom. */
export function field<T extends z.ZodType>(schema: T, meta: FieldMeta): T {
  fieldMeta.add(schema, meta);
  return schema;
}
