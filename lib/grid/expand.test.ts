import { describe, expect, it } from "vitest";
import { describeSchema } from "@/lib/params/describe";
import { getModel } from "@/lib/providers";
import { axisLength, cellIndexes, coerceValue, expandAxis, overLimit, rangeValues } from "./expand";

const segmind = getModel("segmind", "stable-diffusion-3.5-large-txt2img")!;
const fal = getModel("fal", "fal-ai/stable-diffusion-v35-large")!;
const field = (model: typeof fal, name: string) => describeSchema(model.schema).find((d) => d.name === name)!;

describe("range with a step", () => {
  it("lists every value from the first to the last, without float noise", () => {
    expect(rangeValues(10, 30, 10)).toEqual([10, 20, 30]);
    expect(rangeValues(3, 4, 0.1)).toEqual([3, 3.1, 3.2, 3.3, 3.4, 3.5, 3.6, 3.7, 3.8, 3.9, 4]);
    // A last value the step does not reach is left out rather than overshot.
    expect(rangeValues(1, 10, 4)).toEqual([1, 5, 9]);
  });

  it("counts values without building them, and a backwards range has none", () => {
    expect(axisLength({ kind: "range", field: "steps", from: 1, to: 1e9, step: 1 })).toBe(1e9);
    expect(axisLength({ kind: "range", field: "steps", from: 30, to: 10, step: 5 })).toBe(0);
  });
});

describe("list values are read as the field's type", () => {
  it("numbers, options by value or label, sizes as presets or WxH", () => {
    expect(coerceValue(field(segmind, "steps"), " 28 ")).toBe(28);
    expect(coerceValue(field(segmind, "steps"), "many")).toBe("many");
    expect(coerceValue(field(segmind, "sampler"), "EULER")).toBe("euler");
    expect(coerceValue(field(fal, "image_size"), "Square HD")).toBe("square_hd");
    expect(coerceValue(field(fal, "image_size"), "1024x768")).toEqual({ width: 1024, height: 768 });
    expect(coerceValue(field(fal, "enable_safety_checker"), "off")).toBe(false);
  });

  it("labels each value as the grid shows it", () => {
    const axis = expandAxis(fal, { kind: "list", field: "image_size", values: ["square_hd", "1344x768"] });
    expect(axis.name).toBe("Image size");
    expect(axis.values.map((v) => v.label)).toEqual(["Square HD", "1344×768"]);
    const target = expandAxis(fal, { kind: "target", values: [{ provider: "segmind", model: segmind.id }] });
    expect(target.values[0]!.label).toBe("Segmind · Stable Diffusion 3.5 Large");
  });
});

describe("cells and the limit", () => {
  it("orders cells X fastest, then Y, then Z", () => {
    expect(cellIndexes([2, 2, 2]).slice(0, 5)).toEqual([
      [0, 0, 0],
      [1, 0, 0],
      [0, 1, 0],
      [1, 1, 0],
      [0, 0, 1],
    ]);
    expect(cellIndexes([3, 4, 2])).toHaveLength(24);
  });

  it("refuses a grid over the limit with its numbers", () => {
    expect(overLimit([20, 20], 400)).toBeNull();
    expect(overLimit([3, 20, 7], 400)).toBe("This grid has 3 × 20 × 7 = 420 cells; the limit is 400 (GRID_MAX_CELLS). Use fewer values.");
  });
});
