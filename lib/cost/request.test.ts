import { describe, expect, it } from "vitest";
import { parseEstimateRequest } from "./request";

describe("parseEstimateRequest", () => {
  const target = { provider: "segmind", model: "stable-diffusion-3.5-large-txt2img", input: { steps: 30 } };

  it("takes ready targets or a comparison as its form holds it", () => {
    expect(parseEstimateRequest({ targets: [target] }).success).toBe(true);
    const comparison = parseEstimateRequest({ comparison: { shared: { prompt: "p" }, targets: [{ provider: "segmind", model: "m" }] } });
    expect(comparison.success && "comparison" in comparison.data && comparison.data.comparison.targets[0]?.overrides).toEqual({});
  });

  it("refuses unknown fields at every level, naming them", () => {
    for (const body of [{ targets: [target], extra: 1 }, { targets: [{ ...target, price: 0 }] }, { comparison: { shared: {}, targets: [], x: 1 } }]) {
      const parsed = parseEstimateRequest(body);
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues.some((i) => i.code === "unrecognized_keys")).toBe(true);
    }
  });

  it("refuses an empty or oversized list", () => {
    expect(parseEstimateRequest({ targets: [] }).success).toBe(false);
    expect(parseEstimateRequest({ targets: Array.from({ length: 1001 }, () => target) }).success).toBe(false);
  });
});
