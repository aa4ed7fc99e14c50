import { describe, expect, it } from "vitest";
import { providers } from "@/lib/providers";
import { formatA1111 } from "./a1111";
import { generation, image } from "./generation.test-helpers";
import { matchOption, splitSampler } from "./samplers";
import { settingsForGeneration } from "./settings-for-generation";
import { loadOurJson, mapA1111, settingsToForm } from "./settings-to-form";

const segmind = { provider: providers.segmind, model: providers.segmind.models[0]! };
const aiml = { provider: providers.aimlapi, model: providers.aimlapi.models[0]! };
const eachlabs = { provider: providers.eachlabs, model: providers.eachlabs.models[0]! };
const imagepipeline = { provider: providers.imagepipeline, model: providers.imagepipeline.models[0]! };

// As A1111 v1.10.1 writes it (SDXL, hires fix, quoted Lora hashes).
const A1111_TEXT = [
  "masterpiece, a lighthouse on a cliff, dramatic sky",
  "Negative prompt: lowres, watermark",
  'Steps: 28, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 7.0, Seed: 1234567890, Size: 832x1216, Model hash: 31e35c80fc, Model: sd_xl_base_1.0, Denoising strength: 0.35, Hires upscale: 1.5, Lora hashes: "add_detail: 7c6bad76eb54", Version: v1.10.1',
].join("\n");

const keys = (r: { notes: { unused: { key: string }[] } }) => r.notes.unused.map((u) => u.key);

