import { describe, expect, it } from "vitest";
import { z } from "zod";
import { getModel } from "@/lib/providers";
import { field, type ModelDefinition } from "@/lib/providers/types";
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

/** The same side with some fields set or changed (an input image, its strength). */
const withInput = (s: RoleSide, input: Record<string, unknown>): RoleSide => ({
  ...s,
  generation: { ...s.generation, input: { ...s.generation.input, ...input } },
});
const PNG = "data:image/png;base64,iVBORw0KGgo=";

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

  it("leaves out an image strength neither request had an input image for", () => {
    // Both carry their form's starting strength (0.7 and 0.85), which means nothing without an image.
    const stability = side("stability", "Stability AI", "sd3.5-large", "");
    const replicate = side("replicate", "Replicate", "stable-diffusion-3.5-large", "");
    const fal = side("fal", "fal", "fal-ai/stable-diffusion-v35-large", "");
    expect(row(stability, replicate, "Image strength")).toBeUndefined();
    expect(row(stability, fal, "Image strength")).toBeUndefined();
  });

  it("compares an image strength only where it had an input image", () => {
    const stability = withInput(side("stability", "Stability AI", "sd3.5-large", ""), { image: PNG, strength: 0.5 });
    const replicate = side("replicate", "Replicate", "stable-diffusion-3.5-large", "");
    expect(row(stability, replicate, "Image strength")).toMatchObject({ a: 0.5, inA: true, inB: false, differs: true });
    const both = withInput(replicate, { image: PNG, prompt_strength: 0.5 });
    expect(row(stability, both, "Image strength")).toMatchObject({ a: 0.5, b: 0.5, differs: false });
  });

  it("ignores an own field its schema hints say does not apply (showWhen, requiredWith)", () => {
    const hint = (label: string, extra: object = {}) => ({ label, widget: "number" as const, group: "advanced" as const, ...extra });
    const model: ModelDefinition = {
      id: "m",
      label: "M",
      family: "sd3.5-large",
      schema: z.object({
        mode: field(z.enum(["plain", "fancy"]), hint("Mode")),
        flair: field(z.number(), hint("Flair", { showWhen: { field: "mode", equals: ["fancy"] } })),
        mask: field(z.string().optional(), hint("Mask")),
        feather: field(z.number(), hint("Feather")),
      }),
      defaults: { mode: "plain", flair: 1, feather: 2 },
      requiredWith: { mask: ["feather"] },
    };
    const at = (input: Record<string, unknown>): RoleSide => ({ generation: generation({ input }), model });
    const { rows } = diffByRole(at({ mode: "plain", flair: 1, feather: 2 }), at({ mode: "plain", flair: 3, feather: 4 }));
    expect(rows.map((r) => r.key)).toEqual(["Mode (mode)"]);
    const shown = diffByRole(at({ mode: "fancy", flair: 1, mask: "m", feather: 2 }), at({ mode: "fancy", flair: 3, mask: "m", feather: 4 }));
    expect(shown.rows.filter((r) => r.differs).map((r) => r.key)).toEqual(["Flair (flair)", "Feather (feather)"]);
  });
});
