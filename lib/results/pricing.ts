import { usdCostAt, type Cost, type ImagesBilled, type ListPrice, type UsdCost } from "./usd";

export { formatUsd, formatUsdCost, reportedUsd, usdCostAt, type Cost, type ImagesBilled, type ListPrice, type UsdCost } from "./usd";

/**
 * Per image, as compiled in late 2026 (the provider research notes): Segmind's own model page where it lists a
 * price, otherwise Stability AI's list price for the same model (1 credit = $0.01), which resellers track.
 */
export const priceTableDate = "2026-11";
const listPrices: Record<string, ListPrice> = {
  "aimlapi/stable-diffusion-v35-large": { usdPerImage: 0.065, source: "Stability AI list price (6.5 credits), 2026-11" },
  "aimlapi/stable-diffusion-v3-medium": { usdPerImage: 0.035, source: "Stability AI list price (3.5 credits), 2026-11" },
  "segmind/stable-diffusion-3.5-large-txt2img": { usdPerImage: 0.014, source: "Segmind model page, 2026-11" },
  "segmind/stable-diffusion-3.5-turbo-txt2img": { usdPerImage: 0.04, source: "Stability AI list price (4 credits), 2026-11" },
  "segmind/stable-diffusion-3-medium-txt2img": { usdPerImage: 0.039, source: "Segmind model page, 2026-11" },
  "eachlabs/stable-diffusion-3.5-large-turbo": { usdPerImage: 0.04, source: "Stability AI list price (4 credits), 2026-11" },
  "eachlabs/stable-diffusion-3.5-medium": { usdPerImage: 0.035, source: "Eachlabs model page, 2026-11" },
  "imagepipeline/sd3": { usdPerImage: 0.035, source: "Stability AI list price for SD3 Medium (3.5 credits), 2026-11" },
  "eachlabs/stable-diffusion-3.5-large": { usdPerImage: 0.065, source: "Stability AI list price (6.5 credits), 2026-11" },
  "imagepipeline/sd3_5": { usdPerImage: 0.065, source: "Stability AI list price (6.5 credits), 2026-11" },
  "replicate/stable-diffusion-3.5-large": { usdPerImage: 0.065, source: "Replicate price summaries (langmart, lumenfall), 2026-11" },
  "replicate/stable-diffusion-3.5-large-turbo": { usdPerImage: 0.04, source: "Replicate price summaries (langmart, lumenfall), 2026-11" },
  "replicate/stable-diffusion-3.5-medium": { usdPerImage: 0.035, source: "Stability AI list price (3.5 credits), 2026-11" },
  // DeepInfra reports inference_status.cost in USD with each answer; the table is only the fallback.
  "deepinfra/stabilityai/sd3.5": { usdPerImage: 0.06, source: "DeepInfra model page, 2026-11" },
  "deepinfra/stabilityai/sd3.5-medium": { usdPerImage: 0.035, source: "Stability AI list price (3.5 credits), 2026-11" },
  // fal bills SD3.5 per megapixel and reports nothing per request: priced by each image's size; per image, its
  // default 1024×768 (0.79 MP).
  "fal/fal-ai/stable-diffusion-v35-large": { usdPerImage: 0.051, usdPerMegapixel: 0.065, source: "fal: $0.065 per megapixel (langmart.ai summary), 2026-11" },
  "fal/fal-ai/stable-diffusion-v35-large/turbo": { usdPerImage: 0.051, usdPerMegapixel: 0.065, source: "fal: priced as Large, $0.065 per megapixel, 2026-11" },
  "fal/fal-ai/stable-diffusion-v35-medium": { usdPerImage: 0.016, usdPerMegapixel: 0.02, source: "fal model page (llms.txt): $0.02 per megapixel, 2026-11" },
  // SD3 Medium is fal's one per-image price.
  "fal/fal-ai/stable-diffusion-v3-medium": { usdPerImage: 0.035, source: "fal model page (llms.txt): $0.035 per image, 2026-11" },
  // Stability's own API reports no per-call cost; its documented credits per image (1 credit = $0.01).
  "stability/sd3.5-large": { usdPerImage: 0.065, source: "Stability AI pricing (6.5 credits), 2026-11" },
  "stability/sd3.5-large-turbo": { usdPerImage: 0.04, source: "Stability AI pricing (4 credits), 2026-11" },
  "stability/sd3.5-medium": { usdPerImage: 0.035, source: "Stability AI pricing (3.5 credits), 2026-11" },
  "stability/sd3-large": { usdPerImage: 0.065, source: "Stability AI pricing (6.5 credits), 2026-11" },
  "stability/sd3-large-turbo": { usdPerImage: 0.04, source: "Stability AI pricing (4 credits), 2026-11" },
  "stability/sd3-medium": { usdPerImage: 0.035, source: "Stability AI pricing (3.5 credits), 2026-11" },
};

/** The providers whose list price is per megapixel (their images' sizes price them, not their count). */
export function megapixelPricedProviders(): string[] {
  return [...new Set(Object.entries(listPrices).flatMap(([key, p]) => (p.usdPerMegapixel === undefined ? [] : [key.slice(0, key.indexOf("/"))])))];
}

/** A model's list price per image, when the table has one. */
export function listPrice(provider: string, model: string): ListPrice | undefined {
  return listPrices[`${provider}/${model}`];
}

/** The cost of one generation in dollars; null only when neither the provider nor the table knows. */
export function usdCost(provider: string, model: string, cost: Cost | null | undefined, images: ImagesBilled = 1): UsdCost | null {
  return usdCostAt(listPrice(provider, model), cost, images);
}
