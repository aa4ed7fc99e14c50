import { describe, expect, it } from "vitest";
import { generation } from "@/lib/metadata/generation.test-helpers";
import { parseReuseMode, reuseGeneration, reuseHref } from "./reuse";

const segmindInput = { prompt: "p", steps: 40, seed: 12, sampler: "heun", scheduler: "karras" };
const g = generation({ provider: "segmind", model: "stable-diffusion-3.5-large-txt2img", input: segmindInput, seed: "12" });
const current = { provider: "aimlapi", model: "stable-diffusion-v35-large", values: { prompt: "mine", num_inference_steps: 20 } };

describe("reuseGeneration", () => {
  it("all: that model and input, seed locked", () => {
    expect(reuseGeneration(g, "all", current)).toEqual({
      provider: "segmind",
      model: "stable-diffusion-3.5-large-txt2img",
      input: segmindInput,
      seedLocked: true,
    });
  });

  it("all: the seed the provider reports wins over a random request (−1)", () => {
    const random = { ...g, input: { ...segmindInput, seed: -1 }, seed: "31337" };
    expect(reuseGeneration(random, "all", current).input.seed).toBe(31337);
  });

  it("all: a 64-bit seed the field cannot hold is not loaded, and the seed is left unlocked rather than locked empty", () => {
    const fal = generation({ provider: "fal", model: "fal-ai/stable-diffusion-v35-large", input: { prompt: "p" }, seed: "18446744073709551615" });
    const r = reuseGeneration(fal, "all", current);
    expect(r.input).not.toHaveProperty("seed");
    expect(r.seedLocked).toBe(false);
    expect(() => reuseGeneration(fal, "seed", { ...current, provider: "fal", model: "fal-ai/stable-diffusion-v35-large" })).toThrow(
      /does not accept seed 18446744073709551615/,
    );
  });

  it("all and seed: a DeepInfra seed past 2^53 comes back with every digit, locked", () => {
    for (const seed of ["12345678901234567891", "18446744073709551615"]) {
      const di = generation({ provider: "deepinfra", model: "stabilityai/sd3.5", input: { prompt: "p" }, seed });
      expect(reuseGeneration(di, "all", current)).toMatchObject({ input: { prompt: "p", seed }, seedLocked: true });
      const here = { provider: "deepinfra", model: "stabilityai/sd3.5-medium", values: { prompt: "mine" } };
      expect(reuseGeneration(di, "seed", here)).toMatchObject({ input: { prompt: "mine", seed }, seedLocked: true });
    }
  });

  it("all and seed: a seed fal or AI/ML API picked past 2^53 (as their docs' examples show) is reused whole, locked", () => {
    for (const [provider, model] of [["fal", "fal-ai/stable-diffusion-v35-large"], ["aimlapi", "stable-diffusion-v35-large"]] as const) {
      const g64 = generation({ provider, model, input: { prompt: "p" }, seed: "6199662706750842000" });
      expect(reuseGeneration(g64, "all", current)).toMatchObject({ input: { prompt: "p", seed: "6199662706750842000" }, seedLocked: true });
      const here = { provider, model, values: { prompt: "mine" } };
      expect(reuseGeneration(g64, "seed", here)).toMatchObject({ input: { prompt: "mine", seed: "6199662706750842000" }, seedLocked: true });
    }
  });

  it("remix: that model and input without the seed, unlocked", () => {
    const r = reuseGeneration(g, "remix", current);
    expect(r.input).toEqual({ prompt: "p", steps: 40, sampler: "heun", scheduler: "karras" });
    expect(r.seedLocked).toBe(false);
  });

  it("seed: the current model and form with only the seed set, locked", () => {
    expect(reuseGeneration(g, "seed", current)).toMatchObject({
      provider: "aimlapi",
      model: "stable-diffusion-v35-large",
      input: { prompt: "mine", num_inference_steps: 20, seed: 12 },
      seedLocked: true,
    });
  });

  it("seed: says why when it cannot", () => {
    expect(() => reuseGeneration({ ...g, seed: null }, "seed", current)).toThrow("That generation has no recorded seed.");
    expect(() => reuseGeneration({ ...g, seed: "0" }, "seed", current)).toThrow(
      "AI/ML API Stable Diffusion 3.5 Large does not accept seed 0.",
    );
    const ip = { provider: "imagepipeline", model: "sd3_5", values: null };
    expect(() => reuseGeneration(g, "seed", ip)).toThrow("ImagePipeline Stable Diffusion 3.5 has no seed setting.");
    expect(() => reuseGeneration({ ...g, model: "retired" }, "all", current)).toThrow("no longer offered");
  });

  it("modes parse from the URL, defaulting to all", () => {
    expect(parseReuseMode("remix")).toBe("remix");
    expect(parseReuseMode(null)).toBe("all");
    expect(parseReuseMode("bogus")).toBe("all");
    expect(reuseHref("a b", "seed")).toBe("/?use=a%20b&mode=seed");
  });
});
