import { z } from "zod";
import { MAX_TEXT_CHARS } from "@/lib/limits";
import { wideSeedField } from "@/lib/params/wide-seed";
import { field, type ModelDefinition, type ProviderDefinition } from "@/lib/providers/types";

// Fields from the model pages' API tab (docs/providers/deepinfra.md, "Fields"). `webhook` is left out: the
// playground collects every result itself.

const aspectRatios = ["1:1", "16:9", "21:9", "3:2", "2:3", "4:5", "5:4", "9:16", "9:21"] as const;

const schema = z.object({
  prompt: field(z.string().trim().min(1, "Enter a prompt.").max(MAX_TEXT_CHARS), {
    label: "Prompt",
    widget: "textarea",
    group: "prompt",
    role: "prompt",
    placeholder: "Describe the image",
    help: "What to draw. No documented limit; capped here at 10,000 characters.",
    order: 0,
  }),
  negative_prompt: field(z.string().max(MAX_TEXT_CHARS).optional(), {
    label: "Negative prompt",
    widget: "textarea",
    group: "prompt",
    role: "negativePrompt",
    placeholder: "What to avoid",
    order: 1,
  }),
  aspect_ratio: field(z.enum(aspectRatios), {
    label: "Aspect ratio",
    widget: "select",
    group: "size",
    role: "aspectRatio",
    help: "Width:height of the image, about 1 megapixel. DeepInfra lists no 3:4 or 4:3.",
  }),
  num_inference_steps: field(z.number().int().min(1).max(50), {
    label: "Steps",
    widget: "slider",
    group: "main",
    role: "steps",
    step: 1,
    help: "Denoising steps, 1–50. Default 35.",
    order: 0,
  }),
  guidance_scale: field(z.number().min(0).max(20), {
    label: "Guidance (CFG)",
    widget: "slider",
    group: "main",
    role: "cfg",
    step: 0.1,
    help: "How closely to follow the prompt, 0–20. Default 7.",
    order: 1,
  }),
  // 0 to 2^64−1: past 2^53 the seed is held as its digits, so the number shown is the number sent.
  seed: wideSeedField({ min: 0n, max: 2n ** 64n - 1n }, {
    label: "Seed",
    widget: "seed",
    group: "main",
    role: "seed",
    help: "Same seed and settings give the same image. Empty picks one at random.",
    order: 2,
  }),
  num_images: field(z.number().int().min(1).max(4), {
    label: "Images",
    widget: "number",
    group: "main",
    role: "count",
    step: 1,
    help: "How many images, 1–4; each is billed.",
    order: 3,
  }),
});

const defaults = {
  prompt: "a futuristic treehouse city at sunset, intricate details of glass and wood structures",
  aspect_ratio: "1:1",
  num_inference_steps: 35,
  guidance_scale: 7,
  num_images: 1,
};

const models: ModelDefinition[] = [
  {
    id: "stabilityai/sd3.5",
    label: "Stable Diffusion 3.5 Large",
    family: "sd3.5-large",
    schema,
    defaults,
    notes: "$0.06 per image, reported with each answer. Synchronous: the image comes back in the answer.",
  },
  {
    id: "stabilityai/sd3.5-medium",
    label: "Stable Diffusion 3.5 Medium",
    family: "sd3.5-medium",
    schema,
    defaults,
    // Its page lists the same fields; the ranges are taken from the Large page.
    notes: "Cost reported with each answer. Same fields as Large (its page's ranges assumed).",
  },
];

export const deepinfra: ProviderDefinition = {
  id: "deepinfra",
  label: "DeepInfra",
  keyEnv: "DEEPINFRA_API_KEY",
  baseUrlEnv: "DEEPINFRA_BASE_URL",
  defaultBaseUrl: "https://api.deepinfra.com",
  docsUrl: "https://deepinfra.com/stabilityai/sd3.5/api",
  defaultConcurrency: 4,
  models,
};
