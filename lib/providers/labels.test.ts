import { describe, expect, it } from "vitest";
import { modelLabel, providerLabel, targetLabel } from "./labels";

describe("targetLabel", () => {
  it("names a target by its provider and model labels", () => {
    expect(targetLabel({ provider: "segmind", model: "stable-diffusion-3.5-large-txt2img" })).toBe(
      "Segmind · Stable Diffusion 3.5 Large",
    );
  });

  it("falls back to the ids of a provider or model no longer offered", () => {
    expect(providerLabel({ provider: "gone" })).toBe("gone");
    expect(modelLabel({ provider: "segmind", model: "sdxl" })).toBe("sdxl");
    expect(targetLabel({ provider: "gone", model: "m" })).toBe("gone · m");
  });
});
