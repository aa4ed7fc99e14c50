import { describe, expect, it } from "vitest";
import { z } from "zod";
import { sharedSchema } from "@/lib/compare/shared";
import { getModel } from "@/lib/providers";
import { unknownFields, unknownFieldsFailure } from "./result";

const imagepipeline = getModel("imagepipeline", "sd3_5")!;
const aimlapi = getModel("aimlapi", "stable-diffusion-v35-large")!;

describe("unknownFields", () => {
  it("names a seed sent to a model that takes none", () => {
    expect(unknownFields(imagepipeline.schema, { ...imagepipeline.defaults, seed: 42 })).toEqual(["seed"]);
    expect(unknownFields(imagepipeline.schema, imagepipeline.defaults)).toEqual([]);
  });

  it("looks inside nested objects and unions (custom sizes)", () => {
    const input = { ...aimlapi.defaults, image_size: { width: 512, height: 512, depth: 3 } };
    expect(unknownFields(aimlapi.schema, input)).toEqual(["image_size.depth"]);
    expect(unknownFields(aimlapi.schema, { ...aimlapi.defaults, image_size: "square_hd" })).toEqual([]);
  });

  it("looks inside arrays, and at the comparison's shared values", () => {
    const schema = z.object({ targets: z.array(z.object({ provider: z.string() })) });
    expect(unknownFields(schema, { targets: [{ provider: "a" }, { provider: "b", seed: 1 }] })).toEqual(["targets.1.seed"]);
    expect(unknownFields(sharedSchema, { prompt: "x", size: "1:1", steps: 4, sampler: "euler" })).toEqual(["sampler"]);
  });

  it("says which fields, as a form error per field", () => {
    expect(unknownFieldsFailure(["seed"], "ImagePipeline Stable Diffusion 3.5")).toEqual({
      ok: false,
      code: "invalid_input",
      message: 'Unknown field "seed": ImagePipeline Stable Diffusion 3.5 does not take it.',
      fieldErrors: { seed: "Unknown field." },
    });
    expect(unknownFieldsFailure([], "x")).toBeNull();
  });
});

describe("free-text limits", () => {
  it("cap a negative prompt without a documented limit at 10,000 characters", () => {
    for (const [provider, model] of [["aimlapi", "stable-diffusion-v35-large"], ["segmind", "stable-diffusion-3.5-large-txt2img"]] as const) {
      const m = getModel(provider, model)!;
      expect(m.schema.safeParse({ ...m.defaults, negative_prompt: "n".repeat(10_000) }).success, provider).toBe(true);
      expect(m.schema.safeParse({ ...m.defaults, negative_prompt: "n".repeat(10_001) }).success, provider).toBe(false);
    }
  });
});

describe("actions taking one of several shapes", () => {
  it("refuse a body that mixes them instead of acting on one part", async () => {
    const { deleteItems } = await import("./delete-items");
    const id = "5f0c6a3e-8a8b-4c1e-9a51-3f1f2b9b7c10";
    await expect(deleteItems({ runIds: [id], generationId: id })).resolves.toMatchObject({ ok: false, code: "invalid_input" });
  });
});
