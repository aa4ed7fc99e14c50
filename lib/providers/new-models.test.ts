/** The models issue 11 adds to the existing providers: documented defaults, and each bound accepted, one step past it refused. */
import { describe, expect, it } from "vitest";
import { getModel } from "@/lib/providers";

const accepts = (provider: string, id: string, key: string, value: unknown) => {
  const m = getModel(provider, id)!;
  return m.schema.safeParse({ ...m.defaults, [key]: value }).success;
};

describe.each([
  ["segmind", "stable-diffusion-3.5-turbo-txt2img", { steps: 4, guidance_scale: 1, sampler: "dpmpp_2m" }],
  ["segmind", "stable-diffusion-3-medium-txt2img", { samples: 1, scheduler: "DPM++ 2M", num_inference_steps: 25, guidance_scale: 5, img_width: 1024, img_height: 1024, modelsamplingsd3_shift: 3, conditioningsettimesteprange_start: 0.1, conditioningsettimesteprange_stop: 1, denoise: 1 }],
  ["eachlabs", "stable-diffusion-3.5-large-turbo", { cfg: 1, steps: 4, output_quality: 90, aspect_ratio: "1:1", output_format: "webp" }],
  ["eachlabs", "stable-diffusion-3.5-medium", { cfg: 5, steps: 40, output_quality: 90, prompt_strength: 0.85 }],
  ["imagepipeline", "sd3", { num_inference_steps: 29, guidance_scale: 7, samples: 1 }],
] as const)("%s %s", (provider, id, documented) => {
  it("has the documented defaults, and they parse", () => {
    const m = getModel(provider, id);
    expect(m?.defaults).toMatchObject(documented);
    expect(m?.schema.safeParse(m.defaults).success).toBe(true);
  });
});

describe.each([
  ["segmind", "stable-diffusion-3.5-turbo-txt2img", "steps", [4, 70], [3, 71]],
  ["segmind", "stable-diffusion-3-medium-txt2img", "samples", [1, 4], [0, 5]],
  ["segmind", "stable-diffusion-3-medium-txt2img", "img_width", [256, 2048], [192, 2112, 1000]],
  ["segmind", "stable-diffusion-3-medium-txt2img", "num_inference_steps", [1, 100], [0, 101]],
  ["segmind", "stable-diffusion-3-medium-txt2img", "guidance_scale", [1, 25], [0.9, 25.1]],
  ["segmind", "stable-diffusion-3-medium-txt2img", "conditioningsettimesteprange_start", [0, 1], [-0.01, 1.01]],
  ["segmind", "stable-diffusion-3-medium-txt2img", "scheduler", ["DPM++ 2M", "Euler a"], ["euler", ""]],
  ["eachlabs", "stable-diffusion-3.5-large-turbo", "steps", [1, 10], [0, 11]],
  ["eachlabs", "stable-diffusion-3.5-medium", "steps", [1, 50], [0, 51]],
  ["eachlabs", "stable-diffusion-3.5-medium", "cfg", [0, 20], [-0.1, 20.1]],
  ["eachlabs", "stable-diffusion-3.5-medium", "output_quality", [0, 100], [-1, 101]],
  ["imagepipeline", "sd3", "samples", [1, 4], [0, 5]],
] as const)("%s %s %s", (provider, id, key, good, bad) => {
  it("accepts its bounds and rejects one step past them", () => {
    for (const v of good) expect(accepts(provider, id, key, v), `${key}=${v}`).toBe(true);
    for (const v of bad) expect(accepts(provider, id, key, v), `${key}=${v}`).toBe(false);
  });
});

describe("request builders for the new models", () => {
  const build = async (provider: "segmind" | "eachlabs" | "imagepipeline", id: string, input: Record<string, unknown>) => {
    const { adapters } = await import("@/lib/providers/server");
    return adapters[provider].buildRequest({ model: getModel(provider, id)!, input, baseUrl: "https://host.test", apiKey: "k-123456" });
  };

  it("Segmind SD3 Medium: its own field names, and base64 JSON when it asks for more than one sample", async () => {
    const input = { prompt: "a fox", samples: 2, scheduler: "DPM++ 2M", num_inference_steps: 25, guidance_scale: 5, img_width: 1024, img_height: 768 };
    const req = await build("segmind", "stable-diffusion-3-medium-txt2img", input);
    expect(req.url).toBe("https://host.test/v1/stable-diffusion-3-medium-txt2img");
    // No negative prompt or seed in the input: sent as "" and −1, so Segmind's own defaults do not apply unseen.
    expect(req.body).toEqual({ ...input, negative_prompt: "", seed: -1, base64: true });
    expect(req.headers).toMatchObject({ "x-api-key": "k-123456", Accept: "application/json" });
  });

  it("Segmind Turbo posts to its own slug", async () => {
    expect((await build("segmind", "stable-diffusion-3.5-turbo-txt2img", { prompt: "a fox", steps: 4 })).url).toBe(
      "https://host.test/v1/stable-diffusion-3.5-turbo-txt2img",
    );
  });

  it("Eachlabs Turbo and Medium name their model slug and version", async () => {
    for (const id of ["stable-diffusion-3.5-large-turbo", "stable-diffusion-3.5-medium"]) {
      const req = await build("eachlabs", id, { prompt: "a fox", steps: 4, cfg: 1 });
      expect(req.body).toEqual({ model: id, version: "0.0.1", input: { prompt: "a fox", steps: 4, cfg: 1 } });
    }
  });

  it("ImagePipeline SD3 posts to /sd3/v1", async () => {
    expect((await build("imagepipeline", "sd3", { prompt: "a fox", samples: 3 })).url).toBe("https://host.test/sd3/v1");
  });
});
