import { describe, expect, it } from "vitest";
import { getModel } from "@/lib/providers";
import { familyPicks, familyTargets } from "./families";
import { mapShared } from "./mapping";

const ids = (family: Parameters<typeof familyTargets>[0], usable?: (id: string) => boolean) =>
  familyTargets(family, usable).map((t) => `${t.provider.id}/${t.model.id}`);

describe("familyTargets", () => {
  it("picks every provider's model of the family, in registry order", () => {
    expect(ids("sd3.5-large")).toEqual(
      expect.arrayContaining([
        "aimlapi/stable-diffusion-v35-large",
        "segmind/stable-diffusion-3.5-large-txt2img",
        "eachlabs/stable-diffusion-3.5-large",
        "imagepipeline/sd3_5",
        "replicate/stable-diffusion-3.5-large",
        "deepinfra/stabilityai/sd3.5",
      ]),
    );
    expect(ids("sd3.5-large-turbo")).toEqual(
      expect.arrayContaining(["segmind/stable-diffusion-3.5-turbo-txt2img", "eachlabs/stable-diffusion-3.5-large-turbo", "replicate/stable-diffusion-3.5-large-turbo"]),
    );
    expect(ids("sd3.5-medium")).toEqual(
      expect.arrayContaining(["eachlabs/stable-diffusion-3.5-medium", "replicate/stable-diffusion-3.5-medium", "deepinfra/stabilityai/sd3.5-medium"]),
    );
    for (const family of ["sd3.5-large", "sd3.5-large-turbo", "sd3.5-medium"] as const) {
      for (const t of familyTargets(family)) expect(t.model.family).toBe(family);
    }
  });

  it("leaves out providers that are not configured", () => {
    expect(ids("sd3.5-large", (id) => id !== "replicate")).not.toContain("replicate/stable-diffusion-3.5-large");
    expect(ids("sd3.5-large", () => false)).toEqual([]);
  });

  it("offers a pick for Large, Large Turbo and Medium", () => {
    expect(familyPicks.map((p) => p.label)).toEqual(
      expect.arrayContaining(["SD3.5 Large everywhere", "SD3.5 Large Turbo everywhere", "SD3.5 Medium everywhere"]),
    );
  });
});

describe("mapping a family comparison onto the new parameter shapes", () => {
  const shared = { prompt: "a fox", negativePrompt: "blur", seed: 424242, steps: 5, cfg: 4.5, width: 896, height: 1152 };

  it.each(familyPicks.map((p) => p.family))("every %s target gets an input its schema accepts", (family) => {
    for (const { provider, model } of familyTargets(family)) {
      const mapped = mapShared(provider.label, model, shared);
      expect(model.schema.safeParse(mapped.input).success, `${provider.id}/${model.id}`).toBe(true);
    }
  });

  it("an aspect-ratio-only model without 3:4 (DeepInfra) gets the nearest ratio, named", () => {
    const m = mapShared("DeepInfra", getModel("deepinfra", "stabilityai/sd3.5")!, { ...shared, width: 1152, height: 1536 });
    expect(m.input.aspect_ratio).toBe("4:5");
    expect(m.adjustments).toContainEqual(expect.objectContaining({ role: "size", kind: "preset", message: "Nearest aspect ratio 4:5 for 1152×1536." }));
    // Replicate lists 3:4, so the same request is sent as it is.
    const rep = mapShared("Replicate", getModel("replicate", "stable-diffusion-3.5-large")!, { ...shared, width: 1152, height: 1536 });
    expect(rep.input.aspect_ratio).toBe("3:4");
  });

  it("a version without steps (Replicate Turbo) drops them and says so; its cfg range is its own", () => {
    const m = mapShared("Replicate", getModel("replicate", "stable-diffusion-3.5-large-turbo")!, { ...shared, cfg: 12 });
    expect(m.input).not.toHaveProperty("steps");
    expect(m.input.cfg).toBe(10);
    expect(m.adjustments.map((a) => a.message)).toEqual(
      expect.arrayContaining(["Replicate's SD3.5 Large Turbo takes no steps setting: not sent.", "Guidance scale lowered to Replicate's maximum of 10."]),
    );
  });

  it("Segmind SD3 Medium's own width/height fields are snapped to multiples of 64", () => {
    const m = mapShared("Segmind", getModel("segmind", "stable-diffusion-3-medium-txt2img")!, { ...shared, width: 1000, height: 1000 });
    expect([m.input.img_width, m.input.img_height]).toEqual([1024, 1024]);
    expect(m.adjustments).toContainEqual(expect.objectContaining({ kind: "snapped", message: "Size snapped to 1024×1024, a multiple of 64." }));
  });

  it("each provider's seed range: 0 is raised where the range starts at 1, kept where it starts at 0", () => {
    const aiml = mapShared("AI/ML API", getModel("aimlapi", "stable-diffusion-v35-large")!, { ...shared, seed: 0 });
    expect(aiml.input.seed).toBe(1);
    expect(aiml.adjustments).toContainEqual(expect.objectContaining({ role: "seed", message: "AI/ML API does not accept seed 0; sent 1." }));
    for (const [label, p, id] of [["DeepInfra", "deepinfra", "stabilityai/sd3.5"], ["Replicate", "replicate", "stable-diffusion-3.5-medium"]] as const) {
      const m = mapShared(label, getModel(p, id)!, { ...shared, seed: 0 });
      expect(m.input.seed).toBe(0);
      expect(m.adjustments.filter((a) => a.role === "seed")).toEqual([]);
    }
  });
});
