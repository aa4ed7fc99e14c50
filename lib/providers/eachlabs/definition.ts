import { z } from "zod";
import { MAX_IMAGE_BYTES } from "@/lib/limits";
import { field, type ModelDefinition, type ProviderDefinition } from "@/lib/providers/types";
import { stabilityDefaults, stabilityInputs, type StabilityInputOptions } from "@/lib/providers/stability-inputs";

// Inputs follow Replicate's stability-ai SD3.5 Large schema (docs/providers/eachlabs.md, "Model and inputs"): the model page's example plus the
// llms.txt ranges of its sibling models. Large has no negative_prompt.

const aspectRatios = ["1:1", "16:9", "21:9", "3:2", "2:3", "4:5", "5:4", "3:4", "4:3", "9:16", "9:21"] as const;

/** Data URLs of up to this many decoded bytes: the playground's one upload limit (lib/limits.ts). */
export const maxImageBytes = MAX_IMAGE_BYTES;
const dataImageUrl = /^data:image\/[a-z0-9.+-]+;base64,[a-z0-9+/]+={0,2}$/i;

function isHttpsUrl(v: string): boolean {
  return /^https:\/\/\S+$/i.test(v) && URL.canParse(v);
}

function base64Bytes(dataUrl: string): number {
  const payload = dataUrl.slice(dataUrl.indexOf(",") + 1);
  return Math.floor((payload.length * 3) / 4) - (payload.endsWith("==") ? 2 : payload.endsWith("=") ? 1 : 0);
}

const sd35Large = z.object({
  prompt: field(z.string().trim().min(1, "Enter a prompt.").max(2000), {
    label: "Prompt",
    widget: "textarea",
    group: "prompt",
    role: "prompt",
    placeholder: "Describe the image",
    help: "What to draw. No documented limit; capped here at 2000 characters.",
    order: 0,
  }),
  aspect_ratio: field(z.enum(aspectRatios), {
    label: "Aspect ratio",
    widget: "select",
    group: "size",
    role: "aspectRatio",
    help: "Width:height of the image, about 1 megapixel.",
    optionLabels: {
      "1:1": "1:1 square",
      "16:9": "16:9 widescreen",
      "21:9": "21:9 ultrawide",
      "3:2": "3:2 landscape",
      "2:3": "2:3 portrait",
      "4:5": "4:5 portrait",
      "5:4": "5:4 landscape",
      "3:4": "3:4 portrait",
      "4:3": "4:3 landscape",
      "9:16": "9:16 phone",
      "9:21": "9:21 tall",
    },
  }),
  cfg: field(z.number().min(0).max(20), {
    label: "Guidance (CFG)",
    widget: "slider",
    group: "main",
    role: "cfg",
    step: 0.1,
    help: "How closely to follow the prompt, 0–20. Default 3.5.",
    order: 1,
  }),
  steps: field(z.number().int().min(1).max(50), {
    label: "Steps",
    widget: "slider",
    group: "main",
    role: "steps",
    step: 1,
    help: "Denoising steps, 1–50. More is slower and more detailed. Default 35.",
    order: 0,
  }),
  seed: field(z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(), {
    label: "Seed",
    widget: "seed",
    group: "main",
    role: "seed",
    help: "Same seed and settings give the same image.",
    order: 2,
  }),
  image: field(
    z
      .string()
      // A data URL of the largest image, or a URL of a sensible length.
      .max(Math.ceil(MAX_IMAGE_BYTES / 3) * 4 + 100, "The image must be at most 10 MB.")
      .refine((v) => v === "" || isHttpsUrl(v) || dataImageUrl.test(v), "Use an https:// URL or an uploaded image.")
      .refine((v) => !v.startsWith("data:") || base64Bytes(v) <= maxImageBytes, "The image must be at most 10 MB.")
      .optional(),
    {
      label: "Input image",
      widget: "image",
      group: "main",
      role: "image",
      help: "Optional: start from this image (image-to-image). An https:// URL or an upload up to 10 MB.",
      order: 3,
    },
  ),
  prompt_strength: field(z.number().min(0).max(1), {
    label: "Prompt strength",
    widget: "slider",
    group: "advanced",
    role: "imageStrength",
    step: 0.01,
    help: "Only used with an input image: 0 keeps the image, 1 replaces it. Default 0.85.",
    order: 2,
  }),
  output_format: field(z.enum(["webp", "jpg", "png"]), {
    label: "Format",
    widget: "select",
    group: "advanced",
    role: "format",
    optionLabels: { webp: "WebP", jpg: "JPEG", png: "PNG" },
    order: 0,
  }),
  output_quality: field(z.number().int().min(0).max(100), {
    label: "Quality",
    widget: "slider",
    group: "advanced",
    role: "quality",
    step: 1,
    help: "Compression quality 0–100 for JPEG and WebP; PNG ignores it. Default 90.",
    order: 1,
  }),
});

