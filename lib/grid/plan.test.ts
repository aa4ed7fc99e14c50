import { describe, expect, it } from "vitest";
import { planGrid, type GridLimits } from "./plan";
import { gridRequestSchema, type GridRequest } from "./spec";

const limits: GridLimits = { GRID_MAX_CELLS: 400, BATCH_MAX_IMAGES: 1000, CONFIRM_ABOVE_IMAGES: 16, CONFIRM_ABOVE_USD: 1 };
const configured = () => null;
const SEGMIND = { provider: "segmind", model: "stable-diffusion-3.5-large-txt2img" };
const AIMLAPI = { provider: "aimlapi", model: "stable-diffusion-v35-large" };
const FAL = { provider: "fal", model: "fal-ai/stable-diffusion-v35-large" };
const grid = (axes: GridRequest["axes"], over: Partial<GridRequest> = {}): GridRequest => ({
  ...SEGMIND,
  base: { prompt: "a red fox in the snow", seed: 7 },
  axes,
  ...over,
});

describe("list axis", () => {
  it("names a value above the model's maximum on its axis, in words", () => {
    const plan = planGrid(grid([{ kind: "list", field: "steps", values: ["20", "80"] }]), limits, configured);
    expect(plan.axisErrors).toEqual([["steps 80 is above Segmind's maximum of 70"]]);
    expect(plan.ready).toBeNull();
  });

  it("names an option the provider does not offer", () => {
    const plan = planGrid(grid([{ kind: "list", field: "sampler", values: ["euler", "lcm_turbo"] }]), limits, configured);
    expect(plan.axisErrors[0]).toEqual(["sampler lcm_turbo is not offered by Segmind"]);
  });

  it("builds one cell per value on the model's defaults, the rest of the base kept", () => {
    const plan = planGrid(grid([{ kind: "list", field: "sampler", values: ["euler", "heun"] }]), limits, configured);
    expect(plan.ready?.map((c) => [c.input.sampler, c.input.steps, c.input.seed])).toEqual([
      ["euler", 30, 7],
      ["heun", 30, 7],
    ]);
  });
});

describe("values that collide", () => {
  const twice = "is listed more than once: the same cells would run (and be paid for) again.";
  it("refuses a value listed twice, however it is written, on every kind of axis, before anything runs", () => {
    const steps = planGrid(grid([{ kind: "list", field: "steps", values: ["20", "20.0", "30"] }]), limits, configured);
    expect(steps.axisErrors).toEqual([[`steps 20 ${twice}`]]);
    expect(steps.ready).toBeNull();
    const sampler = planGrid(grid([{ kind: "list", field: "sampler", values: ["euler", "EULER"] }]), limits, configured);
    expect(sampler.axisErrors).toEqual([[`sampler Euler ${twice}`]]);
    const seeds = planGrid(grid([{ kind: "list", field: "seed", values: ["1", "01", "2"] }]), limits, configured);
    expect(seeds.axisErrors).toEqual([[`seed 1 ${twice}`]]);
    const targets = planGrid(grid([{ kind: "target", values: [SEGMIND, AIMLAPI, SEGMIND] }]), limits, configured);
    expect(targets.axisErrors).toEqual([[`Segmind · Stable Diffusion 3.5 Large ${twice}`]]);
    const prompts = planGrid(grid([{ kind: "prompt", values: ["red", "grey", "red"] }]), limits, configured);
    expect(prompts.axisErrors).toEqual([[`"red" ${twice}`]]);
    expect(prompts.ready).toBeNull();
  });

  it("refuses a prompt S/R whose search text is not in the prompt: every cell would be the same prompt", () => {
    const plan = planGrid(grid([{ kind: "prompt", values: ["cat", "dog", "owl"] }]), limits, configured);
    expect(plan.axisErrors).toEqual([['"cat" is not in the prompt: every replacement would be the same prompt.']]);
    expect(plan.ready).toBeNull();
  });

  it("refuses the prompt or an input image as a list axis, by its label", () => {
    const prompt = planGrid(grid([{ kind: "list", field: "prompt", values: ["a cat", "a dog"] }]), limits, configured);
    expect(prompt.axisErrors).toEqual([["Prompt cannot be an axis: vary the prompt with Prompt S/R"]]);
    expect(prompt.ready).toBeNull();
    const image = planGrid(grid([{ kind: "list", field: "image", values: ["x"] }], { provider: "stability", model: "sd3.5-large" }), limits, configured);
    expect(image.axisErrors[0]).toContain("Input image cannot be an axis");
  });
});

