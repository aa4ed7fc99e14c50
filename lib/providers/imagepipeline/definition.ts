import { z } from "zod";
import { MAX_TEXT_CHARS } from "@/lib/limits";
import { field, fieldMeta, type ModelDefinition, type ProviderDefinition } from "@/lib/providers/types";

// The legacy /sd3_5/v1 endpoint (docs/providers/imagepipeline.md). Fields and bounds come from the docs' parameter table; where the
// table gives none, the bound here is ours and the help says so. Left out on purpose: `webhook` (the result would go
// to that URL instead of this app, so nothing could be stored) and `queued_image_urls` (links returned before the
// image exists, which would make a finished job indistinguishable from a pending one).

const dimension = (label: string, role: "width" | "height", order: number) =>
  field(z.number().int().min(64).max(2048).multipleOf(8), {
    label,
    widget: "slider",
    group: "size",
    role,
    step: 8,
    help: "Pixels; default 1024. Range undocumented: 64–2048 in steps of 8 here.",
    order,
  });

const sd35 = z.object({
  prompt: field(z.string().trim().min(1, "Enter a prompt.").max(MAX_TEXT_CHARS), {
    label: "Prompt",
    widget: "textarea",
    group: "prompt",
    role: "prompt",
    placeholder: "Describe the image",
    help: "What to draw. No documented limit; capped here at 10,000 characters.",
    order: 0,
  }),
  negative_prompt: field(z.string().max(MAX_TEXT_CHARS), {
    label: "Negative prompt",
    widget: "textarea",
    group: "prompt",
    role: "negativePrompt",
    help: "What should not appear. Required by the API; the default is the docs' example.",
    order: 1,
  }),
  width: dimension("Width", "width", 0),
  height: dimension("Height", "height", 1),
  num_inference_steps: field(z.number().int().min(1).max(50), {
    label: "Steps",
    widget: "slider",
    group: "main",
    role: "steps",
    step: 1,
    help: "Denoising steps. Range undocumented: 1–50 here. Default 4 as in the docs' example (a few-step backend); try 28–40 if images look unfinished.",
    order: 0,
  }),
  guidance_scale: field(z.number().min(0).max(20), {
    label: "Guidance (CFG)",
    widget: "slider",
    group: "main",
    role: "cfg",
    step: 0.1,
    help: "How closely to follow the prompt, 0–20. Default 0 as in the docs' example (few-step backends want 0–1); try 3.5–5 with more steps.",
    order: 1,
  }),
  samples: field(z.number().int().min(1).max(2), {
    label: "Images",
    widget: "number",
    group: "main",
    role: "count",
    step: 1,
    help: "How many images, 1–2.",
    order: 2,
  }),
  direct_link: field(z.boolean().optional(), {
    label: "Direct PNG link",
    widget: "switch",
    group: "advanced",
    help: "Return a friendly PNG link instead of the default one.",
    order: 0,
  }),
  batch_id: field(z.string().max(200).optional(), {
    label: "Batch id",
    widget: "text",
    group: "advanced",
    help: "Optional label ImagePipeline stores with the job.",
    order: 1,
  }),
  file_prefix: field(z.string().max(200).optional(), {
    label: "File prefix",
    widget: "text",
    group: "advanced",
    help: "Optional prefix for the generated file names.",
    order: 2,
  }),
});

const sd35Model: ModelDefinition = {
  id: "sd3_5",
  label: "Stable Diffusion 3.5",
  family: "sd3.5-large",
  schema: sd35,
  // The docs' request example, so the defaults are what ImagePipeline itself shows working.
  defaults: {
    prompt: "beautiful waterfall in the rainforest, anime style",
    negative_prompt: "error, cropped, worst quality, low quality, duplicate, bad proportions, incomplete subject",
    num_inference_steps: 4,
    samples: 1,
    guidance_scale: 0,
    width: 1024,
    height: 1024,
  },
  notes: "The docs' example (4 steps, guidance 0) suggests a few-step, Turbo-like backend behind this name.",
};

// /sd3/v1 takes the same fields with up to 4 samples; its example uses guidance 7 and 29 steps (the docs' SD3 page).
const sd3Model: ModelDefinition = {
  id: "sd3",
  label: "Stable Diffusion 3",
  // The only SD3 model with open weights, and so the one a host serves as "SD3".
  family: "sd3-medium",
  schema: sd35.extend({
    samples: field(z.number().int().min(1).max(4), {
      label: "Images",
      widget: "number",
      group: "main",
      role: "count",
      step: 1,
      help: "How many images, 1–4.",
      order: 2,
    }),
    // SD3's own defaults are its docs' example, not SD3.5's few-step one: the help must name them.
    num_inference_steps: field(z.number().int().min(1).max(50), {
      ...fieldMeta.get(sd35.shape.num_inference_steps)!,
      help: "Denoising steps. Range undocumented: 1–50 here. Default 29 as in the docs' SD3 example.",
    }),
    guidance_scale: field(z.number().min(0).max(20), {
      ...fieldMeta.get(sd35.shape.guidance_scale)!,
      help: "How closely to follow the prompt, 0–20. Default 7 as in the docs' SD3 example.",
    }),
  }),
  defaults: { ...sd35Model.defaults, num_inference_steps: 29, guidance_scale: 7 },
  notes: "Legacy /sd3/v1 endpoint; SD3 Medium weights assumed (the docs say only \"SD3\").",
};

export const imagepipeline: ProviderDefinition = {
  id: "imagepipeline",
  label: "ImagePipeline",
  keyEnv: "IMAGEPIPELINE_API_KEY",
  baseUrlEnv: "IMAGEPIPELINE_BASE_URL",
  defaultBaseUrl: "https://api.imagepipeline.io",
  docsUrl: "https://docs.imagepipeline.io/Optimised-base-models/Stable-Difusion-3.5",
  // No documented concurrency or rate limit: stay low so a comparison run does not trip an unknown limit.
  defaultConcurrency: 2,
  models: [sd35Model, sd3Model],
};
