import { describe, expect, it } from "vitest";
import { generation, image } from "@/lib/metadata/generation.test-helpers";
import { parityCandidates, parityPossible } from "./pairs";

const img = (id: string, w = 1024, h = 1024) => ({ ...image(w, h), id });
const large = (id: string, provider: string, model: string, over: Parameters<typeof generation>[0] = {}) =>
  generation({ id, provider, model, seed: "7", images: [img(`${id}-img`)], ...over });

describe("parity pairs from a run's generations", () => {
  it("pairs two providers of one family with the same seed and size", () => {
    const pairs = parityCandidates([
      large("a", "aimlapi", "stable-diffusion-v35-large"),
      large("b", "fal", "fal-ai/stable-diffusion-v35-large"),
    ]);
    expect(pairs).toHaveLength(1);
    expect(pairs[0]).toMatchObject({ family: "sd3.5-large", seed: "7", width: 1024, height: 1024 });
    expect([pairs[0]!.a.image.id, pairs[0]!.b.image.id]).toEqual(["a-img", "b-img"]);
  });

  it("leaves out other families, other seeds, other sizes, unfinished work and the same provider twice", () => {
    const gens = [
      large("a", "aimlapi", "stable-diffusion-v35-large"),
      large("b", "fal", "fal-ai/stable-diffusion-v35-medium"),
      large("c", "fal", "fal-ai/stable-diffusion-v35-large", { seed: "8" }),
      large("d", "fal", "fal-ai/stable-diffusion-v35-large", { images: [img("d-img", 1024, 768)] }),
      large("e", "fal", "fal-ai/stable-diffusion-v35-large", { status: "running", images: [] }),
      large("f", "aimlapi", "stable-diffusion-v35-large"),
    ];
    expect(parityCandidates(gens)).toEqual([]);
    expect(parityPossible(gens)).toBe(true);
    expect(parityPossible([gens[0]!, gens[5]!])).toBe(false);
  });

  it("pairs grid cells only with the cells that asked for the same steps, and never a live image with an emulated one", () => {
    // X = provider/model, Y = steps (20, 40).
    const steps = (id: string, provider: string, model: string, x: number, y: number) =>
      large(id, provider, model, { input: { prompt: "a fox", seed: 7, num_inference_steps: 20 * (y + 1) }, cell: { x, y, z: null } });
    const grid = [
      steps("a20", "aimlapi", "stable-diffusion-v35-large", 0, 0),
      steps("a40", "aimlapi", "stable-diffusion-v35-large", 0, 1),
      steps("f20", "fal", "fal-ai/stable-diffusion-v35-large", 1, 0),
      steps("f40", "fal", "fal-ai/stable-diffusion-v35-large", 1, 1),
    ];
    expect(parityCandidates(grid).map((p) => `${p.a.generation.id}+${p.b.generation.id}`).sort()).toEqual(["a20+f20", "a40+f40"]);
    const mixed = [large("a", "aimlapi", "stable-diffusion-v35-large", { emulated: true }), large("b", "fal", "fal-ai/stable-diffusion-v35-large")];
    expect(parityCandidates(mixed)).toEqual([]);
  });
});
