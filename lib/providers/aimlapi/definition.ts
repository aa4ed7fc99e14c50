import { z } from "zod";
import { MAX_TEXT_CHARS } from "@/lib/limits";
import { wideSeedField } from "@/lib/params/wide-seed";
import { presetLabels, presetSizes } from "@/lib/providers/fal/definition";
import { field, type ModelDefinition, type ProviderDefinition } from "@/lib/providers/types";

// Source: AI/ML API OpenAPI for stable-diffusion-v35-large and stable-diffusion-v3-medium (docs/providers/aimlapi.md, "Request fields").

// The request schema is fal's (same presets, `enable_safety_checker`; docs/providers/aimlapi.md), so are the sizes.
type Preset = keyof typeof presetSizes;
const presets = Object.keys(presetSizes) as [Preset, ...Preset[]];

const side = z.number().int().min(64).max(1536).multipleOf(32);

const prompt = field(z.string().trim().min(1).max(4000), {
  label: "Prompt",
  widget: "textarea",
  group: "prompt",
  role: "prompt",
  order: 0,
  help: "What the image should show; up to 4000 characters.",
});

const negativePrompt = field(z.string().max(MAX_TEXT_CHARS).optional(), {
  label: "Negative prompt",
  widget: "textarea",
  group: "prompt",
  role: "negativePrompt",
  order: 1,
  help: "What to keep out of the image. No documented limit; capped here at 10,000 characters.",
});

const imageSize = field(z.union([z.enum(presets), z.object({ width: side, height: side })]).optional(), {
  label: "Image size",
  widget: "size",
  group: "size",
  role: "size",
  order: 0,
  presetSizes,
  optionLabels: presetLabels,
  help: "A preset, or custom width and height of 64–1536 px in multiples of 32.",
});

const numImages = field(z.number().int().min(1).max(4).optional(), {
  label: "Images",
  widget: "slider",
  group: "main",
  role: "count",
  order: 0,
  step: 1,
  help: "How many images to generate, 1–4.",
});

const steps = field(z.number().int().min(1).max(50).optional(), {
  label: "Steps",
  widget: "slider",
  group: "main",
  role: "steps",
  order: 1,
  step: 1,
  help: "Inference steps, 1–50 (default 50). More is slower and usually more detailed.",
});

// No documented default, so it stays unset unless the user picks a value: a number box can be left empty, a slider
// can't.
const guidanceScale = field(z.number().min(1).max(20).optional(), {
  label: "Guidance scale",
  widget: "number",
  group: "main",
  role: "cfg",
  order: 2,
  step: 0.1,
  placeholder: "Provider default",
  help: "How closely to follow the prompt, 1–20. Leave empty for the provider's default.",
});

// fal's 64-bit seed, from 1: the seeds it reports pass 2^53 (the docs' examples), held as digits past there.
const seed = wideSeedField({ min: 1n, max: 2n ** 63n - 1n }, {
  label: "Seed",
  widget: "seed",
  group: "main",
  role: "seed",
  order: 3,
  help: "Same seed and prompt give the same image. Whole number of 1 or more.",
});

const safetyChecker = field(z.boolean().optional(), {
  label: "Safety checker",
  widget: "switch",
  group: "advanced",
  order: 0,
  help: "Flag (and blank out) images the provider considers NSFW. On by default.",
});

const outputFormat = field(z.enum(["jpeg", "png"]).optional(), {
  label: "Output format",
  widget: "select",
  group: "advanced",
  role: "format",
  order: 1,
  optionLabels: { jpeg: "JPEG", png: "PNG" },
  help: "File format of the generated image (default JPEG).",
});

const promptExpansion = field(z.boolean().optional(), {
  label: "Prompt expansion",
  widget: "switch",
  group: "advanced",
  order: 1,
  help: "Let the provider rewrite the prompt with more detail before generating.",
});

const common = {
  prompt,
  negative_prompt: negativePrompt,
  image_size: imageSize,
  num_images: numImages,
  num_inference_steps: steps,
  guidance_scale: guidanceScale,
  seed,
  enable_safety_checker: safetyChecker,
};

const examplePrompt = "A T-Rex relaxing on a beach, lying on a sun lounger and wearing sunglasses.";

const v35LargeSchema = z.object({ ...common, output_format: outputFormat });
const v3MediumSchema = z.object({ ...common, prompt_expansion: promptExpansion });

const commonDefaults = {
  prompt: examplePrompt,
  image_size: "square_hd",
  num_images: 1,
  num_inference_steps: 50,
  enable_safety_checker: true,
} as const;

const models: readonly ModelDefinition[] = [
  {
    id: "stable-diffusion-v35-large",
    label: "Stable Diffusion 3.5 Large",
    family: "sd3.5-large",
    schema: v35LargeSchema,
    defaults: { ...commonDefaults, output_format: "jpeg" } satisfies z.input<typeof v35LargeSchema>,
    notes: "Synchronous; cost reported in AI/ML API credits.",
  },
  {
    id: "stable-diffusion-v3-medium",
    label: "Stable Diffusion 3 Medium",
    family: "sd3-medium",
    schema: v3MediumSchema,
    defaults: { ...commonDefaults } satisfies z.input<typeof v3MediumSchema>,
    notes: "Synchronous; cost reported in AI/ML API credits.",
  },
];

export const aimlapi: ProviderDefinition = {
  id: "aimlapi",
  label: "AI/ML API",
  keyEnv: "AIMLAPI_API_KEY",
  baseUrlEnv: "AIMLAPI_BASE_URL",
  defaultBaseUrl: "https://api.aimlapi.com",
  docsUrl: "https://docs.aimlapi.com/api-references/image-models/stability-ai/stable-diffusion-v35-large",
  // No published rate limit for image generation; 4 at once is polite and keeps comparisons quick.
  defaultConcurrency: 4,
  models,
};