describe("A1111 text → the selected model's form", () => {
  it("Segmind: prompt, negative, steps, CFG, seed, size, sampler and scheduler; the rest listed with values", () => {
    const r = mapA1111(A1111_TEXT, segmind, { prompt: "old", image_format: "png" }, "a1111.png");
    expect(r.provider).toBe("segmind");
    expect(r.input).toMatchObject({
      prompt: "masterpiece, a lighthouse on a cliff, dramatic sky",
      negative_prompt: "lowres, watermark",
      steps: 28,
      guidance_scale: 7,
      seed: 1234567890,
      aspect_ratio: "5:8 portrait 832x1216",
      sampler: "dpmpp_2m",
      scheduler: "karras",
      // Not in the image: the current form's value stays.
      image_format: "png",
    });
    expect(r.notes).toMatchObject({ fileName: "a1111.png", source: "a1111", used: 8, adjustments: [] });
    expect(r.notes.unused).toEqual([
      { key: "Model", value: "sd_xl_base_1.0", reason: "loaded onto Segmind Stable Diffusion 3.5 Large instead" },
      { key: "Model hash", value: "31e35c80fc", reason: "no such setting on this model" },
      { key: "Denoising strength", value: "0.35", reason: "no such setting on this model" },
      { key: "Hires upscale", value: "1.5", reason: "no such setting on this model" },
      { key: "Lora hashes", value: "add_detail: 7c6bad76eb54", reason: "no such setting on this model" },
      { key: "Version", value: "v1.10.1", reason: "no such setting on this model" },
    ]);
    expect(segmind.model.schema.safeParse(r.input).success).toBe(true);
  });

  it("Segmind: an odd size goes to Custom width × height; old-style 'Euler a' and 'DPM++ 2M SDE Karras' names", () => {
    const r = mapA1111("a cat\nSteps: 20, Sampler: Euler a, CFG scale: 5, Seed: 1, Size: 1000x700", segmind, {}, "x.png");
    // Segmind's 64 is a slider step, not a constraint: the size goes in as it is.
    expect(r.input).toMatchObject({ aspect_ratio: "custom", width: 1000, height: 700, sampler: "euler_ancestral" });
    expect(r.notes.adjustments).toEqual([]);
    const small = mapA1111("a cat\nSteps: 20, Seed: 1, Size: 40x3000", segmind, {}, "x.png");
    expect(small.input).toMatchObject({ aspect_ratio: "custom", width: 64, height: 2048 });
    expect(small.notes.adjustments).toEqual(["Size changed to 64×2048: Segmind takes 64–2048 px per side."]);
    const old = mapA1111("a\nSteps: 20, Sampler: DPM++ 2M SDE Karras, Seed: 3", segmind, {}, "x.png");
    expect(old.input).toMatchObject({ sampler: "dpmpp_2m_sde", scheduler: "karras" });
    const auto = mapA1111("a\nSteps: 20, Sampler: DPM++ SDE, Schedule type: Automatic, Seed: 3", segmind, {}, "x.png");
    expect(auto.input).toMatchObject({ sampler: "dpmpp_sde", scheduler: "karras" });
  });

  it("Segmind: samplers and schedules it lacks are listed, not guessed", () => {
    const r = mapA1111("a\nSteps: 20, Sampler: DDIM, Schedule type: Align Your Steps, Seed: 3", segmind, {}, "x.png");
    expect(r.input.sampler).toBe("euler"); // the default, untouched
    expect(r.notes.unused).toEqual([
      { key: "Sampler", value: "DDIM", reason: "no equivalent in Segmind's list" },
      { key: "Schedule type", value: "Align Your Steps", reason: "no equivalent in Segmind's list" },
    ]);
  });

  it("AI/ML API: nearest preset for the size, clamped steps, no sampler field → listed", () => {
    const r = mapA1111(A1111_TEXT.replace("Steps: 28", "Steps: 80"), aiml, {}, "x.png");
    expect(r.input).toMatchObject({ num_inference_steps: 50, guidance_scale: 7, seed: 1234567890 });
    expect(r.input.image_size).toEqual({ width: 832, height: 1216 });
    expect(r.notes.adjustments).toEqual(["Steps lowered to AI/ML API's maximum of 50."]);
    expect(keys(r)).toEqual(expect.arrayContaining(["Sampler", "Schedule type", "Model hash"]));
    expect(r.notes.unused.find((u) => u.key === "Sampler")).toEqual({
      key: "Sampler",
      value: "DPM++ 2M",
      reason: "this model has no sampler setting",
    });
  });

  it("Eachlabs: nearest aspect ratio; no negative prompt field → the negative prompt is listed", () => {
    const r = mapA1111(A1111_TEXT, eachlabs, {}, "x.png");
    expect(r.input).toMatchObject({ aspect_ratio: "2:3", cfg: 7, steps: 28, seed: 1234567890 });
    expect(r.notes.unused[0]).toEqual({
      key: "Negative prompt",
      value: "lowres, watermark",
      reason: "this model has no negative prompt setting",
    });
    expect(r.notes.adjustments).toEqual(["Nearest aspect ratio 2:3 for 832×1216."]);
  });

  it("ImagePipeline: takes no seed → the seed is listed", () => {
    const r = mapA1111("a\nNegative prompt: b\nSteps: 20, CFG scale: 3, Seed: 9, Size: 512x768", imagepipeline, {}, "x.png");
    expect(r.input).toMatchObject({ prompt: "a", negative_prompt: "b", num_inference_steps: 20, width: 512, height: 768 });
    expect(keys(r)).toEqual(["Seed"]);
  });

  it("a text without a negative prompt clears it; a prompt-only text leaves the form's", () => {
    expect(mapA1111("a\nSteps: 20, Seed: 1, Size: 1024x1024", segmind, { negative_prompt: "x" }, "f").input.negative_prompt).toBe("");
    const promptOnly = mapA1111("just a prompt", segmind, { negative_prompt: "x", steps: 44 }, "f");
    expect(promptOnly.input).toMatchObject({ prompt: "just a prompt", negative_prompt: "x", steps: 44 });
    expect(promptOnly.notes.used).toBe(1);
  });

  it("extra keys naming another field by its label are parsed and validated", () => {
    const r = mapA1111("a\nSteps: 20, Seed: 1, Output format: webp, Quality: 250, Images: 2, Safety checker: no", segmind, {}, "f");
    expect(r.input).toMatchObject({ image_format: "webp", batch_size: 2 });
    expect(r.notes.unused).toEqual([
      { key: "Quality", value: "250", reason: "not a valid quality for this model" },
      { key: "Safety checker", value: "no", reason: "no such setting on this model" },
    ]);
    expect(mapA1111("a\nSteps: 20, Safety checker: False", aiml, {}, "f").input.enable_safety_checker).toBe(false);
  });

  it("a seed beyond 2^53 is listed rather than rounded", () => {
    const r = mapA1111("a\nSteps: 20, Seed: 9223372036854775807", segmind, { seed: 5 }, "f");
    expect(r.input.seed).toBe(5);
    expect(r.notes.unused).toEqual([{ key: "Seed", value: "9223372036854775807", reason: "too large for this model's seed field" }]);
  });

  it("a seed beyond 2^53 loads with every digit onto a seed field that holds it (DeepInfra, up to 2^64−1)", () => {
    const deepinfra = { provider: providers.deepinfra, model: providers.deepinfra.models[0]! };
    const r = mapA1111("a\nSteps: 20, Seed: 18446744073709551615", deepinfra, { seed: 5 }, "f");
    expect(r.input.seed).toBe("18446744073709551615");
    expect(r.notes.unused).toEqual([]);
    expect(r.notes.adjustments.join(" ")).not.toMatch(/seed/i);
    // One past the field's range is still listed, never clamped.
    const over = mapA1111("a\nSteps: 20, Seed: 18446744073709551616", deepinfra, { seed: 5 }, "f");
    expect(over.input.seed).toBe(5);
    expect(over.notes.unused).toEqual([{ key: "Seed", value: "18446744073709551616", reason: "too large for this model's seed field" }]);
  });
});

