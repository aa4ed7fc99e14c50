import type { ModelDefinition, ProviderDefinition } from "@/lib/providers/types";
import { stabilityDefaults, stabilityInputs, type StabilityInputOptions } from "@/lib/providers/stability-inputs";

// Inputs follow Replicate's stability-ai SD3.5 Large schema (docs/providers/eachlabs.md, "Model and inputs"): the model page's example plus the
// llms.txt ranges of its sibling models, built like every other version of that schema (lib/providers/stability-inputs.ts).
// Large has no negative_prompt.

const PROMPT = "a futuristic treehouse city at sunset, intricate details of glass and wood structures";
// Large: the model page's example (cfg 3.5, steps 35) and the llms.txt ranges of its siblings (cfg 0–20, steps 1–50).
const large: StabilityInputOptions = { cfg: { min: 0, max: 20, default: 3.5 }, steps: { min: 1, max: 50, default: 35 }, negativePrompt: false, outputQuality: true };
const sd35Large = stabilityInputs(large);

const sd35LargeModel: ModelDefinition = {
  id: "stable-diffusion-3.5-large",
  label: "Stable Diffusion 3.5 Large",
  family: "sd3.5-large",
  schema: sd35Large,
  // The model page's own example prompt: a fresh form can run as is.
  defaults: stabilityDefaults(large, PROMPT),
  notes: "About 8 s per image (model page). Runs as a prediction that is created, then polled.",
};

// Large Turbo: the page's example (cfg 1, steps 4) and Replicate's turbo-like version 5f78b950 (steps 1–10) [I].
const turbo: StabilityInputOptions = { cfg: { min: 0, max: 20, default: 1 }, steps: { min: 1, max: 10, default: 4 }, negativePrompt: false, outputQuality: true };
// Medium: its llms.txt [C]: cfg 0–20 (5), steps 1–50 (40), quality 0–100 (90).
const medium: StabilityInputOptions = { cfg: { min: 0, max: 20, default: 5 }, steps: { min: 1, max: 50, default: 40 }, negativePrompt: false, outputQuality: true };

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
