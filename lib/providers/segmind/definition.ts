import { z } from "zod";
import { MAX_TEXT_CHARS } from "@/lib/limits";
import { field, fieldMeta, type ModelDefinition, type ProviderDefinition } from "@/lib/providers/types";
import { segmindSd3Medium } from "./sd3-medium";

// Source: the Segmind model page for stable-diffusion-3.5-large-txt2img (docs/providers/segmind.md, "Request fields").

// The page shows ten samplers "+16 more"; this is ComfyUI's late-2024 KSAMPLER_NAMES without ddim/uni_pc, which
// matches those ten and the count (inferred: docs/providers/segmind.md, "Samplers").
const samplerLabels = {
  euler: "Euler",
  euler_cfg_pp: "Euler CFG++",
  euler_ancestral: "Euler ancestral",
  euler_ancestral_cfg_pp: "Euler ancestral CFG++",
  heun: "Heun",
  heunpp2: "Heun++ 2",
  dpm_2: "DPM 2",
  dpm_2_ancestral: "DPM 2 ancestral",
  lms: "LMS",
  dpm_fast: "DPM fast",
  dpm_adaptive: "DPM adaptive",
  dpmpp_2s_ancestral: "DPM++ 2S ancestral",
  dpmpp_2s_ancestral_cfg_pp: "DPM++ 2S ancestral CFG++",
  dpmpp_sde: "DPM++ SDE",
  dpmpp_sde_gpu: "DPM++ SDE (GPU)",
  dpmpp_2m: "DPM++ 2M",
  dpmpp_2m_cfg_pp: "DPM++ 2M CFG++",
  dpmpp_2m_sde: "DPM++ 2M SDE",
  dpmpp_2m_sde_gpu: "DPM++ 2M SDE (GPU)",
  dpmpp_3m_sde: "DPM++ 3M SDE",
  dpmpp_3m_sde_gpu: "DPM++ 3M SDE (GPU)",
  ddpm: "DDPM",
  lcm: "LCM",
  ipndm: "iPNDM",
  ipndm_v: "iPNDM-V",
  deis: "DEIS",
} as const;
type Sampler = keyof typeof samplerLabels;
const samplers = Object.keys(samplerLabels) as [Sampler, ...Sampler[]];

const schedulerLabels = {
  sgm_uniform: "SGM uniform",
  normal: "Normal",
  karras: "Karras",
  exponential: "Exponential",
  simple: "Simple",
  ddim_uniform: "DDIM uniform",
  beta: "Beta",
} as const;
type Scheduler = keyof typeof schedulerLabels;
const schedulers = Object.keys(schedulerLabels) as [Scheduler, ...Scheduler[]];

const aspectRatioSizes = {
  "1:1 square 1024x1024": { width: 1024, height: 1024 },
  "3:4 portrait 896x1152": { width: 896, height: 1152 },
  "5:8 portrait 832x1216": { width: 832, height: 1216 },
  "9:16 portrait 768x1344": { width: 768, height: 1344 },
  "9:21 portrait 640x1536": { width: 640, height: 1536 },
  "4:3 landscape 1152x896": { width: 1152, height: 896 },
  "3:2 landscape 1216x832": { width: 1216, height: 832 },
  "16:9 landscape 1344x768": { width: 1344, height: 768 },
  "21:9 landscape 1536x640": { width: 1536, height: 640 },
} as const;
type AspectRatio = "custom" | keyof typeof aspectRatioSizes;
const aspectRatios = ["custom", ...Object.keys(aspectRatioSizes)] as [AspectRatio, ...AspectRatio[]];
const aspectRatioLabels = Object.fromEntries(
  aspectRatios.map((value) => {
    if (value === "custom") return [value, "Custom (width × height)"];
    const [ratio = "", orientation = "", pixels = ""] = value.split(" ");
    return [value, `${ratio} ${orientation} · ${pixels.replace("x", "×")}`];
  }),
) as Record<AspectRatio, string>;

