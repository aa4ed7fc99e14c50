import { z } from "zod";
import { MAX_TEXT_CHARS } from "@/lib/limits";
import { wideSeedField } from "@/lib/params/wide-seed";
import { field, type ModelDefinition, type ProviderDefinition } from "@/lib/providers/types";

// Inputs of fal's SD3.5 and SD3 Medium text-to-image endpoints (docs/providers/fal.md, "Input"): field names from the
// generated types (carlosdp/fal-rs), defaults and ranges from the model pages. `sync_mode`, `loras`, `controlnet` and
// `ip_adapter` are not offered: results are always collected through the queue and downloaded at once.

/** Pixel sizes of fal's presets (its ImageSize enum). */
export const presetSizes = {
  square_hd: { width: 1024, height: 1024 },
  square: { width: 512, height: 512 },
  portrait_4_3: { width: 768, height: 1024 },
  portrait_16_9: { width: 576, height: 1024 },
  landscape_4_3: { width: 1024, height: 768 },
  landscape_16_9: { width: 1024, height: 576 },
} as const;
type Preset = keyof typeof presetSizes;
const presets = Object.keys(presetSizes) as [Preset, ...Preset[]];

const side = z.number().int().min(64).max(2048);

const prompt = field(z.string().trim().min(1, "Enter a prompt.").max(MAX_TEXT_CHARS), {
  label: "Prompt",
  widget: "textarea",
  group: "prompt",
  role: "prompt",
  placeholder: "Describe the image",
  help: "What to draw. No documented limit; capped here at 10,000 characters.",
  order: 0,
});

const negativePrompt = field(z.string().max(MAX_TEXT_CHARS).optional(), {
  label: "Negative prompt",
  widget: "textarea",
  group: "prompt",
  role: "negativePrompt",
  help: "What to keep out of the image (e.g. blurry, low resolution).",
  order: 1,
});

export const presetLabels: Record<Preset, string> = {
  square_hd: "Square HD",
  square: "Square",
  portrait_4_3: "Portrait 3:4",
  portrait_16_9: "Portrait 9:16",
  landscape_4_3: "Landscape 4:3",
  landscape_16_9: "Landscape 16:9",
};

const imageSize = (dflt: Preset) =>
  field(z.union([z.enum(presets), z.object({ width: side, height: side })]), {
    label: "Image size",
    widget: "size",
    group: "size",
    role: "size",
    presetSizes,
    optionLabels: presetLabels,
    help: `A preset (default ${presetLabels[dflt]}), or a custom width and height of 64–2048 px.`,
    order: 0,
  });

const numImages = field(z.number().int().min(1).max(4), {
  label: "Images",
  widget: "slider",
  group: "main",
  role: "count",
  step: 1,
  help: "How many images to generate, 1–4.",
  order: 0,
});

const steps = (max: number, dflt: number) =>
  field(z.number().int().min(1).max(max), {
    label: "Steps",
    widget: "slider",
    group: "main",
    role: "steps",
    step: 1,
    help: `Inference steps, 1–${max} (default ${dflt}).`,
    order: 1,
  });

const guidance = (dflt: number) =>
  field(z.number().min(0).max(20), {
    label: "Guidance scale",
    widget: "slider",
    group: "main",
    role: "cfg",
    step: 0.1,
    help: `How closely to follow the prompt, 0–20 (default ${dflt}).`,
    order: 2,
  });

// A 64-bit integer (fal-rs types it i64), and fal reports the seed it picked with all its digits: past 2^53 the seed
// is held as its digits, so a reported seed can be reused as it is.
const seed = wideSeedField({ min: 0n, max: 2n ** 63n - 1n }, {
  label: "Seed",
  widget: "seed",
  group: "main",
  role: "seed",
  help: "Same seed and prompt give the same image. Empty: fal picks one and reports it.",
  order: 3,
});

const safetyChecker = field(z.boolean(), {
  label: "Safety checker",
  widget: "switch",
  group: "advanced",
  help: "Flag (and black out) images fal considers NSFW. On by default.",
  order: 0,
});

