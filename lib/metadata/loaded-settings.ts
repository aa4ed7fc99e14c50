import type { z } from "zod";
import type { ModelDefinition, ProviderDefinition } from "@/lib/providers/types";

/** What loading settings from an image produces: the form input, and notes on what was and was not used. */

export type Values = Record<string, unknown>;

export interface UnusedSetting {
  key: string;
  value: string;
  reason: string;
}

export interface LoadNotes {
  fileName: string;
  /** "ours": our JSON, loaded as is; "a1111": infotext mapped onto the selected model. */
  source: "ours" | "a1111";
  /** How many of the image's settings went into the form. */
  used: number;
  unused: UnusedSetting[];
  /** Values that went in changed (nearest aspect ratio, clamped to a range), one sentence each. */
  adjustments: string[];
}

export interface LoadedSettings {
  provider: string;
  model: string;
  input: Values;
  notes: LoadNotes;
}

export interface Target {
  provider: ProviderDefinition;
  model: ModelDefinition;
}


export function fieldSchema(model: ModelDefinition, name: string): z.ZodType | undefined {
  return model.schema.shape[name] as z.ZodType | undefined;
}
