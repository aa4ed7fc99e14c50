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

describe("a preview's problems", () => {
  it("are in words from the field's label and range, as the form says them", () => {
    const [s] = previewTargets({ prompt: "p", size: "1:1" }, [{ ...segmind, overrides: { sampler: "no-such-sampler" } }]);
    const [f] = previewTargets({ prompt: "p", size: "1:1" }, [{ provider: "fal", model: "fal-ai/stable-diffusion-v35-large", overrides: { num_images: 99 } }]);
    expect(s?.problems.sampler).toMatch(/^Pick one of the listed .* options$/);
    expect(f?.problems.num_images).toMatch(/^Images must be between 1 and \d+$/);
  });
});
