import { z } from "zod";
import { MAX_TEXT_CHARS } from "@/lib/limits";
import { imageInput } from "@/lib/providers/image-input";
import { field } from "@/lib/providers/types";

/**
 * Stability AI's own input schema for SD3.5 as hosted on Replicate (stability-ai/stable-diffusion-3.5-*), which
 * Eachlabs reuses: one builder, because the versions differ only in ranges and in which fields they list
 * (../shared/providers.md sections 3 and 7; docs/providers/replicate.md, "Inputs").
 */

export const stabilityAspectRatios = ["1:1", "16:9", "21:9", "3:2", "2:3", "4:5", "5:4", "3:4", "4:3", "9:16", "9:21"] as const;

const aspectLabels: Record<string, string> = {
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
};

const dataImageUrl = /^data:image\/[a-z0-9.+-]+;base64,[a-z0-9+/]+={0,2}$/i;

function isHttpsUrl(v: string): boolean {
  return /^https:\/\/\S+$/i.test(v) && URL.canParse(v);
}

export interface StabilityInputOptions {
  cfg: { min: number; max: number; default: number };
  /** Absent when the version takes no steps field. */
  steps?: { min: number; max: number; default: number };
  negativePrompt: boolean;
  outputQuality: boolean;
}

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
  placeholder: "What to avoid",
  order: 1,
});

const aspectRatio = field(z.enum(stabilityAspectRatios), {
  label: "Aspect ratio",
  widget: "select",
  group: "size",
  role: "aspectRatio",
  help: "Width:height of the image, about 1 megapixel.",
  optionLabels: aspectLabels,
});

const cfg = (r: StabilityInputOptions["cfg"]) =>
  field(z.number().min(r.min).max(r.max), {
    label: "Guidance (CFG)",
    widget: "slider",
    group: "main",
    role: "cfg",
    step: 0.1,
    help: `How closely to follow the prompt, ${r.min}–${r.max}. Default ${r.default}.`,
    order: 1,
  });

const steps = (r: NonNullable<StabilityInputOptions["steps"]>) =>
  field(z.number().int().min(r.min).max(r.max), {
    label: "Steps",
    widget: "slider",
    group: "main",
    role: "steps",
    step: 1,
    help: `Denoising steps, ${r.min}–${r.max}. More is slower and more detailed. Default ${r.default}.`,
    order: 0,
  });

const seed = field(z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(), {
  label: "Seed",
  widget: "seed",
  group: "main",
  role: "seed",
  help: "Same seed and settings give the same image.",
  order: 2,
});

const image = field(
  imageInput((v) => isHttpsUrl(v) || dataImageUrl.test(v), "Use an https:// URL or an uploaded image."),
  {
    label: "Input image",
    widget: "image",
    group: "main",
    role: "image",
    help: "Optional: start from this image (image-to-image). An https:// URL or an upload up to 10 MB.",
    order: 3,
  },
);

// Optional: text-to-image does not use it, and with an image the provider applies its documented 0.85 when it is left
// out (an API request may omit it; the form starts from 0.85 and sends it).
const promptStrength = field(z.number().min(0).max(1).optional(), {
  label: "Prompt strength",
  widget: "slider",
  group: "advanced",
  role: "imageStrength",
  step: 0.01,
  help: "Only used with an input image: 0 keeps the image, 1 replaces it. Default 0.85.",
  order: 2,
});

const outputFormat = field(z.enum(["webp", "jpg", "png"]), {
  label: "Format",
  widget: "select",
  group: "advanced",
  role: "format",
  optionLabels: { webp: "WebP", jpg: "JPEG", png: "PNG" },
  order: 0,
});

const outputQuality = field(z.number().int().min(0).max(100), {
  label: "Quality",
  widget: "slider",
  group: "advanced",
  role: "quality",
  step: 1,
  help: "Compression quality 0–100 for JPEG and WebP; PNG ignores it. Default 90.",
  order: 1,
});

export function stabilityInputs(opts: StabilityInputOptions) {
  return z.object({
    prompt,
    ...(opts.negativePrompt ? { negative_prompt: negativePrompt } : {}),
    aspect_ratio: aspectRatio,
    cfg: cfg(opts.cfg),
    ...(opts.steps ? { steps: steps(opts.steps) } : {}),
    seed,
    image,
    prompt_strength: promptStrength,
    output_format: outputFormat,
    ...(opts.outputQuality ? { output_quality: outputQuality } : {}),
  });
}

/** A fresh form for `stabilityInputs(opts)`: the version's documented defaults. */
export function stabilityDefaults(opts: StabilityInputOptions, prompt: string): Record<string, unknown> {
  return {
    prompt,
    aspect_ratio: "1:1",
    cfg: opts.cfg.default,
    ...(opts.steps ? { steps: opts.steps.default } : {}),
    prompt_strength: 0.85,
    output_format: "webp",
    ...(opts.outputQuality ? { output_quality: 90 } : {}),
  };
}

/** The set fields; without an input image, `prompt_strength` means nothing and is not sent. */
export function stabilityWireInput(input: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) if (value !== undefined && value !== null && value !== "") out[key] = value;
  if (typeof out.image !== "string") {
    delete out.image;
    delete out.prompt_strength;
  }
  return out;
}
