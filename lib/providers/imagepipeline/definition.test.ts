import { describe, expect, it } from "vitest";
import { fieldMeta } from "@/lib/providers/types";
import { imagepipeline } from "./definition";

const model = imagepipeline.models[0]!;
const accepts = (key: string, value: unknown) => model.schema.safeParse({ ...model.defaults, [key]: value }).success;

describe("imagepipeline definition", () => {
  it("has the sd3_5 model with the docs example as defaults, which parse", () => {
    expect(imagepipeline.models.map((m) => [m.id, m.family])).toEqual([
      ["sd3_5", "sd3.5-large"],
      ["sd3", "sd3-medium"],
    ]);
    expect(model.defaults).toEqual({
      prompt: "beautiful waterfall in the rainforest, anime style",
      negative_prompt: "error, cropped, worst quality, low quality, duplicate, bad proportions, incomplete subject",
      num_inference_steps: 4,
      samples: 1,
      guidance_scale: 0,
      width: 1024,
      height: 1024,
    });
    expect(model.schema.safeParse(model.defaults).success).toBe(true);
  });

  it("gives every field its UI hints and leaves out the transport-changing fields", () => {
    for (const [key, schema] of Object.entries(model.schema.shape)) {
      const meta = fieldMeta.get(schema);
      expect(meta, key).toBeDefined();
      expect(meta?.label, key).toBeTruthy();
    }
    expect(fieldMeta.get(model.schema.shape.samples!)).toMatchObject({ role: "count" });
    expect(fieldMeta.get(model.schema.shape.width!)).toMatchObject({ role: "width", group: "size" });
    expect(model.schema.shape.webhook).toBeUndefined();
    expect(model.schema.shape.queued_image_urls).toBeUndefined();
    expect(model.schema.shape.seed).toBeUndefined();
  });

  it.each([
    ["num_inference_steps", [1, 50], [0, 51, 4.5]],
    ["samples", [1, 2], [0, 3, 1.5]],
    ["guidance_scale", [0, 20, 0.1], [-0.1, 20.1]],
    ["width", [64, 2048, 1016], [56, 2056, 1020]],
    ["height", [64, 2048, 1016], [56, 2056, 1020]],
    ["direct_link", [true, false, undefined], ["yes"]],
    ["batch_id", ["b-1", undefined], [1]],
    ["file_prefix", ["cat_", undefined], ["x".repeat(201)]],
  ] as const)("%s accepts its bounds and rejects one step past them", (key, good, bad) => {
    for (const v of good) expect(accepts(key, v), `${key}=${String(v)}`).toBe(true);
    for (const v of bad) expect(accepts(key, v), `${key}=${String(v)}`).toBe(false);
  });

  it("requires a prompt and a negative prompt", () => {
    expect(accepts("prompt", "")).toBe(false);
    expect(accepts("prompt", "x".repeat(10_000))).toBe(true);
    expect(accepts("prompt", "x".repeat(10_001))).toBe(false);
    expect(accepts("prompt", "   ")).toBe(false);
    expect(accepts("negative_prompt", "")).toBe(true);
    expect(accepts("negative_prompt", undefined)).toBe(false);
  });
});