describe("a DeepInfra seed past 2^53", () => {
  const DEEPINFRA = { provider: "deepinfra", model: "stabilityai/sd3.5" };
  it("as the base seed or a seed axis, reaches every cell digit for digit; 2^64 is named", () => {
    const base = planGrid(grid([{ kind: "list", field: "num_inference_steps", values: ["20", "30"] }], { ...DEEPINFRA, base: { prompt: "a fox", seed: "18446744073709551615" } }), limits, configured);
    expect(base.ready?.map((c) => c.input.seed)).toEqual(["18446744073709551615", "18446744073709551615"]);
    const axis = planGrid(grid([{ kind: "list", field: "seed", values: ["12345678901234567891", "7"] }], { ...DEEPINFRA, base: { prompt: "a fox" } }), limits, configured);
    expect(axis.ready?.map((c) => c.input.seed)).toEqual(["12345678901234567891", 7]);
    const over = planGrid(grid([{ kind: "list", field: "seed", values: ["18446744073709551616"] }], { ...DEEPINFRA, base: { prompt: "a fox" } }), limits, configured);
    expect(over.ready).toBeNull();
    expect(JSON.stringify(over)).toContain("18446744073709551615");
  });
});

describe("a seed range past 2^53", () => {
  it("is refused once, on the axis, pointing to a list (a range would round and repeat seeds)", () => {
    const request = (from: number, to: number) => ({ provider: "deepinfra", model: "stabilityai/sd3.5", base: { prompt: "a fox" }, axes: [{ kind: "range", field: "seed", from, to, step: 1 }] });
    const over = gridRequestSchema.safeParse(request(9007199254740990, 9007199254740994));
    expect(over.success).toBe(false);
    expect(over.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["axes.0.to", "A range counts only up to 9,007,199,254,740,991: list larger seeds as values instead, which keeps every digit."],
    ]);
    expect(gridRequestSchema.safeParse(request(9007199254740980, 9007199254740991)).success).toBe(true);
  });
});

describe("range axis", () => {
  it("expands to its values and flags the ones out of range", () => {
    const plan = planGrid(grid([{ kind: "range", field: "guidance_scale", from: 5, to: 17, step: 4 }]), limits, configured);
    expect(plan.shape).toBe("4");
    expect(plan.axisErrors[0]).toEqual(["guidance scale 17 is above Segmind's maximum of 15"]);
  });

  it("names the values with the same problem in one line, shortened past five", () => {
    const few = planGrid(grid([{ kind: "range", field: "steps", from: 50, to: 100, step: 10 }]), limits, configured);
    expect(few.axisErrors[0]).toEqual(["steps 80, 90 and 100 are above Segmind's maximum of 70"]);
    const many = planGrid(grid([{ kind: "range", field: "steps", from: 71, to: 90, step: 1 }]), limits, configured);
    expect(many.axisErrors[0]).toEqual(["steps 71, 72, 73, … and 90 (20 values) are above Segmind's maximum of 70"]);
    const both = planGrid(grid([{ kind: "list", field: "steps", values: ["0", "30", "80", "90"] }]), limits, configured);
    expect(both.axisErrors[0]).toEqual(["steps 0 is below Segmind's minimum of 10", "steps 80 and 90 are above Segmind's maximum of 70"]);
  });

  it("says so when the range runs backwards", () => {
    const plan = planGrid(grid([{ kind: "range", field: "steps", from: 40, to: 20, step: 10 }]), limits, configured);
    expect(plan.axisErrors[0]).toEqual(["The range runs backwards: its last value is below its first."]);
  });
});

describe("prompt search-and-replace axis", () => {
  it("replaces the first value in the prompt with each value", () => {
    const plan = planGrid(grid([{ kind: "prompt", values: ["red", "grey", "arctic"] }]), limits, configured);
    expect(plan.ready?.map((c) => c.prompt)).toEqual(["a red fox in the snow", "a grey fox in the snow", "a arctic fox in the snow"]);
  });
});

