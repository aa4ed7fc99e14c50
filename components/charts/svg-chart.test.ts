import { describe, expect, it } from "vitest";
import { allTargets } from "@/lib/providers";
import { targetLabel } from "@/lib/providers/labels";
import { chartLabel } from "./svg-chart";

describe("chartLabel", () => {
  const labels = allTargets().map(({ provider, model }) => targetLabel({ provider: provider.id, model: model.id }));

  it.each([30, 32])("gives every offered target its own label of at most %i characters", (max) => {
    const shown = labels.map((l) => chartLabel(l, max));
    for (const s of shown) expect(s.length, s).toBeLessThanOrEqual(max);
    expect(new Set(shown).size, shown.join("\n")).toBe(labels.length);
  });

  it("shortens Stable Diffusion first, then the provider, and keeps the model whole", () => {
    expect(chartLabel("Segmind · Stable Diffusion 3.5 Large", 30)).toBe("Segmind · SD 3.5 Large");
    expect(chartLabel("Eachlabs · Stable Diffusion 3.5 Large Turbo", 30)).toBe("Eachlabs · SD 3.5 Large Turbo");
    expect(chartLabel("ImagePipeline · Stable Diffusion 3.5 Large Turbo", 30)).toBe("ImagePip… · SD 3.5 Large Turbo");
    expect(chartLabel("fal · SD3", 30)).toBe("fal · SD3");
  });

  it("cuts the end of a name it cannot split", () => {
    expect(chartLabel("a-retired-provider/some-very-long-model-id", 20)).toBe("a-retired-provider/…");
    expect(chartLabel("x · a-model-id-longer-than-the-room", 20)).toBe("x · a-model-id-long…");
  });
});
