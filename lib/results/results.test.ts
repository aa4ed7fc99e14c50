import { describe, expect, it } from "vitest";
import { getModel } from "@/lib/providers";
import { buildCatalog } from "@/lib/providers/catalog";
import { countWarning, knownSeed, seedUsed } from "./facts";
import { formatUsdCost, usdCost } from "./pricing";
import { tableEstimate } from "@/lib/cost/estimate";
import { errorAdvice } from "./advice";

const segmind = getModel("segmind", "stable-diffusion-3.5-large-txt2img");
const medium = getModel("aimlapi", "stable-diffusion-v3-medium");
const images = (n: number) => Array.from({ length: n }, () => ({}) as never);

describe("seedUsed", () => {
  it("prefers the provider's seed, then the one we sent, and never shows -1", () => {
    expect(seedUsed({ seed: "99", input: { seed: 5 } }, segmind)).toBe("99");
    expect(seedUsed({ seed: "-1", input: { seed: 4242 } }, segmind)).toBe("4242");
    expect(seedUsed({ seed: "-1", input: { seed: -1 } }, segmind)).toBe("random (not reported)");
    expect(seedUsed({ seed: null, input: {} }, segmind)).toBe("random (not reported)");
  });

  it("shows a 64-bit seed the provider reported, every digit", () => {
    const fal = getModel("fal", "fal-ai/stable-diffusion-v35-large");
    expect(seedUsed({ seed: "18446744073709551615", input: {} }, fal)).toBe("18446744073709551615");
    expect(knownSeed({ seed: "18446744073709551615", input: {} }, fal)).toBe("18446744073709551615");
  });
});

describe("knownSeed", () => {
  it("is null for a random seed, so 'use seed' is never offered for -1", () => {
    expect(knownSeed({ seed: "-1", input: {} }, segmind)).toBeNull();
    expect(knownSeed({ seed: "-1", input: { seed: 31 } }, segmind)).toBe("31");
  });
});

describe("countWarning", () => {
  it("says when a batch comes back short, and nothing when it matches", () => {
    expect(countWarning({ status: "succeeded", input: { batch_size: 3 }, images: images(1) }, segmind)).toBe("Asked for 3 images, got 1.");
    expect(countWarning({ status: "succeeded", input: { batch_size: 3 }, images: images(3) }, segmind)).toBeNull();
    expect(countWarning({ status: "succeeded", input: {}, images: images(1) }, segmind)).toBeNull();
    expect(countWarning({ status: "failed", input: { batch_size: 3 }, images: [] }, segmind)).toBeNull();
  });
});

describe("usdCost", () => {
  it("converts AI/ML API credits to dollars and keeps the credits beside", () => {
    const c = usdCost("aimlapi", "stable-diffusion-v35-large", { amount: 273_000, unit: "credits" });
    expect(formatUsdCost(c)).toBe("$0.136 (273,000 credits)");
  });
  it("shows dollars as reported", () => {
    expect(formatUsdCost(usdCost("segmind", "x", { amount: 0.014, unit: "usd" }))).toBe("$0.014");
  });
  it("marks a dated list price as an estimate when the provider reports none", () => {
    const c = usdCost("aimlapi", medium!.id, null, 2);
    expect(c).toMatchObject({ estimate: true, usd: 0.07 });
    expect(c?.source).toMatch(/2026-11/);
    expect(formatUsdCost(c)).toBe("$0.070 est.");
  });
  it("shows DeepInfra's reported cost as reported, and Replicate's (which reports none) as a dated estimate", () => {
    expect(formatUsdCost(usdCost("deepinfra", "stabilityai/sd3.5", { amount: 0.12, unit: "usd" }))).toBe("$0.120");
    const rep = usdCost("replicate", "stable-diffusion-3.5-large-turbo", null);
    expect(formatUsdCost(rep)).toBe("$0.040 est.");
    expect(rep?.source).toMatch(/2026-11/);
  });

  it("has a list price for every model in the registry", () => {
    for (const m of buildCatalog().models) expect(usdCost(m.provider, m.id, null), `${m.provider}/${m.id}`).not.toBeNull();
  });
});

describe("errorAdvice", () => {
  it("says the emulator is not running, not the network, when an emulated provider cannot be reached", () => {
    const p = { label: "AI/ML API", keyEnv: "AIMLAPI_API_KEY", baseUrlEnv: "AIMLAPI_BASE_URL" };
    expect(errorAdvice("network", p)).toBe("Check the server's connection and AIMLAPI_BASE_URL, then retry.");
    expect(errorAdvice("network", p, true)).toMatch(/^The built-in provider emulator is not answering: .*npm run emulator/);
  });

  it("names the variable to set for auth and not-configured failures", () => {
    const p = { label: "Segmind", keyEnv: "SEGMIND_API_KEY", baseUrlEnv: "SEGMIND_BASE_URL" };
    expect(errorAdvice("auth", p)).toContain("SEGMIND_API_KEY");
    expect(errorAdvice("not_configured", p)).toContain("SEGMIND_API_KEY");
    expect(errorAdvice("rejected", p)).toContain("SEGMIND_BASE_URL");
  });

  it("warns that a request that timed out may have been billed, as the caps count it", () => {
    expect(errorAdvice("timeout", { label: "Stability AI", keyEnv: "STABILITY_API_KEY", baseUrlEnv: "STABILITY_BASE_URL" })).toMatch(/may still have run \(and billed\)/);
  });
});

describe("a provider that bills by size (fal, per megapixel)", () => {
  const fal = (input: Record<string, unknown>) => tableEstimate({ provider: "fal", model: "fal-ai/stable-diffusion-v35-large", input: { prompt: "p", ...input } });

  it("estimates each image by the size asked for, times the images asked for", () => {
    expect(fal({ image_size: "landscape_4_3", num_images: 1 }).usd).toBeCloseTo(0.065 * 0.786432, 6);
    expect(fal({ image_size: "square_hd", num_images: 4 }).usd).toBeCloseTo(0.065 * 1.048576 * 4, 6);
    expect(fal({ image_size: { width: 2048, height: 2048 }, num_images: 1 }).usd).toBeCloseTo(0.065 * 4.194304, 6);
  });

  it("prices any count asked for, even one validation will refuse (10^10 images), without listing each image", () => {
    // The estimate runs before validation, on every edit of a grid or the form: it must not build 10^10 of anything.
    expect(fal({ image_size: "square_hd", num_images: 1e10 }).usd).toBeCloseTo(0.065 * 1.048576 * 1e10, -2);
    const segmind = tableEstimate({ provider: "segmind", model: "stable-diffusion-3.5-large-txt2img", input: { prompt: "p", batch_size: 1e10 } });
    expect(segmind).toMatchObject({ images: 1e10, source: "table" });
    expect(segmind.usd).toBeCloseTo(0.014 * 1e10, -2);
  });

  it("prices a finished generation by the images it delivered", () => {
    const cost = usdCost("fal", "fal-ai/stable-diffusion-v35-large", null, [{ width: 1024, height: 1024 }, { width: 1024, height: 1024 }]);
    expect(cost).toMatchObject({ estimate: true });
    expect(cost!.usd).toBeCloseTo(0.065 * 1.048576 * 2, 6);
    // By count alone (no sizes known), its default size.
    expect(usdCost("fal", "fal-ai/stable-diffusion-v35-large", null, 2)!.usd).toBeCloseTo(0.102, 6);
  });
});
