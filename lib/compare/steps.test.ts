import { describe, expect, it } from "vitest";
import { getModel } from "@/lib/providers";
import { mapContext, type MapContext } from "./context";
import { dropHidden, startingInput } from "./mapping";
import { mapNumber, mapSeed } from "./map-numbers";
import { mapAspectRatio, mapSize, mapSizeUnion, mapWidthHeight } from "./map-size";
import { mapNegativePrompt, mapPrompt, truncate } from "./map-text";
import type { SharedValues } from "./types";

const models = {
  aimlapi: ["AI/ML API", getModel("aimlapi", "stable-diffusion-v35-large")!],
  segmind: ["Segmind", getModel("segmind", "stable-diffusion-3.5-large-txt2img")!],
  eachlabs: ["Eachlabs", getModel("eachlabs", "stable-diffusion-3.5-large")!],
  imagepipeline: ["ImagePipeline", getModel("imagepipeline", "sd3_5")!],
  stability: ["Stability AI", getModel("stability", "sd3.5-large")!],
} as const;

function ctxFor(id: keyof typeof models, shared: Partial<SharedValues> = {}, input: Record<string, unknown> = {}): MapContext {
  const [label, model] = models[id];
  return mapContext(label, model, { prompt: "a fox", width: 1024, height: 1024, ...shared }, input);
}

describe("mapPrompt / mapNegativePrompt", () => {
  it("cuts a prompt to the model's limit and says so", () => {
    const ctx = ctxFor("aimlapi", { prompt: "x".repeat(4005) });
    mapPrompt(ctx);
    expect(ctx.input.prompt).toHaveLength(4000);
    expect(ctx.adjustments[0]?.message).toBe("Prompt cut to AI/ML API's limit of 4000 characters.");
  });

  it("sends an empty negative prompt as empty, and drops one a model has no field for", () => {
    const ip = ctxFor("imagepipeline");
    mapNegativePrompt(ip);
    expect(ip.input.negative_prompt).toBe("");
    const each = ctxFor("eachlabs", { negativePrompt: "blurry" });
    mapNegativePrompt(each);
    expect(each.adjustments[0]).toMatchObject({ kind: "dropped", message: "Eachlabs' SD3.5 Large takes no negative prompt: not sent." });
  });

  it("truncate never splits a surrogate pair", () => {
    expect(truncate("ab😀", 3)).toBe("ab");
  });
});

describe("mapSeed / mapNumber", () => {
  it("removes a default seed when none is given, and sends a given one", () => {
    const none = ctxFor("segmind", {}, { seed: 5 });
    mapSeed(none);
    expect(none.input).not.toHaveProperty("seed");
    const some = ctxFor("segmind", { seed: 42 });
    mapSeed(some);
    expect(some.input.seed).toBe(42);
  });

  it("drops a seed the model has no field for", () => {
    const ctx = ctxFor("imagepipeline", { seed: 42 });
    mapSeed(ctx);
    expect(ctx.adjustments[0]).toMatchObject({ role: "seed", kind: "dropped" });
  });

  it("raises steps to the minimum and names the limit", () => {
    const ctx = ctxFor("imagepipeline", { steps: 0 });
    mapNumber(ctx, "steps");
    expect(ctx.input.num_inference_steps).toBe(1);
    expect(ctx.adjustments[0]?.message).toBe("Steps raised to ImagePipeline's minimum of 1.");
  });

  it("leaves the default alone when the value is not given", () => {
    const ctx = ctxFor("imagepipeline", {}, { guidance_scale: 0 });
    mapNumber(ctx, "cfg");
    expect(ctx.input.guidance_scale).toBe(0);
    expect(ctx.adjustments).toEqual([]);
  });
});

describe("mapSize and its forms", () => {
  it("union: a custom size snapped to the model's multiple", () => {
    const ctx = ctxFor("aimlapi", { width: 1000, height: 1000 });
    expect(mapSizeUnion(ctx)).toBe(true);
    expect(ctx.input.image_size).toEqual({ width: 992, height: 992 });
    expect(ctx.adjustments[0]?.kind).toBe("snapped");
  });

  it("aspect ratio: an exact preset is sent as it is, unreported", () => {
    const ctx = ctxFor("segmind", { width: 1344, height: 768 });
    expect(mapAspectRatio(ctx)).toBe(true);
    expect(ctx.input.aspect_ratio).toBe("16:9 landscape 1344x768");
    expect(ctx.adjustments).toEqual([]);
  });

  it("aspect ratio without custom: the nearest ratio, named", () => {
    const ctx = ctxFor("eachlabs", { width: 1000, height: 560 });
    expect(mapAspectRatio(ctx)).toBe(true);
    expect(ctx.input.aspect_ratio).toBe("16:9");
    expect(ctx.adjustments[0]?.kind).toBe("preset");
  });

  it("width and height: clamped into range", () => {
    const ctx = ctxFor("imagepipeline", { width: 4000, height: 1024 });
    expect(mapWidthHeight(ctx)).toBe(true);
    expect(ctx.input).toMatchObject({ width: 2048, height: 1024 });
    expect(ctx.adjustments[0]?.kind).toBe("clamped");
  });

  it("a size that is not a number keeps the default", () => {
    const ctx = ctxFor("imagepipeline", { width: Number.NaN });
    mapSize(ctx);
    expect(ctx.adjustments[0]?.kind).toBe("defaulted");
  });
});

describe("startingInput / dropHidden", () => {
  it("applies overrides for the model's own fields only", () => {
    const [, model] = models.imagepipeline;
    const input = startingInput(model, ["prompt"], { samples: 2, prompt: "ignored", nope: 1 });
    expect(input.samples).toBe(2);
    expect(input.prompt).toBe(model.defaults.prompt);
    expect(input).not.toHaveProperty("nope");
  });

  it("removes fields their showWhen hides", () => {
    const ctx = ctxFor("segmind", {}, { aspect_ratio: "1:1 square 1024x1024", width: 1024, height: 1024 });
    dropHidden(ctx);
    expect(ctx.input).not.toHaveProperty("width");
    expect(ctx.input.aspect_ratio).toBe("1:1 square 1024x1024");
  });
});

describe("mapSeed where a value means random", () => {
  it("does not send Stability seed 0 (its 'pick one at random'), and says its image will not share the seed", () => {
    const zero = ctxFor("stability", { seed: 0 });
    mapSeed(zero);
    expect(zero.input).not.toHaveProperty("seed");
    expect(zero.adjustments).toEqual([
      { role: "seed", field: "seed", kind: "defaulted", from: 0, to: undefined, message: 'Stability AI reads seed 0 as "pick one at random": none sent, so its image will not share this seed.' },
    ]);
    const seven = ctxFor("stability", { seed: 7 });
    mapSeed(seven);
    expect([seven.input.seed, seven.adjustments]).toEqual([7, []]);
  });
});
