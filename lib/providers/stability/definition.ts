import { z } from "zod";
import { imageInput } from "@/lib/providers/image-input";
import { field, type ModelDefinition, type ProviderDefinition } from "@/lib/providers/types";

// Form fields of POST /v2beta/stable-image/generate/sd3 (docs/providers/stability.md, "Request"), from the official
// OpenAPI as generated in tadasant/mcp-server-stability-ai. `mode` is not a form field here: the adapter sends
// "image-to-image" exactly when an input image is given, which is the only case the API accepts it.

export const aspectRatios = ["21:9", "16:9", "3:2", "5:4", "1:1", "4:5", "2:3", "9:16", "9:21"] as const;
/** The API's seed range: 0 means "random" (docs/providers/stability.md, "Request"). */
export const MAX_SEED = 4_294_967_294;
const dataImageUrl = /^data:image\/(png|jpeg|webp);base64,[a-z0-9+/]+={0,2}$/i;

const prompt = field(z.string().trim().min(1, "Enter a prompt.").max(10_000), {
  label: "Prompt",
  widget: "textarea",
  group: "prompt",
  role: "prompt",
  placeholder: "Describe the image",
  help: "What to draw, up to 10,000 characters.",
  order: 0,
});

const negativePrompt = field(z.string().max(10_000).optional(), {
  label: "Negative prompt",
  widget: "textarea",
  group: "prompt",
  role: "negativePrompt",
  help: "What to keep out of the image, up to 10,000 characters.",
  order: 1,
});

const aspectRatio = field(z.enum(aspectRatios), {
  label: "Aspect ratio",
  widget: "select",
  group: "size",
  role: "aspectRatio",
  help: "Width:height of the image, about 1 megapixel. Ignored with an input image (it keeps the image's shape).",
  optionLabels: {
    "21:9": "21:9 ultrawide",
    "16:9": "16:9 widescreen",
    "3:2": "3:2 landscape",
    "5:4": "5:4 landscape",
    "1:1": "1:1 square",
    "4:5": "4:5 portrait",
    "2:3": "2:3 portrait",
    "9:16": "9:16 phone",
    "9:21": "9:21 tall",
  },
});

const cfgScale = field(z.number().min(1).max(10).optional(), {
  label: "CFG scale",
  widget: "number",
  group: "main",
  role: "cfg",
  step: 0.1,
  placeholder: "Provider default",
  help: "How closely to follow the prompt, 1–10. Leave empty for Stability's default (about 4; about 1 for Turbo).",
  order: 1,
});

const seed = field(z.number().int().min(0).max(MAX_SEED).optional(), {
  label: "Seed",
  widget: "seed",
  group: "main",
  role: "seed",
  randomSeed: 0,
  help: "0–4,294,967,294; 0 or empty picks one at random. Same seed and settings give the same image.",
  order: 2,
});

const image = field(
  imageInput((v) => dataImageUrl.test(v), "Upload a PNG, JPEG or WebP image."),
  {
    label: "Input image",
    widget: "image",
    group: "main",
    role: "image",
    help: "Optional: start from this image (image-to-image). Every side at least 64 px; the whole request at most 10 MB.",
    // [C] "every side ≥64 px" (../../../docs/providers/stability.md, "Request"); the API refuses smaller with a 400.
    imageLimits: { minSide: 64 },
    order: 3,
  },
);

const strength = field(z.number().min(0).max(1).optional(), {
  label: "Image strength",
  widget: "slider",
  group: "advanced",
  role: "imageStrength",
  step: 0.01,
  help: "Only used with an input image, and required then: 0 keeps the image, 1 replaces it.",
  order: 2,
});

const outputFormat = field(z.enum(["png", "jpeg"]), {
  label: "Format",
  widget: "select",
  group: "advanced",
  role: "format",
  optionLabels: { png: "PNG", jpeg: "JPEG" },
  help: "This endpoint has no WebP. Default PNG.",
  order: 0,
});

/** Image-to-image needs a strength (the API answers 400 without one, and we apply none). */
const requiredWith = { image: ["strength"] } as const;

function strengthWithImage(value: { image?: string; strength?: number }, ctx: z.RefinementCtx): void {
  if (value.image && value.strength === undefined) {
    ctx.addIssue({ code: "custom", path: ["strength"], message: "Set a strength to use an input image." });
  }
}

const withNegative = z
  .object({ prompt, negative_prompt: negativePrompt, aspect_ratio: aspectRatio, cfg_scale: cfgScale, seed, image, strength, output_format: outputFormat })
  .superRefine(strengthWithImage);
// "negative_prompt does not work with sd3-large-turbo" (the spec's own words), so that model does not offer it.
const withoutNegative = z
  .object({ prompt, aspect_ratio: aspectRatio, cfg_scale: cfgScale, seed, image, strength, output_format: outputFormat })
  .superRefine(strengthWithImage);

const defaults = {
  prompt: "a lighthouse on a rocky cliff at dusk, dramatic sky, photograph",
  aspect_ratio: "1:1",
  seed: 0,
  strength: 0.7,
  output_format: "png",
} as const;

/** Credits per image from the spec text (1 credit = $0.01); failed generations are not charged. */
export const creditsPerImage: Record<string, number> = {
  "sd3.5-large": 6.5,
  "sd3.5-large-turbo": 4,
  "sd3.5-medium": 3.5,
  "sd3-large": 6.5,
  "sd3-large-turbo": 4,
  "sd3-medium": 3.5,
};

const model = (id: string, label: string, family: ModelDefinition["family"], note: string): ModelDefinition => ({
  id,
  label,
  family,
  schema: id === "sd3-large-turbo" ? withoutNegative : withNegative,
  defaults: { ...defaults },
  requiredWith,
  notes: `${creditsPerImage[id]} credits ($${((creditsPerImage[id] ?? 0) / 100).toFixed(3)}) per image. ${note} No style_preset: the 2025-06 spec for /sd3 does not list it.`,
});

export const stability: ProviderDefinition = {
  id: "stability",
  label: "Stability AI",
  keyEnv: "STABILITY_API_KEY",
  baseUrlEnv: "STABILITY_BASE_URL",
  defaultBaseUrl: "https://api.stability.ai",
  docsUrl: "https://platform.stability.ai/docs/api-reference#tag/Generate/paths/~1v2beta~1stable-image~1generate~1sd3/post",
  // The documented limit is 150 requests in 10 seconds; 4 at once stays far below it.
  defaultConcurrency: 4,
  models: [
    model("sd3.5-large", "Stable Diffusion 3.5 Large", "sd3.5-large", "The maker's own API; synchronous."),
    model("sd3.5-large-turbo", "Stable Diffusion 3.5 Large Turbo", "sd3.5-large-turbo", "Few-step distilled Large; synchronous."),
    model("sd3.5-medium", "Stable Diffusion 3.5 Medium", "sd3.5-medium", "Synchronous."),
    model("sd3-large", "Stable Diffusion 3 Large", "sd3-large", "SD3.0, served by Fireworks AI for Stability."),
    model("sd3-large-turbo", "Stable Diffusion 3 Large Turbo", "sd3-large-turbo", "SD3.0, served by Fireworks AI; takes no negative prompt."),
    model("sd3-medium", "Stable Diffusion 3 Medium", "sd3-medium", "SD3.0, served by Fireworks AI for Stability."),
  ],
};
