import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { fieldMeta } from "@/lib/providers/types";
import { segmind } from "./definition";

const model = segmind.models[0]!;
const shape = model.schema.shape;

function accepts(patch: Record<string, unknown>): boolean {
  return model.schema.safeParse({ ...model.defaults, ...patch }).success;
}

function bounds(key: string, low: number, high: number, stepPast: number) {
  expect(accepts({ [key]: low }), `${key}=${low}`).toBe(true);
  expect(accepts({ [key]: high }), `${key}=${high}`).toBe(true);
  expect(accepts({ [key]: low - stepPast }), `${key}=${low - stepPast}`).toBe(false);
  expect(accepts({ [key]: high + stepPast }), `${key}=${high + stepPast}`).toBe(false);
}

describe("Segmind SD3.5 Large schema", () => {
  it("parses its defaults, which are the documented ones", () => {
    expect(model.schema.safeParse(model.defaults).success).toBe(true);
    expect(model.defaults).toMatchObject({
      negative_prompt: "low quality, blurry",
      steps: 30,
      guidance_scale: 5.5,
      sampler: "euler",
      scheduler: "sgm_uniform",
      aspect_ratio: "custom",
      width: 1024,
      height: 1024,
      batch_size: 1,
      image_format: "jpeg",
      image_quality: 95,
    });
    expect(model.defaults).not.toHaveProperty("base64");
    expect(Object.keys(shape)).not.toContain("base64");
  });

  it("requires a prompt of at most 10,000 characters (no limit is documented), a sampler and a scheduler", () => {
    expect(accepts({ prompt: "a".repeat(10_000) })).toBe(true);
    expect(accepts({ prompt: "a".repeat(10_001) })).toBe(false);
    expect(accepts({ prompt: "" })).toBe(false);
    expect(accepts({ prompt: "   " })).toBe(false);
    expect(accepts({ sampler: undefined })).toBe(false);
    expect(accepts({ scheduler: undefined })).toBe(false);
  });

  it("bounds the numeric fields and rejects fractions where integers are documented", () => {
    bounds("steps", 10, 70, 1);
    bounds("guidance_scale", 1, 15, 0.1);
    bounds("width", 64, 2048, 1);
    bounds("height", 64, 2048, 1);
    bounds("batch_size", 1, 10, 1);
    bounds("image_quality", 10, 100, 1);
    bounds("seed", -1, Number.MAX_SAFE_INTEGER, 1);
    for (const key of ["steps", "width", "height", "batch_size", "image_quality", "seed"]) {
      expect(accepts({ [key]: 30.5 }), key).toBe(false);
    }
    expect(accepts({ guidance_scale: 7.3 })).toBe(true);
  });

  it("accepts exactly the documented enum values", () => {
    const samplers = (shape.sampler as z.ZodEnum).options;
    expect(samplers).toHaveLength(26);
    expect(samplers.slice(0, 10)).toEqual([
      "euler",
      "euler_cfg_pp",
      "euler_ancestral",
      "euler_ancestral_cfg_pp",
      "heun",
      "heunpp2",
      "dpm_2",
      "dpm_2_ancestral",
      "lms",
      "dpm_fast",
    ]);
    expect(accepts({ sampler: "deis" })).toBe(true);
    expect(accepts({ sampler: "ddim" })).toBe(false);
    for (const s of ["sgm_uniform", "normal", "karras", "exponential", "simple", "ddim_uniform", "beta"]) {
      expect(accepts({ scheduler: s })).toBe(true);
    }
    expect(accepts({ scheduler: "kl_optimal" })).toBe(false);
    for (const f of ["jpeg", "png", "webp"]) expect(accepts({ image_format: f })).toBe(true);
    expect(accepts({ image_format: "gif" })).toBe(false);
  });

  it("takes the ten documented aspect ratio strings, with readable labels", () => {
    const ratios = [
      "custom",
      "1:1 square 1024x1024",
      "3:4 portrait 896x1152",
      "5:8 portrait 832x1216",
      "9:16 portrait 768x1344",
      "9:21 portrait 640x1536",
      "4:3 landscape 1152x896",
      "3:2 landscape 1216x832",
      "16:9 landscape 1344x768",
      "21:9 landscape 1536x640",
    ];
    expect((shape.aspect_ratio as z.ZodOptional<z.ZodEnum>).unwrap().options).toEqual(ratios);
    expect(accepts({ aspect_ratio: "1:1" })).toBe(false);
    const meta = fieldMeta.get(shape.aspect_ratio!);
    expect(meta).toMatchObject({ widget: "select", role: "aspectRatio", group: "size" });
    expect(meta?.optionLabels?.["16:9 landscape 1344x768"]).toBe("16:9 landscape · 1344×768");
    expect(Object.keys(meta?.optionLabels ?? {})).toEqual(ratios);
  });

  it("shows width and height only for a custom aspect ratio, and hints every field", () => {
    for (const key of ["width", "height"]) {
      expect(fieldMeta.get(shape[key]!)?.showWhen).toEqual({ field: "aspect_ratio", equals: ["custom"] });
    }
    for (const [key, schema] of Object.entries(shape)) expect(fieldMeta.get(schema), key).toBeDefined();
    expect(fieldMeta.get(shape.seed!)).toMatchObject({ widget: "seed", role: "seed" });
    expect(fieldMeta.get(shape.batch_size!)).toMatchObject({ role: "count" });
  });

  it("describes the provider", () => {
    expect(segmind).toMatchObject({
      id: "segmind",
      keyEnv: "SEGMIND_API_KEY",
      baseUrlEnv: "SEGMIND_BASE_URL",
      defaultBaseUrl: "https://api.segmind.com",
      defaultConcurrency: 2,
    });
    expect(model).toMatchObject({ id: "stable-diffusion-3.5-large-txt2img", family: "sd3.5-large" });
  });
});