const customOnly = { field: "aspect_ratio", equals: ["custom"] } as const;

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
    help: 'What to keep out of the image (default "low quality, blurry"). No documented limit; capped here at 10,000 characters.',
  }),
  aspect_ratio: field(z.enum(aspectRatios).optional(), {
    label: "Aspect ratio",
    widget: "select",
    group: "size",
    role: "aspectRatio",
    order: 0,
    optionLabels: aspectRatioLabels,
    presetSizes: aspectRatioSizes,
    help: "A preset size, or Custom to set width and height yourself.",
  }),
  width: field(z.number().int().min(64).max(2048).optional(), {
    label: "Width",
    widget: "slider",
    group: "size",
    role: "width",
    order: 1,
    step: 64,
    showWhen: customOnly,
    help: "Pixels, 64–2048 (default 1024). Used when the aspect ratio is Custom.",
  }),
  height: field(z.number().int().min(64).max(2048).optional(), {
    label: "Height",
    widget: "slider",
    group: "size",
    role: "height",
    order: 2,
    step: 64,
    showWhen: customOnly,
    help: "Pixels, 64–2048 (default 1024). Used when the aspect ratio is Custom.",
  }),
  batch_size: field(z.number().int().min(1).max(10).optional(), {
    label: "Images",
    widget: "slider",
    group: "main",
    role: "count",
    order: 0,
    step: 1,
    help: "How many images to generate in one batch, 1–10.",
  }),
  steps: field(z.number().int().min(10).max(70).optional(), {
    label: "Steps",
    widget: "slider",
    group: "main",
    role: "steps",
    order: 1,
    step: 1,
    help: "Inference steps, 10–70 (default 30). More is slower and usually more detailed.",
  }),
  guidance_scale: field(z.number().min(1).max(15).optional(), {
    label: "Guidance scale",
    widget: "slider",
    group: "main",
    role: "cfg",
    order: 2,
    step: 0.1,
    help: "How closely to follow the prompt, 1–15 (default 5.5).",
  }),
  // −1 asks Segmind for a random seed; the form normally sends a concrete one so the result can be reproduced.
  seed: field(z.number().int().min(-1).max(Number.MAX_SAFE_INTEGER).optional(), {
    label: "Seed",
    widget: "seed",
    group: "main",
    role: "seed",
    order: 3,
    help: "Same seed and prompt give the same image; −1 lets Segmind pick one.",
  }),
  sampler: field(z.enum(samplers), {
    label: "Sampler",
    widget: "select",
    group: "advanced",
    role: "sampler",
    order: 0,
    optionLabels: samplerLabels,
    help: "Sampling method (default Euler).",
  }),
  scheduler: field(z.enum(schedulers), {
    label: "Scheduler",
    widget: "select",
    group: "advanced",
    role: "scheduler",
    order: 1,
    optionLabels: schedulerLabels,
    help: "Noise schedule (default SGM uniform).",
  }),
  image_format: field(z.enum(["jpeg", "png", "webp"]).optional(), {
    label: "Output format",
    widget: "select",
    group: "advanced",
    role: "format",
    order: 2,
    optionLabels: { jpeg: "JPEG", png: "PNG", webp: "WebP" },
    help: "File format of the generated image (default JPEG).",
  }),
  image_quality: field(z.number().int().min(10).max(100).optional(), {
    label: "Quality",
    widget: "slider",
    group: "advanced",
    role: "quality",
    order: 3,
    step: 1,
    help: "Compression quality, 10–100 (default 95).",
  }),
});

const defaults = {
  prompt:
    "~*~ aesthetic ~*~ #boho #fashion full-body 30-something woman laying on microfloral grass, candid pose, " +
    "overlay reads Stable Diffusion 3.5, cheerful cursive typography font,",
  negative_prompt: "low quality, blurry",
  aspect_ratio: "custom",
  width: 1024,
  height: 1024,
  batch_size: 1,
  steps: 30,
  guidance_scale: 5.5,
  sampler: "euler",
  scheduler: "sgm_uniform",
  image_format: "jpeg",
  image_quality: 95,
} satisfies z.input<typeof schema>;

const models: readonly ModelDefinition[] = [
  {
    id: "stable-diffusion-3.5-large-txt2img",
    label: "Stable Diffusion 3.5 Large",
    family: "sd3.5-large",
    schema,
    defaults,
    notes: "About 17 s and $0.014 per run (Segmind's model page).",
  },
  {
    id: "stable-diffusion-3.5-turbo-txt2img",
    label: "Stable Diffusion 3.5 Large Turbo",
    family: "sd3.5-large-turbo",
    // The page gives steps "default 4" but "min 10" (providers.md 13.6): we take 4–70, so its own example runs.
    schema: schema.extend({
      steps: field(z.number().int().min(4).max(70).optional(), {
        ...fieldMeta.get(schema.shape.steps)!,
        help: "Inference steps, 4–70 (default 4; the page also says min 10).",
      }),
      // Turbo's own defaults are its page's example, not Large's: the help must name them.
      guidance_scale: field(z.number().min(1).max(15).optional(), {
        ...fieldMeta.get(schema.shape.guidance_scale)!,
        help: "How closely to follow the prompt, 1–15 (default 1, as in the page's example).",
      }),
      sampler: field(z.enum(samplers), {
        ...fieldMeta.get(schema.shape.sampler)!,
        help: "Sampling method (default DPM++ 2M, as in the page's example).",
      }),
    }),
    defaults: { ...defaults, steps: 4, guidance_scale: 1, sampler: "dpmpp_2m" },
    notes: "Same fields as Large; the page's example uses 4 steps, guidance 1, DPM++ 2M.",
  },
  segmindSd3Medium,
];

export const segmind: ProviderDefinition = {
  id: "segmind",
  label: "Segmind",
  keyEnv: "SEGMIND_API_KEY",
  baseUrlEnv: "SEGMIND_BASE_URL",
  defaultBaseUrl: "https://api.segmind.com",
  docsUrl: "https://www.segmind.com/models/stable-diffusion-3.5-large-txt2img/api",
  // Free plan: 5 requests a minute, Pro: 50. A run takes ~17 s, so 2 in flight is ~7 a minute: slightly over the
  // free plan (a 429 there carries a reset time) yet a real speed-up; 3+ would mostly buy 429s on the free plan.
  defaultConcurrency: 2,
  models,
};