describe("our JSON → the model it names, input as it was", () => {
  const input = {
    prompt: "exact",
    negative_prompt: "n",
    image_size: "square_hd",
    num_images: 1,
    num_inference_steps: 33,
    seed: 77,
    enable_safety_checker: false,
    output_format: "png",
  };
  const g = generation({ input, sent: { model: "stable-diffusion-v35-large", ...input }, seed: "77", images: [image(1024, 1024)] });

  it("round-trips a generation's settings, whatever model is selected", () => {
    const r = settingsToForm(settingsForGeneration(g), segmind, { prompt: "current" }, "aimlapi.png");
    expect(r).toEqual({
      provider: "aimlapi",
      model: "stable-diffusion-v35-large",
      input,
      notes: { fileName: "aimlapi.png", source: "ours", used: 8, unused: [], adjustments: [] },
    });
  });

  it("loads the seed the provider reported when the request sent none, and lists one the field cannot hold", () => {
    const fal = providers.fal.models[0]!;
    const made = (seed: string) => generation({ provider: "fal", model: fal.id, input: { ...fal.defaults, prompt: "a fox" }, seed, images: [image(1024, 768)] });
    expect(settingsToForm(settingsForGeneration(made("987654")), segmind, {}, "fox.png")!.input.seed).toBe(987654);
    const big = settingsToForm(settingsForGeneration(made("18446744073709551615")), segmind, {}, "fox.png")!;
    expect(big.input).not.toHaveProperty("seed");
    expect(big.notes.unused).toEqual([{ key: "seed", value: "18446744073709551615", reason: "the seed used is too large for this field" }]);
  });

  it("loads a DeepInfra seed past 2^53 with every digit, reported or sent", () => {
    const di = providers.deepinfra.models[0]!;
    for (const seed of ["12345678901234567891", "18446744073709551615"]) {
      const reported = generation({ provider: "deepinfra", model: di.id, input: { ...di.defaults, prompt: "a fox" }, seed, images: [image(1024, 1024)] });
      expect(settingsToForm(settingsForGeneration(reported), segmind, {}, "fox.png")).toMatchObject({ provider: "deepinfra", input: { seed }, notes: { unused: [] } });
      const sent = generation({ provider: "deepinfra", model: di.id, input: { ...di.defaults, prompt: "a fox", seed }, seed: null, images: [image(1024, 1024)] });
      expect(settingsToForm(settingsForGeneration(sent), segmind, {}, "fox.png")).toMatchObject({ provider: "deepinfra", input: { seed }, notes: { unused: [] } });
    }
  });

  it("lists values the model no longer accepts instead of loading them", () => {
    const json = JSON.stringify({
      app: "sd3-playground",
      version: 1,
      provider: "eachlabs",
      model: "stable-diffusion-3.5-large",
      input: { prompt: "p", image: "[uploaded image omitted: 12 KB]", steps: 99, gone: 1 },
    });
    const r = loadOurJson(json, "f.png")!;
    expect(r.input).toEqual({ prompt: "p" });
    expect(keys(r)).toEqual(["image", "steps", "gone"]);
    expect(r.notes.unused[2]!.reason).toBe("no such setting on this model");
  });

  it("falls back to the A1111 text when the JSON is foreign or its model is gone", () => {
    const a1111 = formatA1111({ prompt: "from text", steps: 20, extra: {} });
    const foreign = JSON.stringify({ app: "other", provider: "aimlapi", model: "stable-diffusion-v35-large", input: {} });
    expect(settingsToForm({ a1111, json: foreign }, segmind, {}, "f")?.notes.source).toBe("a1111");
    const gone = JSON.stringify({ app: "sd3-playground", provider: "aimlapi", model: "retired", input: {} });
    expect(settingsToForm({ a1111, json: gone }, segmind, {}, "f")?.input.prompt).toBe("from text");
    expect(settingsToForm({ json: "{not json" }, segmind, {}, "f")).toBeNull();
    expect(settingsToForm({}, segmind, {}, "f")).toBeNull();
  });

  it("our own A1111 text maps back onto another model by role and label", () => {
    const { a1111 } = settingsForGeneration(g);
    const r = mapA1111(a1111, segmind, {}, "f");
    expect(r.input).toMatchObject({ prompt: "exact", negative_prompt: "n", steps: 33, seed: 77, image_format: "png", batch_size: 1 });
    expect(r.input.aspect_ratio).toBe("1:1 square 1024x1024");
    expect(keys(r)).toEqual(["Model", "Provider", "Image size", "Safety checker"]);
  });
});

