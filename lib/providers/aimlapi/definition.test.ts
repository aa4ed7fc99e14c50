import { describe, expect, it } from "vitest";
import { fieldMeta } from "@/lib/providers/types";
import { aimlapi } from "./definition";

const large = aimlapi.models.find((m) => m.id === "stable-diffusion-v35-large")!;
const medium = aimlapi.models.find((m) => m.id === "stable-diffusion-v3-medium")!;

function accepts(model: typeof large, patch: Record<string, unknown>): boolean {
  return model.schema.safeParse({ ...model.defaults, ...patch }).success;
}

describe.each([large, medium])("AI/ML API $id schema", (model) => {
  it("parses its defaults, which are the documented ones", () => {
    expect(model.schema.safeParse(model.defaults).success).toBe(true);
    expect(model.defaults).toMatchObject({
      image_size: "square_hd",
      num_images: 1,
      num_inference_steps: 50,
      enable_safety_checker: true,
    });
    expect(model.defaults).not.toHaveProperty("guidance_scale");
  });

  it("bounds the prompt to 1–4000 characters", () => {
    expect(accepts(model, { prompt: "a" })).toBe(true);
    expect(accepts(model, { prompt: "a".repeat(4000) })).toBe(true);
    expect(accepts(model, { prompt: "" })).toBe(false);
    expect(accepts(model, { prompt: "a".repeat(4001) })).toBe(false);
    expect(model.schema.safeParse({}).success).toBe(false);
  });

  it("bounds num_images to integers 1–4", () => {
    expect(accepts(model, { num_images: 1 })).toBe(true);
    expect(accepts(model, { num_images: 4 })).toBe(true);
    expect(accepts(model, { num_images: 0 })).toBe(false);
    expect(accepts(model, { num_images: 5 })).toBe(false);
    expect(accepts(model, { num_images: 1.5 })).toBe(false);
  });

  it("bounds the seed to integers from 1 to MAX_SAFE_INTEGER", () => {
    expect(accepts(model, { seed: 1 })).toBe(true);
    expect(accepts(model, { seed: Number.MAX_SAFE_INTEGER })).toBe(true);
    expect(accepts(model, { seed: 0 })).toBe(false);
    expect(accepts(model, { seed: Number.MAX_SAFE_INTEGER + 1 })).toBe(false);
    expect(accepts(model, { seed: 2.5 })).toBe(false);
  });

  it("takes image_size as one of six presets or a 64–1536 multiple-of-32 object", () => {
    for (const preset of ["square_hd", "square", "portrait_4_3", "portrait_16_9", "landscape_4_3", "landscape_16_9"]) {
      expect(accepts(model, { image_size: preset })).toBe(true);
    }
    expect(accepts(model, { image_size: "square_xl" })).toBe(false);
    expect(accepts(model, { image_size: { width: 64, height: 1536 } })).toBe(true);
    expect(accepts(model, { image_size: { width: 32, height: 1024 } })).toBe(false);
    expect(accepts(model, { image_size: { width: 1024, height: 1568 } })).toBe(false);
    expect(accepts(model, { image_size: { width: 1000, height: 1024 } })).toBe(false);
    expect(accepts(model, { image_size: { width: 1024 } })).toBe(false);
  });

  it("bounds guidance_scale to 1–20 and num_inference_steps to integers 1–50", () => {
    expect(accepts(model, { guidance_scale: 1 })).toBe(true);
    expect(accepts(model, { guidance_scale: 20 })).toBe(true);
    expect(accepts(model, { guidance_scale: 0.9 })).toBe(false);
    expect(accepts(model, { guidance_scale: 20.1 })).toBe(false);
    expect(accepts(model, { num_inference_steps: 1 })).toBe(true);
    expect(accepts(model, { num_inference_steps: 50 })).toBe(true);
    expect(accepts(model, { num_inference_steps: 0 })).toBe(false);
    expect(accepts(model, { num_inference_steps: 51 })).toBe(false);
    expect(accepts(model, { num_inference_steps: 20.5 })).toBe(false);
  });

  it("gives every field UI hints, with pixel sizes for each preset", () => {
    for (const [key, schema] of Object.entries(model.schema.shape)) {
      expect(fieldMeta.get(schema), key).toBeDefined();
    }
    const size = fieldMeta.get(model.schema.shape.image_size!);
    expect(size).toMatchObject({ widget: "size", role: "size", group: "size" });
    expect(size?.presetSizes).toEqual({
      square_hd: { width: 1024, height: 1024 },
      square: { width: 512, height: 512 },
      portrait_4_3: { width: 768, height: 1024 },
      portrait_16_9: { width: 576, height: 1024 },
      landscape_4_3: { width: 1024, height: 768 },
      landscape_16_9: { width: 1024, height: 576 },
    });
    expect(fieldMeta.get(model.schema.shape.seed!)).toMatchObject({ widget: "seed", role: "seed" });
  });
});

describe("AI/ML API per-model fields", () => {
  it("has output_format (jpeg|png, default jpeg) only on v35-large", () => {
    expect(large.defaults.output_format).toBe("jpeg");
    expect(accepts(large, { output_format: "png" })).toBe(true);
    expect(accepts(large, { output_format: "webp" })).toBe(false);
    expect(Object.keys(medium.schema.shape)).not.toContain("output_format");
  });

  it("has prompt_expansion only on v3-medium", () => {
    expect(accepts(medium, { prompt_expansion: true })).toBe(true);
    expect(accepts(medium, { prompt_expansion: "yes" })).toBe(false);
    expect(Object.keys(large.schema.shape)).not.toContain("prompt_expansion");
  });

  it("describes the provider", () => {
    expect(aimlapi).toMatchObject({
      id: "aimlapi",
      label: "AI/ML API",
      keyEnv: "AIMLAPI_API_KEY",
      baseUrlEnv: "AIMLAPI_BASE_URL",
      defaultBaseUrl: "https://api.aimlapi.com",
      defaultConcurrency: 4,
    });
    expect(large.family).toBe("sd3.5-large");
    expect(medium.family).toBe("sd3-medium");
  });
});
