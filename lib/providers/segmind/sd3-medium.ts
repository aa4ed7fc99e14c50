import { z } from "zod";
import { MAX_TEXT_CHARS } from "@/lib/limits";
import { field, type ModelDefinition } from "@/lib/providers/types";

// SD3 Medium has its own schema on Segmind (docs/providers/segmind.md, "SD3 Medium"): the field names and every
// default come from the model page's example; the page gives no ranges, so those below are inferred [I] and named
// in each field's help.

// A1111-style names; the page shows "DPM++ 2M" only, the rest are the usual A1111 list [I].
const schedulers = ["DPM++ 2M", "DPM++ 2M Karras", "DPM++ SDE", "DPM++ SDE Karras", "Euler", "Euler a", "DDIM", "UniPC"] as const;

const schema = z.object({
  prompt: field(z.string().trim().min(1).max(MAX_TEXT_CHARS), {
    label: "Prompt",
    widget: "textarea",
    group: "prompt",
    role: "prompt",
    order: 0,
    help: "What the image should show. Segmind documents no limit; capped at 10,000 characters here.",
  }),
  negative_prompt: field(z.string().max(MAX_TEXT_CHARS).optional(), {
    label: "Negative prompt",
    widget: "textarea",
    group: "prompt",
    role: "negativePrompt",
    order: 1,
    help: "What to keep out of the image.",
  }),
  img_width: field(z.number().int().min(256).max(2048).multipleOf(64), {
    label: "Width",
    widget: "number",
    group: "size",
    role: "width",
    order: 0,
    step: 64,
    help: "256–2048 px in steps of 64 (assumed; the page's example is 1024).",
  }),
  img_height: field(z.number().int().min(256).max(2048).multipleOf(64), {
    label: "Height",
    widget: "number",
    group: "size",
    role: "height",
    order: 1,
    step: 64,
    help: "256–2048 px in steps of 64 (assumed; the page's example is 1024).",
  }),
  num_inference_steps: field(z.number().int().min(1).max(100), {
    label: "Steps",
    widget: "slider",
    group: "main",
    role: "steps",
    order: 0,
    step: 1,
    help: "Inference steps, 1–100 (assumed range; default 25).",
  }),
  guidance_scale: field(z.number().min(1).max(25), {
    label: "Guidance scale",
    widget: "slider",
    group: "main",
    role: "cfg",
    order: 1,
    step: 0.1,
    help: "How closely to follow the prompt, 1–25 (assumed range; default 5).",
  }),
  seed: field(z.number().int().min(-1).max(Number.MAX_SAFE_INTEGER).optional(), {
    label: "Seed",
    widget: "seed",
    group: "main",
    role: "seed",
    order: 2,
    help: "Same seed and prompt give the same image; −1 lets Segmind pick one.",
  }),
  samples: field(z.number().int().min(1).max(4), {
    label: "Images",
    widget: "number",
    group: "main",
    role: "count",
    order: 3,
    step: 1,
    help: "How many images, 1–4; each is billed.",
  }),
  scheduler: field(z.enum(schedulers), {
    label: "Scheduler",
    widget: "select",
    group: "advanced",
    role: "sampler",
    order: 0,
    help: "Sampler, by its A1111 name (default DPM++ 2M).",
  }),
  denoise: field(z.number().min(0).max(1), {
    label: "Denoise",
    widget: "slider",
    group: "advanced",
    order: 1,
    step: 0.01,
    help: "Denoising strength, 0–1 (default 1: a fresh image).",
  }),
  modelsamplingsd3_shift: field(z.number().min(0).max(20), {
    label: "Sampling shift",
    widget: "slider",
    group: "advanced",
    order: 2,
    step: 0.1,
    help: "ComfyUI ModelSamplingSD3 shift, 0–20 (assumed range; default 3).",
  }),
  conditioningsettimesteprange_start: field(z.number().min(0).max(1), {
    label: "Negative conditioning from",
    widget: "slider",
    group: "advanced",
    order: 3,
    step: 0.01,
    help: "Where in the schedule the negative prompt starts to apply, 0–1 (default 0.1).",
  }),
  conditioningsettimesteprange_stop: field(z.number().min(0).max(1), {
    label: "Negative conditioning to",
    widget: "slider",
    group: "advanced",
    order: 4,
    step: 0.01,
    help: "Where it stops applying, 0–1 (default 1).",
  }),
});

export const segmindSd3Medium: ModelDefinition = {
  id: "stable-diffusion-3-medium-txt2img",
  label: "Stable Diffusion 3 Medium",
  family: "sd3-medium",
  schema,
  defaults: {
    prompt: "a whimsical, highly realistic panda in a vintage cosmonaut suit holding a sign that reads 'I love flying to the moon!'",
    negative_prompt: "bad quality, poor quality, doll, disfigured, jpg, toy, bad anatomy, missing limbs, missing fingers, 3d, cgi",
    img_width: 1024,
    img_height: 1024,
    num_inference_steps: 25,
    guidance_scale: 5,
    samples: 1,
    scheduler: "DPM++ 2M",
    denoise: 1,
    modelsamplingsd3_shift: 3,
    conditioningsettimesteprange_start: 0.1,
    conditioningsettimesteprange_stop: 1,
  },
  notes: "About 7 s and $0.039 per run (Segmind's model page). Its own schema; ranges the page omits are assumed.",
};
