import type { FieldRole } from "@/lib/params/field-meta";

/** The comparison's vocabulary: what is written once, and what each target is sent instead. */

export interface SharedValues {
  prompt: string;
  /** Empty string = none. */
  negativePrompt?: string;
  /** Integer ≥ 0, as its digits past 2^53 (lib/params/wide-seed.ts); undefined = none. */
  seed?: number | string;
  /** Requested pixels. */
  width: number;
  height: number;
  /** Undefined = each model's default. */
  steps?: number;
  /** Undefined = each model's default. */
  cfg?: number;
}

export type AdjustmentKind = "clamped" | "snapped" | "preset" | "dropped" | "truncated" | "defaulted";

export interface Adjustment {
  /** Which shared value ("size" for the requested width × height). */
  role: FieldRole;
  /** The model's wire field it went to (null when dropped). For a width/height pair, the width field. */
  field: string | null;
  kind: AdjustmentKind;
  /** What the person asked for ({ width, height } for size). */
  from: unknown;
  /** What will be sent (undefined when dropped): a preset/ratio string or { width, height } for size. */
  to: unknown;
  /** One plain sentence. */
  message: string;
}

export interface MappedTarget {
  /** Full form input for the model: defaults, then overrides, then mapped shared values. */
  input: Record<string, unknown>;
  adjustments: Adjustment[];
  /** The model's fields the shared form covers (wire names, schema order), as `sharedFieldNames(model)`. */
  sharedFields: string[];
}