const outputFormat = field(z.enum(["jpeg", "png"]), {
  label: "Output format",
  widget: "select",
  group: "advanced",
  role: "format",
  optionLabels: { jpeg: "JPEG", png: "PNG" },
  help: "File format of the image (default JPEG).",
  order: 1,
});

// SD3 Medium only: no output format (its images are JPEG), but a prompt rewrite.
const promptExpansion = field(z.boolean(), {
  label: "Prompt expansion",
  widget: "switch",
  group: "advanced",
  help: "Let fal rewrite the prompt with more detail before generating. Off by default.",
  order: 1,
});

/** The fields every fal SD3 endpoint shares, with one model's documented defaults in the help. */
const shared = (defaultSteps: number, defaultGuidance: number, defaultSize: Preset) => ({
  prompt,
  negative_prompt: negativePrompt,
  image_size: imageSize(defaultSize),
  num_images: numImages,
  num_inference_steps: steps(50, defaultSteps),
  guidance_scale: guidance(defaultGuidance),
  seed,
  enable_safety_checker: safetyChecker,
});

const defaults = (numInferenceSteps: number, guidanceScale: number, imageSize: Preset) => ({
  prompt: "a lighthouse on a rocky cliff at dusk, dramatic sky, photograph",
  image_size: imageSize,
  num_images: 1,
  num_inference_steps: numInferenceSteps,
  guidance_scale: guidanceScale,
  enable_safety_checker: true,
});

/** An SD3.5 app's schema and defaults: Landscape 4:3 and JPEG unless asked otherwise. */
const sd35 = (steps: number, guidance: number) => ({
  schema: z.object({ ...shared(steps, guidance, "landscape_4_3"), output_format: outputFormat }),
  defaults: { ...defaults(steps, guidance, "landscape_4_3"), output_format: "jpeg" },
});

const queued = "Runs on fal's queue: submitted, then polled, then collected.";

const models: readonly ModelDefinition[] = [
  {
    id: "fal-ai/stable-diffusion-v35-large",
    label: "Stable Diffusion 3.5 Large",
    family: "sd3.5-large",
    ...sd35(28, 3.5),
    notes: `About $0.065 per megapixel. ${queued}`,
  },
  {
    // A sub-path of the Large app: submitted here, polled at the app's own URLs (docs/providers/fal.md, "Queue").
    id: "fal-ai/stable-diffusion-v35-large/turbo",
    label: "Stable Diffusion 3.5 Large Turbo",
    family: "sd3.5-large-turbo",
    ...sd35(4, 0),
    notes: `Few-step distilled Large: 4 steps, no guidance by default. ${queued}`,
  },
  {
    id: "fal-ai/stable-diffusion-v35-medium",
    label: "Stable Diffusion 3.5 Medium",
    family: "sd3.5-medium",
    ...sd35(40, 4.5),
    notes: `$0.02 per megapixel. ${queued}`,
  },
  {
    // The SD3 (not 3.5) Medium app: square by default, JPEG only, with fal's optional prompt rewrite.
    id: "fal-ai/stable-diffusion-v3-medium",
    label: "Stable Diffusion 3 Medium",
    family: "sd3-medium",
    schema: z.object({ ...shared(28, 5, "square_hd"), prompt_expansion: promptExpansion }),
    defaults: { ...defaults(28, 5, "square_hd"), prompt_expansion: false },
    notes: `$0.035 per image. ${queued}`,
  },
];

export const fal: ProviderDefinition = {
  id: "fal",
  label: "fal",
  keyEnv: "FAL_KEY",
  baseUrlEnv: "FAL_BASE_URL",
  defaultBaseUrl: "https://fal.run",
  extraBaseUrls: { queue: { env: "FAL_QUEUE_BASE_URL", defaultUrl: "https://queue.fal.run" } },
  docsUrl: "https://fal.ai/models/fal-ai/stable-diffusion-v35-large/api",
  // The queue absorbs bursts; 4 at once keeps a comparison quick without hogging an account's concurrency.
  defaultConcurrency: 4,
  models,
};
