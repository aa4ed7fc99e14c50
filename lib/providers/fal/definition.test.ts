import { describe, expect, it } from "vitest";
import { fieldMeta } from "@/lib/providers/types";
import { fal, presetSizes } from "./definition";

const accepts = (modelIndex: number, key: string, value: unknown) => {
  const model = fal.models[modelIndex]!;
  return model.schema.safeParse({ ...model.defaults, [key]: value }).success;
};

describe("fal definition", () => {
  it("offers SD3.5 Large, Large Turbo (a sub-path) and Medium, and SD3 Medium, with defaults that parse", () => {
    expect(fal.models.map((m) => [m.id, m.family])).toEqual([
      ["fal-ai/stable-diffusion-v35-large", "sd3.5-large"],
      ["fal-ai/stable-diffusion-v35-large/turbo", "sd3.5-large-turbo"],
      ["fal-ai/stable-diffusion-v35-medium", "sd3.5-medium"],
      ["fal-ai/stable-diffusion-v3-medium", "sd3-medium"],
    ]);
    expect(fal.models.map((m) => [m.defaults.num_inference_steps, m.defaults.guidance_scale])).toEqual([[28, 3.5], [4, 0], [40, 4.5], [28, 5]]);
    for (const m of fal.models) {
      expect(m.schema.safeParse(m.defaults).success, m.id).toBe(true);
      expect(m.defaults).toMatchObject({ num_images: 1, enable_safety_checker: true });
    }
    for (const m of fal.models.slice(0, 3)) expect(m.defaults).toMatchObject({ image_size: "landscape_4_3", output_format: "jpeg" });
  });

  it("gives SD3 Medium its own fields: square by default, a prompt rewrite, no output format", () => {
    const v3 = fal.models[3]!;
    expect(v3.defaults).toMatchObject({ image_size: "square_hd", prompt_expansion: false });
    expect(Object.keys(v3.schema.shape)).toContain("prompt_expansion");
    expect(Object.keys(v3.schema.shape)).not.toContain("output_format");
    expect(fieldMeta.get(v3.schema.shape.image_size!)?.help).toContain("default Square HD");
    expect(fieldMeta.get(fal.models[0]!.schema.shape.image_size!)?.help).toContain("default Landscape 4:3");
    expect(accepts(3, "prompt_expansion", true)).toBe(true);
    expect(accepts(3, "prompt_expansion", "yes")).toBe(false);
  });

  it("names a queue host beside the sync host, each with its own variable", () => {
    expect([fal.keyEnv, fal.baseUrlEnv, fal.defaultBaseUrl]).toEqual(["FAL_KEY", "FAL_BASE_URL", "https://fal.run"]);
    expect(fal.extraBaseUrls).toEqual({ queue: { env: "FAL_QUEUE_BASE_URL", defaultUrl: "https://queue.fal.run" } });
  });

  it("gives every field its hints; the size is a preset or {width, height}", () => {
    const schema = fal.models[0]!.schema;
    for (const [key, s] of Object.entries(schema.shape)) expect(fieldMeta.get(s)?.label, key).toBeTruthy();
    expect(fieldMeta.get(schema.shape.image_size!)).toMatchObject({ widget: "size", role: "size", presetSizes });
  });

  it.each([0, 1, 2, 3])("model %i: each numeric field accepts its bounds and rejects one step past them", (i) => {
    const cases = [
      ["num_inference_steps", [1, 50], [0, 51, 1.5]],
      ["guidance_scale", [0, 20], [-0.1, 20.1]],
      ["num_images", [1, 4], [0, 5]],
      ["seed", [0, Number.MAX_SAFE_INTEGER, undefined], [-1, 1.5]],
      ["image_size", [{ width: 64, height: 2048 }, "square_hd", "portrait_16_9"], [{ width: 63, height: 512 }, { width: 512, height: 2049 }, "square_xl"]],
      ...(i < 3 ? ([["output_format", ["jpeg", "png"], ["webp"]]] as const) : []),
    ] as const;
    for (const [key, good, bad] of cases) {
      for (const v of good) expect(accepts(i, key, v), `${key}=${JSON.stringify(v)}`).toBe(true);
      for (const v of bad) expect(accepts(i, key, v), `${key}=${JSON.stringify(v)}`).toBe(false);
    }
  });
});