describe("provider/model axis", () => {
  it("maps each cell with the comparison mapping and names its adjustments", () => {
    const plan = planGrid(grid([{ kind: "list", field: "steps", values: ["60"] }, { kind: "target", values: [SEGMIND, AIMLAPI] }]), limits, configured);
    expect(plan.axisErrors).toEqual([[], []]);
    const [segmind, aimlapi] = plan.ready!;
    expect(segmind!.input.steps).toBe(60);
    expect(aimlapi!.provider).toBe("aimlapi");
    expect(aimlapi!.input.num_inference_steps).toBe(50);
    expect(aimlapi!.notes.join(" ")).toMatch(/50/);
    expect(aimlapi!.input.prompt).toBe("a red fox in the snow");
  });

  it("names a model-specific field the other model does not take", () => {
    const plan = planGrid(grid([{ kind: "list", field: "sampler", values: ["euler"] }, { kind: "target", values: [SEGMIND, FAL] }]), limits, configured);
    expect(plan.ready![1]!.notes).toContain("fal's Stable Diffusion 3.5 Large takes no sampler: not sent.");
    expect(plan.ready![1]!.input).not.toHaveProperty("sampler");
  });

  it("names a base value another model refuses in its own words, not as a value of the axis", () => {
    const plan = planGrid(grid([{ kind: "target", values: [SEGMIND, FAL] }], { base: { prompt: "" } }), limits, configured);
    expect(plan.axisErrors).toEqual([["fal: Enter a prompt."]]);
    expect(plan.ready).toBeNull();
  });

  it("says a replacement makes the prompt too long in characters, not as a number above a maximum", () => {
    const plan = planGrid(grid([{ kind: "prompt", values: ["red", "x".repeat(4000)] }], { ...AIMLAPI }), limits, configured);
    expect(plan.axisErrors[0]).toHaveLength(1);
    expect(plan.axisErrors[0]![0]).toMatch(/: Prompt must be at most 4000 characters$/);
    expect(plan.axisErrors[0]![0]).not.toMatch(/maximum of/);
  });

  it("flags an unknown model and an unconfigured provider on the axis", () => {
    const plan = planGrid(
      grid([{ kind: "target", values: [SEGMIND, { provider: "fal", model: "nope" }, AIMLAPI] }]),
      limits,
      (p) => (p === "aimlapi" ? "AI/ML API is not configured: set AIMLAPI_API_KEY on the server." : null),
    );
    expect(plan.axisErrors[0]).toEqual(["unknown model fal/nope", "AI/ML API is not configured: set AIMLAPI_API_KEY on the server."]);
  });
});

describe("limits and confirmation", () => {
  it("refuses a grid over the hard limit with the numbers, before building any cell", () => {
    const plan = planGrid(grid([{ kind: "range", field: "seed", from: 1, to: 1e9, step: 1 }]), limits, configured);
    expect(plan.errors).toEqual(["This grid has 1000000000 = 1,000,000,000 cells; the limit is 400 (GRID_MAX_CELLS). Use fewer values."]);
    expect(plan.ready).toBeNull();
    expect(plan.axes).toEqual([]);
  });

  it("refuses a grid of few cells asking for more images than a batch may hold, with the numbers", () => {
    // 200 seeds × Segmind batches of 10 = 2,000 images, though only 200 cells.
    const plan = planGrid(grid([{ kind: "range", field: "seed", from: 1, to: 200, step: 1 }], { base: { prompt: "a fox", batch_size: 10 } }), limits, configured);
    expect(plan.images).toBe(2000);
    expect(plan.errors).toContain("200 cells is 2000 images, more than the limit of 1000 per batch (BATCH_MAX_IMAGES). Ask for fewer images per cell, or fewer values.");
    expect(plan.ready).toBeNull();
  });

  it("asks for confirmation above the image threshold and shows the shape and count", () => {
    const plan = planGrid(grid([{ kind: "range", field: "steps", from: 10, to: 70, step: 20 }, { kind: "list", field: "sampler", values: ["euler", "heun", "lms", "ddpm", "dpm_2"] }]), limits, configured);
    expect(plan.shape).toBe("4 × 5");
    expect(plan.images).toBe(20);
    expect(plan.confirmation).toBe("more than the 16 images that run without asking");
    expect(plan.estimate?.usd).toBeGreaterThan(0);
  });
});