const sd35LargeModel: ModelDefinition = {
  id: "stable-diffusion-3.5-large",
  label: "Stable Diffusion 3.5 Large",
  family: "sd3.5-large",
  schema: sd35Large,
  defaults: {
    // The model page's own example prompt: a fresh form can run as is.
    prompt: "a futuristic treehouse city at sunset, intricate details of glass and wood structures",
    aspect_ratio: "1:1",
    cfg: 3.5,
    steps: 35,
    prompt_strength: 0.85,
    output_format: "webp",
    output_quality: 90,
  },
  notes: "About 8 s per image (model page). Runs as a prediction that is created, then polled.",
};

// Large Turbo: the page's example (cfg 1, steps 4) and Replicate's turbo-like version 5f78b950 (steps 1–10) [I].
const turbo: StabilityInputOptions = { cfg: { min: 0, max: 20, default: 1 }, steps: { min: 1, max: 10, default: 4 }, negativePrompt: false, outputQuality: true };
// Medium: its llms.txt [C]: cfg 0–20 (5), steps 1–50 (40), quality 0–100 (90).
const medium: StabilityInputOptions = { cfg: { min: 0, max: 20, default: 5 }, steps: { min: 1, max: 50, default: 40 }, negativePrompt: false, outputQuality: true };
const PROMPT = "a futuristic treehouse city at sunset, intricate details of glass and wood structures";

const sd35TurboModel: ModelDefinition = {
  id: "stable-diffusion-3.5-large-turbo",
  label: "Stable Diffusion 3.5 Large Turbo",
  family: "sd3.5-large-turbo",
  schema: stabilityInputs(turbo),
  defaults: stabilityDefaults(turbo, PROMPT),
  notes: "Steps 1–10 assumed from Replicate's turbo schema (the page shows only its example: 4 steps, cfg 1).",
};

const sd35MediumModel: ModelDefinition = {
  id: "stable-diffusion-3.5-medium",
  label: "Stable Diffusion 3.5 Medium",
  family: "sd3.5-medium",
  schema: stabilityInputs(medium),
  defaults: stabilityDefaults(medium, PROMPT),
  // llms.txt spells the slug with dashes; the page's examples use the dotted one, as the other models do.
  notes: "$0.035 per run, about 8 s (model page). Slug as in the page's examples (stable-diffusion-3.5-medium).",
};

export const eachlabs: ProviderDefinition = {
  id: "eachlabs",
  label: "Eachlabs",
  keyEnv: "EACHLABS_API_KEY",
  baseUrlEnv: "EACHLABS_BASE_URL",
  defaultBaseUrl: "https://api.eachlabs.ai",
  docsUrl: "https://www.eachlabs.ai/ai-models/stable-diffusion-3-5-large/api",
  // The model page says 10 concurrent predictions at most (and 60 requests a minute).
  defaultConcurrency: 10,
  models: [sd35LargeModel, sd35TurboModel, sd35MediumModel],
};
