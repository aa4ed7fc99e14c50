import { describe, expect, it } from "vitest";
import { planSuiteRun } from "./plan";
import { previewSuiteRun } from "./preview";

const prompts = [
  { text: "A red fox", category: null },
  { text: "A lighthouse", category: "photo" },
  { text: "Seven ducks", category: "counting" },
];
const targets = [
  { provider: "aimlapi", model: "stable-diffusion-v35-large", overrides: {} },
  { provider: "segmind", model: "stable-diffusion-3.5-large-txt2img", overrides: {} },
  { provider: "eachlabs", model: "stable-diffusion-3.5-large", overrides: {} },
];
const limits: Record<string, number> = { aimlapi: 4, segmind: 2, eachlabs: 10 };

describe("planSuiteRun", () => {
  it("makes one cell per prompt × target, x = target, y = prompt, with each prompt mapped into its model's field", () => {
    const plan = planSuiteRun(prompts, { size: "1:1", seed: 7 }, targets, (p) => limits[p]!);
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    expect(plan.cells).toHaveLength(9);
    const cell = plan.cells.find((c) => c.cell.x === 1 && c.cell.y === 2)!;
    expect(cell).toMatchObject({ provider: "segmind", prompt: "Seven ducks", input: { prompt: "Seven ducks", seed: 7 } });
  });

  it("a suite whose seed is left random asks Segmind for a random seed (−1), not its page default 98552302", async () => {
    const { adapters } = await import("@/lib/providers/server");
    const { getModel } = await import("@/lib/providers");
    const plan = planSuiteRun(prompts, { size: "1:1" }, targets, (p) => limits[p]!);
    if (!plan.ok) throw new Error("plan failed");
    const model = getModel("segmind", "stable-diffusion-3.5-large-txt2img")!;
    for (const cell of plan.cells.filter((c) => c.provider === "segmind")) {
      expect(cell.input.seed).toBeUndefined();
      const req = adapters.segmind.buildRequest({ model, input: cell.input, baseUrl: "https://api.segmind.com", apiKey: "SG_0123456789abcdef" });
      expect(req.body.seed).toBe(-1);
    }
  });

  it("interleaves providers prompt by prompt, the provider with the fewest slots first", () => {
    const plan = planSuiteRun(prompts, { size: "1:1" }, targets, (p) => limits[p]!);
    if (!plan.ok) throw new Error("plan failed");
    expect(plan.cells.map((c) => `${c.cell.y}:${c.provider}`)).toEqual([
      "0:segmind", "0:aimlapi", "0:eachlabs",
      "1:segmind", "1:aimlapi", "1:eachlabs",
      "2:segmind", "2:aimlapi", "2:eachlabs",
    ]);
  });

  it("names the adjustments the mapping made per target", () => {
    const plan = planSuiteRun(prompts, { size: "1:1", steps: 500 as number }, targets.slice(1, 2));
    expect(plan.ok).toBe(true);
    if (plan.ok) expect(plan.targets[0]!.adjustments.map((a) => a.role)).toContain("steps");
  });
});

describe("previewSuiteRun", () => {
  it("counts images, refuses a batch over the hard limit with the numbers, and lists prompts too long for a target", () => {
    const long = [...prompts, { text: "z".repeat(4100), category: null }];
    const p = previewSuiteRun(long, { size: "1:1" }, targets, 10);
    expect(p.images).toBe(12);
    expect(p.overLimit).toBe("4 prompts × 3 targets is 12 images, more than the limit of 10 per batch (BATCH_MAX_IMAGES). Run fewer prompts or targets.");
    // The 4th prompt, on line 5 of the editor: with categories it shows CSV, its header on line 1.
    expect(p.problems.map((x) => x.line)).toEqual([5]);
    expect(previewSuiteRun(prompts, { size: "1:1" }, targets, 9).overLimit).toBeNull();
  });
});

describe("planSuiteRun's problems", () => {
  it("names no line for a value that is wrong for every prompt alike", () => {
    const plan = planSuiteRun(prompts, { size: "1:1" }, [{ ...targets[0]!, overrides: { output_format: "bmp" } }]);
    expect(plan.ok).toBe(false);
    expect(!plan.ok && plan.problems).toEqual(["AI/ML API · Stable Diffusion 3.5 Large: Pick one of the listed output format options."]);
  });
});
