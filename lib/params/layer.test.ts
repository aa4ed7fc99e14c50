import { describe, expect, it } from "vitest";
import { z } from "zod";
import { describeSchema } from "./describe";
import { field } from "./field-meta";
import { fit, rangeOf, rangeText, roundTo } from "./ranges";
import { fieldsByRole, findRole } from "./roles";
import { expectedSize, parseRatio, sizeFromLabel } from "./sizes";
import { flattenParams } from "./flatten";

const schema = z.object({
  prompt: field(z.string().max(10), { label: "Prompt", widget: "textarea", group: "prompt", role: "prompt" }),
  steps: field(z.number().int().min(4).max(40), { label: "Steps", widget: "slider", group: "main", role: "steps" }),
  width: field(z.number().int().min(64).max(2048).multipleOf(8), { label: "Width", widget: "number", group: "size", role: "width" }),
  height: field(z.number().int().min(64).max(2048).multipleOf(8), { label: "Height", widget: "number", group: "size", role: "height" }),
  aspect: field(z.enum(["1:1", "16:9 landscape 1344x768"]), {
    label: "Aspect",
    widget: "select",
    group: "size",
    role: "aspectRatio",
    presetSizes: { "1:1": { width: 1024, height: 1024 } },
  }),
});

describe("describeSchema", () => {
  it("describes each schema once and hands out the same frozen list", () => {
    const first = describeSchema(schema);
    expect(describeSchema(schema)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
  });
});

describe("roles", () => {
  it("finds each role's field", () => {
    expect(fieldsByRole(schema)).toMatchObject({ prompt: "prompt", steps: "steps", width: "width", aspectRatio: "aspect" });
    expect(findRole(schema, "seed")).toBeUndefined();
  });
});

describe("ranges", () => {
  it("reads bounds and a real multipleOf", () => {
    expect(rangeOf(schema, "steps")).toEqual({ min: 4, max: 40, int: true });
    expect(rangeOf(schema, "width")).toEqual({ min: 64, max: 2048, int: true, multipleOf: 8 });
  });

  it("clamps, then snaps inside the range", () => {
    expect(fit(2, { min: 4, max: 40, int: true })).toEqual({ value: 4, kind: "clamped" });
    expect(fit(1001, { min: 64, max: 2048, int: true, multipleOf: 8 })).toEqual({ value: 1000, kind: "snapped" });
    expect(roundTo(0.30000000000000004, 0.1)).toBe(0.3);
    expect(rangeText({ min: 1, int: true })).toBe("at least 1");
  });
});

describe("sizes", () => {
  it("parses ratios and pixel labels", () => {
    expect(parseRatio("16:9 landscape 1344x768")).toEqual({ label: "16:9", w: 16, h: 9 });
    expect(parseRatio("square_hd")).toBeNull();
    expect(sizeFromLabel("16:9 landscape 1344x768")).toEqual({ width: 1344, height: 768 });
  });

  it("tells the expected size from presets, ratios or width and height", () => {
    expect(expectedSize(schema, { aspect: "1:1" })).toEqual({ width: 1, height: 1 }); // a ratio reserves the box
    expect(expectedSize(schema, { aspect: "16:9 landscape 1344x768" })).toEqual({ width: 1344, height: 768 });
    const plain = schema.omit({ aspect: true });
    expect(expectedSize(plain, { width: 512, height: 768 })).toEqual({ width: 512, height: 768 });
  });
});

describe("flattenParams", () => {
  it("turns nested objects into dotted keys and leaves unset values out", () => {
    expect([...flattenParams({ input: { steps: 4, size: { width: 8 } }, seed: undefined, list: [1] })]).toEqual([
      ["input.steps", 4],
      ["input.size.width", 8],
      ["list", [1]],
    ]);
  });
});
