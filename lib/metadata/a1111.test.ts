import { describe, expect, it } from "vitest";
import { formatA1111, parseA1111, quote, unquote, type A1111Params } from "./a1111";

// As A1111 v1.10.1 writes it: multi-line prompt and negative, hires fix, quoted Lora hashes, Python-style "7.0".
const SDXL_HIRES = [
  "masterpiece, best quality, (a lighthouse on a cliff:1.2), dramatic sky,",
  "golden hour, <lora:add_detail:0.6> <lora:film_grain:0.4>",
  "Negative prompt: lowres, bad anatomy, (worst quality:1.4),",
  "watermark, signature",
  'Steps: 28, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 7.0, Seed: 1234567890, Size: 832x1216, Model hash: 31e35c80fc, Model: sd_xl_base_1.0, Denoising strength: 0.35, Hires upscale: 1.5, Hires steps: 12, Hires upscaler: 4x-UltraSharp, Lora hashes: "add_detail: 7c6bad76eb54, film_grain: 1a2b3c4d5e6f", Version: v1.10.1',
].join("\n");

// SD 3.5 without a negative prompt, plus an ADetailer-style quoted value with an escaped quote and newline.
const SD35_NO_NEGATIVE = [
  "a cozy reading nook by a rain-streaked window, warm lamp light, 35mm photo",
  'Steps: 40, Sampler: Euler, Schedule type: SGM Uniform, CFG scale: 4.5, Seed: 3141592653, Size: 1024x1024, Model hash: 11fe06e223, Model: sd3.5_large, Clip skip: 2, ADetailer prompt: "a \\"smiling\\" face,\\nsharp eyes", TI hashes: "easynegative: c74b4e810b03", Emphasis: No norm, Version: v1.10.1',
].join("\n");

describe("parseA1111", () => {
  it("parses an SDXL hires-fix infotext with multi-line prompt and negative", () => {
    expect(parseA1111(SDXL_HIRES)).toEqual({
      prompt:
        "masterpiece, best quality, (a lighthouse on a cliff:1.2), dramatic sky,\ngolden hour, <lora:add_detail:0.6> <lora:film_grain:0.4>",
      negativePrompt: "lowres, bad anatomy, (worst quality:1.4),\nwatermark, signature",
      steps: 28,
      sampler: "DPM++ 2M",
      scheduleType: "Karras",
      cfgScale: 7,
      seed: "1234567890",
      width: 832,
      height: 1216,
      model: "sd_xl_base_1.0",
      extra: {
        "Model hash": "31e35c80fc",
        "Denoising strength": "0.35",
        "Hires upscale": "1.5",
        "Hires steps": "12",
        "Hires upscaler": "4x-UltraSharp",
        "Lora hashes": "add_detail: 7c6bad76eb54, film_grain: 1a2b3c4d5e6f",
        Version: "v1.10.1",
      },
    } satisfies A1111Params);
  });

  it("parses an SD3.5 infotext without a negative prompt", () => {
    const p = parseA1111(SD35_NO_NEGATIVE);
    expect(p.prompt).toBe("a cozy reading nook by a rain-streaked window, warm lamp light, 35mm photo");
    expect(p.negativePrompt).toBeUndefined();
    expect(p).toMatchObject({ steps: 40, sampler: "Euler", scheduleType: "SGM Uniform", cfgScale: 4.5 });
    expect(p).toMatchObject({ seed: "3141592653", width: 1024, height: 1024, model: "sd3.5_large" });
    expect(p.extra).toEqual({
      "Model hash": "11fe06e223",
      "Clip skip": "2",
      "ADetailer prompt": 'a "smiling" face,\nsharp eyes',
      "TI hashes": "easynegative: c74b4e810b03",
      Emphasis: "No norm",
      Version: "v1.10.1",
    });
  });

  it("reproduces A1111's text exactly when formatting what it parsed", () => {
    expect(formatA1111(parseA1111(SDXL_HIRES))).toBe(SDXL_HIRES);
    expect(formatA1111(parseA1111(SD35_NO_NEGATIVE))).toBe(SD35_NO_NEGATIVE);
  });

  it("treats text without a parameters line as prompt only", () => {
    expect(parseA1111("a cat\nstyle: anime")).toEqual({ prompt: "a cat\nstyle: anime", extra: {} });
    expect(parseA1111("portrait: soft light")).toEqual({ prompt: "portrait: soft light", extra: {} });
    expect(parseA1111("a dog\nNegative prompt: blurry")).toEqual({ prompt: "a dog", negativePrompt: "blurry", extra: {} });
  });

  it("handles CRLF line endings and keeps unparseable known values in extra", () => {
    const p = parseA1111("a cat\r\nSteps: many, Seed: 12, Size: big, Sampler: Euler");
    expect(p).toEqual({ prompt: "a cat", seed: "12", sampler: "Euler", extra: { Steps: "many", Size: "big" } });
  });
});

describe("formatA1111", () => {
  it("writes the documented layout", () => {
    const text = formatA1111({
      prompt: "a lighthouse",
      negativePrompt: "blurry",
      steps: 30,
      sampler: "Euler",
      scheduleType: "SGM Uniform",
      cfgScale: 5.5,
      seed: "98552302",
      width: 1024,
      height: 1024,
      model: "sd3.5_large",
      extra: { Version: "v1.10.1" },
    });
    expect(text).toBe(
      "a lighthouse\nNegative prompt: blurry\n" +
        "Steps: 30, Sampler: Euler, Schedule type: SGM Uniform, CFG scale: 5.5, Seed: 98552302, Size: 1024x1024, Model: sd3.5_large, Version: v1.10.1",
    );
  });

  it("omits an empty negative prompt and missing fields", () => {
    expect(formatA1111({ prompt: "x", negativePrompt: "", steps: 4, extra: {} })).toBe("x\nSteps: 4");
    expect(formatA1111({ prompt: "just a prompt", extra: {} })).toBe("just a prompt");
  });

  it("quotes like A1111's quote(), plus values unquote would otherwise mangle", () => {
    expect(quote("Euler a")).toBe("Euler a");
    expect(quote("a: 1, b: 2")).toBe('"a: 1, b: 2"');
    expect(quote("line\nbreak")).toBe('"line\\nbreak"');
    expect(quote('"already"')).toBe('"\\"already\\""');
    expect(unquote('"a: 1, b: 2"')).toBe("a: 1, b: 2");
    expect(unquote('"broken')).toBe('"broken');
  });
});

describe("round trip parse(format(x))", () => {
  const cases: A1111Params[] = [
    {
      prompt: "café 東京 🌅\nsecond line, (detailed:1.1)",
      negativePrompt: "text, watermark\nextra limbs",
      steps: 28,
      sampler: "DPM++ 2M SDE",
      scheduleType: "Karras",
      cfgScale: 7,
      seed: "1234567890123456789",
      width: 1216,
      height: 832,
      model: "sd3.5_large_turbo",
      extra: {
        "Model hash": "ffd4a2ab9c",
        "Lora hashes": "a: 1, b: 2",
        Quoted: '"x"',
        Empty: "",
        Padded: " spaced ",
        "Hires upscale": "2",
        Version: "v1.10.1",
      },
    },
    { prompt: "sparse", seed: "42", extra: {} },
    { prompt: "", negativePrompt: "only negative", steps: 20, cfgScale: 3.5, extra: {} },
    { prompt: "no params at all", extra: {} },
  ];
  it.each(cases.map((c) => [c.prompt.split("\n")[0], c] as const))("%s", (_name, params) => {
    expect(parseA1111(formatA1111(params))).toEqual(params);
  });
});
