import { z } from "zod";
import { wideSeedField } from "@/lib/params/wide-seed";
import { field } from "@/lib/providers/types";

/** Common sizes people compare at (the SD3 family's ~1 MP buckets); any other size is "Custom". */
export const sizePresets = {
  "1:1": { width: 1024, height: 1024 },
  "4:3": { width: 1152, height: 896 },
  "3:2": { width: 1216, height: 832 },
  "16:9": { width: 1344, height: 768 },
  "21:9": { width: 1536, height: 640 },
  "3:4": { width: 896, height: 1152 },
  "2:3": { width: 832, height: 1216 },
  "9:16": { width: 768, height: 1344 },
} as const;
type SizePreset = keyof typeof sizePresets;
const presetNames = Object.keys(sizePresets) as [SizePreset, ...SizePreset[]];

const dimension = z.number().int().min(64).max(2048);

/**
 * The values a comparison writes once for every target. Declared like a model schema (with UI hints), so the same
 * schema-form renders it and the same schema validates it on the server.
 */
export const sharedSchema = z.object({
  prompt: field(z.string().trim().min(1, "Write a prompt.").max(4000), {
    label: "Prompt",
    widget: "textarea",
    group: "prompt",
    role: "prompt",
    help: "Sent to every target (cut to a model's limit if it has a shorter one, and reported).",
  }),
  negativePrompt: field(z.string().max(4000).optional(), {
    label: "Negative prompt",
    widget: "textarea",
    group: "prompt",
    role: "negativePrompt",
    help: "Not every model takes one; the preview says which don't.",
  }),
  size: field(z.union([z.enum(presetNames), z.object({ width: dimension, height: dimension })]), {
    label: "Size",
    widget: "size",
    group: "size",
    role: "size",
    presetSizes: sizePresets,
    help: "Mapped to each model's sizes: presets, multiples, or the nearest aspect ratio.",
  }),
  // As wide as any model's seed (DeepInfra's 0 to 2^64−1); each target gets it fitted to its own range.
  seed: wideSeedField({ min: 0n, max: 2n ** 64n - 1n }, {
    label: "Seed",
    widget: "seed",
    group: "main",
    role: "seed",
    help: "The same seed everywhere, so differences come from the provider.",
  }),
  steps: field(z.number().int().min(1).max(100).optional(), {
    label: "Steps",
    widget: "number",
    group: "main",
    role: "steps",
    placeholder: "Each model's default",
    help: "Empty: each model's default. Clamped to each model's range.",
  }),
  cfg: field(z.number().min(0).max(30).optional(), {
    label: "Guidance (CFG)",
    widget: "number",
    group: "main",
    role: "cfg",
    step: 0.1,
    placeholder: "Each model's default",
    help: "Empty: each model's default. Clamped to each model's range.",
  }),
});

export type SharedForm = z.infer<typeof sharedSchema>;

export const sharedDefaults: SharedForm = {
  prompt: "A lighthouse on a rocky cliff at dusk, warm light in the windows, long exposure sea",
  size: "1:1",
};

/** The form's size field as pixels. */
export function sizeOf(form: Pick<SharedForm, "size">): { width: number; height: number } {
  return typeof form.size === "string" ? sizePresets[form.size] : form.size;
}
