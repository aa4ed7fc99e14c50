import type { ModelDefinition, ProviderDefinition } from "@/lib/providers/types";
import { stabilityDefaults, stabilityInputs, type StabilityInputOptions } from "@/lib/providers/stability-inputs";

// Each official model runs its latest version; versions differ in inputs (../shared/providers.md section 13,
// point 15). We pin the schema of the version the notes confirm for each (docs/providers/replicate.md, "Inputs").

const PROMPT = "a futuristic treehouse city at sunset, intricate details of glass and wood structures";

// Large, version e6c4657f: cfg 3.5 (≤20), steps 35 (1–50), quality 90, no negative prompt.
const large: StabilityInputOptions = {
  cfg: { min: 0, max: 20, default: 3.5 },
  steps: { min: 1, max: 50, default: 35 },
  negativePrompt: false,
  outputQuality: true,
};
// Large Turbo, version c86a3e64: negative prompt, cfg 1 (1–10); no steps or quality fields.
const turbo: StabilityInputOptions = { cfg: { min: 1, max: 10, default: 1 }, negativePrompt: true, outputQuality: false };
// Medium, version 1323a3a6: negative prompt, cfg 5 (1–10); no steps or quality fields.
const medium: StabilityInputOptions = { cfg: { min: 1, max: 10, default: 5 }, negativePrompt: true, outputQuality: false };

const model = (
  id: string,
  label: string,
  family: ModelDefinition["family"],
  opts: StabilityInputOptions,
  notes: string,
): ModelDefinition => ({ id, label, family, schema: stabilityInputs(opts), defaults: stabilityDefaults(opts, PROMPT), notes });

export const replicate: ProviderDefinition = {
  id: "replicate",
  label: "Replicate",
  keyEnv: "REPLICATE_API_TOKEN",
  baseUrlEnv: "REPLICATE_BASE_URL",
  defaultBaseUrl: "https://api.replicate.com",
  docsUrl: "https://replicate.com/stability-ai/stable-diffusion-3.5-large/api",
  // 600 predictions a minute are allowed; a handful at once keeps a comparison fair to the others.
  defaultConcurrency: 4,
  models: [
    model(
      "stable-diffusion-3.5-large",
      "Stable Diffusion 3.5 Large",
      "sd3.5-large",
      large,
      "About $0.065 per image (est.). Inputs of version e6c4657f (no negative prompt); files expire after 1 h, so they are saved at once.",
    ),
    model(
      "stable-diffusion-3.5-large-turbo",
      "Stable Diffusion 3.5 Large Turbo",
      "sd3.5-large-turbo",
      turbo,
      "About $0.04 per image (est.). Inputs of version c86a3e64: cfg 1–10, no steps field.",
    ),
    model(
      "stable-diffusion-3.5-medium",
      "Stable Diffusion 3.5 Medium",
      "sd3.5-medium",
      medium,
      "Inputs of version 1323a3a6: cfg 1–10, no steps field.",
    ),
  ],
};
