import { describe, expect, it } from "vitest";
import { getModel } from "@/lib/providers";
import { mapShared } from "@/lib/compare/mapping";
import { generation } from "@/lib/metadata/generation.test-helpers";
import { diffByRole, type RoleSide } from "./role-diff";

/** A side as a comparison stores it: the shared values mapped onto the model. */
function side(provider: string, label: string, model: string, negativePrompt: string): RoleSide {
  const m = getModel(provider, model)!;
  const input = mapShared(label, m, { prompt: "a fox", negativePrompt, seed: 7, width: 1024, height: 1024, steps: 30, cfg: 4 }).input;
  return { generation: generation({ provider, model, input }), model: m };
}

const row = (a: RoleSide, b: RoleSide, key: string) => diffByRole(a, b).rows.find((r) => r.key === key);

describe("the parameter diff by role", () => {
  it("does not call a negative prompt different when neither side had one", () => {
    // fal sends "" (none); Replicate's SD3.5 Large has no negative prompt field.
    const fal = side("fal", "fal", "fal-ai/stable-diffusion-v35-large", "");
    const replicate = side("replicate", "Replicate", "stable-diffusion-3.5-large", "");
    expect(row(fal, replicate, "Negative prompt")?.differs).toBe(false);
  });

  it("still marks a negative prompt one side could not take", () => {
    const fal = side("fal", "fal", "fal-ai/stable-diffusion-v35-large", "blurry");
    const replicate = side("replicate", "Replicate", "stable-diffusion-3.5-large", "blurry");
    expect(row(fal, replicate, "Negative prompt")).toMatchObject({ a: "blurry", inB: false, differs: true });
  });

  it("lines up the same steps, CFG, size and seed under different field names as equal", () => {
    const fal = side("fal", "fal", "fal-ai/stable-diffusion-v35-large", "");
    const aiml = side("aimlapi", "AI/ML API", "stable-diffusion-v35-large", "");
    for (const key of ["Steps", "Guidance (CFG)", "Size", "Seed"]) expect(row(fal, aiml, key)?.differs).toBe(false);
  });
});
