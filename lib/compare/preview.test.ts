import { describe, expect, it } from "vitest";
import { previewTargets } from "./preview";

const segmind = { provider: "segmind", model: "stable-diffusion-3.5-large-txt2img", overrides: {} };
const aiml = { provider: "aimlapi", model: "stable-diffusion-v35-large", overrides: {} };

describe("previewTargets", () => {
  it("maps the shared values onto each target and names each adjustment", () => {
    const [s, a] = previewTargets({ prompt: "a tram", size: "1:1", steps: 5, seed: 7 }, [segmind, aiml]);
    expect(s?.input).toMatchObject({ prompt: "a tram", steps: 10, seed: 7 });
    expect(s?.adjustments.map((x) => x.message).join(" ")).toMatch(/minimum of 10/);
    expect(s?.problems).toEqual({});
    expect(a?.input).toMatchObject({ prompt: "a tram", num_inference_steps: 5, seed: 7 });
  });

  it("applies a target's own settings", () => {
    const [s] = previewTargets({ prompt: "p", size: "1:1" }, [{ ...segmind, overrides: { sampler: "euler" } }]);
    expect(s?.input.sampler).toBe("euler");
  });

  it("previews nothing while the shared values don't parse, and nothing for an unknown model", () => {
    expect(previewTargets({ prompt: "", size: "1:1" }, [segmind, aiml])).toEqual([null, null]);
    expect(previewTargets({ prompt: "p", size: "1:1" }, [{ provider: "nope", model: "x", overrides: {} }])).toEqual([null]);
  });
});
