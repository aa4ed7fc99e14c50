import { describe, expect, it } from "vitest";
import { z } from "zod";
import { allTargets } from "@/lib/providers";
import { field } from "@/lib/providers/types";
import { describeSchema, type FieldDescriptor } from "./describe";

const side = z.number().int().min(64).max(1536).multipleOf(32);

const fixture = z.object({
  // Declared out of display order on purpose: sorting is by group, then order, then declaration.
  steps: field(z.number().int().min(1).max(50).default(28), {
    label: "Steps",
    widget: "slider",
    group: "main",
    order: 1,
    help: "More is slower.",
  }),
  cfg: field(z.number().min(1).max(20).optional(), { label: "CFG scale", widget: "slider", group: "main", order: 0 }),
  guidance: field(z.number().min(0).multipleOf(0.5).optional(), { label: "Guidance", widget: "number", group: "main", order: 2 }),
  strength: field(z.number().min(0).max(1).optional(), { label: "Strength", widget: "number", group: "advanced", step: 0.05 }),
  prompt: field(z.string().min(1).max(4000), {
    label: "Prompt",
    widget: "textarea",
    group: "prompt",
    role: "prompt",
    placeholder: "A cat",
  }),
  negative_prompt: field(z.string().max(2000).optional(), { label: "Negative prompt", widget: "textarea", group: "prompt", order: 1 }),
  style_preset: field(z.string().optional(), { label: "Style", widget: "text", group: "advanced" }),
  output_format: field(z.enum(["jpeg", "png", "webp"]).default("jpeg"), {
    label: "Output format",
    widget: "select",
    group: "advanced",
    optionLabels: { jpeg: "JPEG", png: "PNG" },
  }),
  samples: field(z.literal([1, 2, 4]).optional(), { label: "Samples", widget: "select", group: "main", order: 5 }),
  safety: field(z.boolean().default(true), { label: "Safety checker", widget: "switch", group: "advanced", order: -1 }),
  seed: field(z.number().int().min(0).max(4294967295).optional(), { label: "Seed", widget: "seed", group: "main", order: 9 }),
  image_size: field(
    z.union([z.enum(["square_hd", "landscape_16_9"]), z.object({ width: side, height: side })]).default("square_hd"),
    {
      label: "Image size",
      widget: "size",
      group: "size",
      optionLabels: { square_hd: "Square HD" },
      presetSizes: { square_hd: { width: 1024, height: 1024 }, landscape_16_9: { width: 1024, height: 576 } },
    },
  ),
  aspect_ratio: field(z.enum(["1:1", "16:9", "custom"]).optional(), { label: "Aspect ratio", widget: "select", group: "size" }),
  width: field(side.optional(), {
    label: "Width",
    widget: "number",
    group: "size",
    order: 1,
    showWhen: { field: "aspect_ratio", equals: ["custom"] },
  }),
  image: field(z.string().optional(), { label: "Init image", widget: "image", group: "advanced", order: 3 }),
});

function byName(descriptors: FieldDescriptor[], name: string): FieldDescriptor {
  const found = descriptors.find((d) => d.name === name);
  if (!found) throw new Error(`no descriptor ${name}`);
  return found;
}