describe("sampler names", () => {
  const options = Object.entries({ euler: "Euler", dpmpp_2m: "DPM++ 2M", sgm_uniform: "SGM uniform" }).map(([value, label]) => ({
    value,
    label,
  }));
  it("matches through the table, by label, or by the provider's own value", () => {
    expect(matchOption("sampler", "DPM++ 2M", options)?.value).toBe("dpmpp_2m");
    expect(matchOption("sampler", "dpmpp_2m", options)?.value).toBe("dpmpp_2m");
    expect(matchOption("scheduler", "SGM Uniform", options)?.value).toBe("sgm_uniform");
    expect(matchOption("sampler", "Euler a", options)).toBeUndefined();
  });
  it("splits pre-1.9 combined names only when they are not samplers themselves", () => {
    expect(splitSampler("DPM++ 2M Karras", undefined)).toEqual({ sampler: "DPM++ 2M", schedule: "Karras" });
    expect(splitSampler("DPM++ 2M SDE", undefined)).toEqual({ sampler: "DPM++ 2M SDE" });
    expect(splitSampler("DPM++ 2M Karras", "Exponential")).toEqual({ sampler: "DPM++ 2M Karras", schedule: "Exponential" });
    expect(splitSampler("Euler", "Automatic")).toEqual({ sampler: "Euler", schedule: "Automatic" });
  });
});