describe("describeSchema", () => {
  const descriptors = describeSchema(fixture);

  it("orders by group, then order, then declaration", () => {
    expect(descriptors.map((d) => d.name)).toEqual([
      "prompt",
      "negative_prompt",
      "image_size",
      "aspect_ratio",
      "width",
      "cfg",
      "steps",
      "guidance",
      "samples",
      "seed",
      "safety",
      "strength",
      "style_preset",
      "output_format",
      "image",
    ]);
  });

  it("describes text areas with length limits and hints", () => {
    expect(byName(descriptors, "prompt")).toEqual({
      name: "prompt",
      label: "Prompt",
      widget: "textarea",
      group: "prompt",
      role: "prompt",
      order: 0,
      required: true,
      placeholder: "A cat",
      minLength: 1,
      maxLength: 4000,
    });
    expect(byName(descriptors, "negative_prompt")).toMatchObject({ widget: "textarea", required: false, maxLength: 2000 });
    expect(byName(descriptors, "negative_prompt")).not.toHaveProperty("minLength");
    expect(byName(descriptors, "style_preset")).toMatchObject({ widget: "text", required: false });
  });

  it("describes sliders with range, integer-ness, step and default", () => {
    expect(byName(descriptors, "steps")).toMatchObject({
      widget: "slider",
      min: 1,
      max: 50,
      int: true,
      step: 1,
      required: false,
      defaultValue: 28,
      help: "More is slower.",
    });
    // Float slider without a hint: a power-of-ten step giving about a hundred positions.
    expect(byName(descriptors, "cfg")).toMatchObject({ widget: "slider", min: 1, max: 20, int: false, step: 0.1 });
  });

  it("describes number inputs, taking the step from meta, then multipleOf", () => {
    expect(byName(descriptors, "guidance")).toMatchObject({ widget: "number", min: 0, int: false, step: 0.5 });
    expect(byName(descriptors, "guidance")).not.toHaveProperty("max");
    expect(byName(descriptors, "strength")).toMatchObject({ widget: "number", min: 0, max: 1, step: 0.05 });
    expect(byName(descriptors, "width")).toMatchObject({ widget: "number", min: 64, max: 1536, int: true, step: 32 });
  });

  it("describes selects from enums and literals, labelling from optionLabels", () => {
    expect(byName(descriptors, "output_format")).toMatchObject({
      widget: "select",
      required: false,
      defaultValue: "jpeg",
      options: [
        { value: "jpeg", label: "JPEG" },
        { value: "png", label: "PNG" },
        { value: "webp", label: "webp" },
      ],
    });
    expect(byName(descriptors, "samples")).toMatchObject({
      widget: "select",
      options: [
        { value: 1, label: "1" },
        { value: 2, label: "2" },
        { value: 4, label: "4" },
      ],
    });
  });

  it("describes switches, seeds and images", () => {
    expect(byName(descriptors, "safety")).toMatchObject({ widget: "switch", defaultValue: true, order: -1 });
    expect(byName(descriptors, "seed")).toMatchObject({ widget: "seed", min: 0, max: 4294967295, required: false });
    expect(byName(descriptors, "image")).toMatchObject({ widget: "image", required: false });
  });

  it("describes the size union: presets with labels and pixels, custom constraints", () => {
    expect(byName(descriptors, "image_size")).toMatchObject({
      widget: "size",
      defaultValue: "square_hd",
      presets: [
        { value: "square_hd", label: "Square HD", width: 1024, height: 1024 },
        { value: "landscape_16_9", label: "landscape_16_9", width: 1024, height: 576 },
      ],
      custom: { width: { min: 64, max: 1536, step: 32 }, height: { min: 64, max: 1536, step: 32 } },
    });
  });

  it("keeps showWhen", () => {
    expect(byName(descriptors, "width").showWhen).toEqual({ field: "aspect_ratio", equals: ["custom"] });
  });

  it("finds meta registered on an inner schema and unwraps nullable and preprocess", () => {
    const [d] = describeSchema(
      z.object({
        n: z
          .preprocess((v) => (v === "" ? undefined : v), field(z.number().int().gt(0).lt(10), { label: "N", widget: "number", group: "main" }))
          .nullable()
          .optional(),
      }),
    );
    expect(d).toMatchObject({ name: "n", widget: "number", min: 1, max: 9, int: true, step: 1, required: false });
  });

  it("uses a seed's full integer range when unbounded", () => {
    const [d] = describeSchema(z.object({ seed: field(z.int().optional(), { label: "Seed", widget: "seed", group: "main" }) }));
    expect(d).toMatchObject({ widget: "seed", min: 0, max: Number.MAX_SAFE_INTEGER });
  });

  it("throws a clear error for a field without meta", () => {
    expect(() => describeSchema(z.object({ mystery: z.string() }))).toThrow(/"mystery" has no UI metadata/);
  });

  it("throws when the widget cannot edit the type", () => {
    const wrongType = z.object({ steps: field(z.string(), { label: "Steps", widget: "slider", group: "main" }) });
    expect(() => describeSchema(wrongType)).toThrow(/"steps" uses widget "slider", which needs a number/);
    const unbounded = z.object({ steps: field(z.number(), { label: "Steps", widget: "slider", group: "main" }) });
    expect(() => describeSchema(unbounded)).toThrow(/needs \.min\(\) and \.max\(\)/);
    const notEnum = z.object({ fmt: field(z.string(), { label: "Format", widget: "select", group: "main" }) });
    expect(() => describeSchema(notEnum)).toThrow(/needs an enum or literal/);
    const badSize = z.object({ size: field(z.number(), { label: "Size", widget: "size", group: "size" }) });
    expect(() => describeSchema(badSize)).toThrow(/needs an enum of presets/);
    const badShowWhen = z.object({
      w: field(z.number().optional(), { label: "W", widget: "number", group: "size", showWhen: { field: "nope", equals: [1] } }),
    });
    expect(() => describeSchema(badShowWhen)).toThrow(/showWhen on "nope"/);
  });
});

describe("every registered model", () => {
  const targets = allTargets();

  it("has at least one model", () => {
    expect(targets.length).toBeGreaterThan(0);
  });

  it.each(targets.map((t) => [`${t.provider.id}/${t.model.id}`, t] as const))(
    "%s describes, and its defaults parse",
    (_, { model }) => {
      const descriptors = describeSchema(model.schema);
      expect(descriptors.length).toBe(Object.keys(model.schema.shape).length);
      const shape = model.schema.shape as Record<string, z.ZodType>;
      for (const d of descriptors) {
        if ("defaultValue" in d) expect(shape[d.name]?.safeParse(d.defaultValue).success, `${d.name} default`).toBe(true);
        const preset = model.defaults[d.name];
        if (preset !== undefined) expect(shape[d.name]?.safeParse(preset).success, `${d.name} model default`).toBe(true);
      }
      expect(model.schema.safeParse(model.defaults).error?.issues).toBeUndefined();
    },
  );
});
