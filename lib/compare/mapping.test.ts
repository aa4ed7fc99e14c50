import { describe, expect, it } from "vitest";
import { allTargets } from "@/lib/providers";
import type { ModelDefinition, ProviderDefinition } from "@/lib/providers/types";
import { mapShared, sharedFieldNames, type MappedTarget, type SharedValues } from "./mapping";

const keys = [
  "aimlapi/stable-diffusion-v35-large",
  "aimlapi/stable-diffusion-v3-medium",
  "segmind/stable-diffusion-3.5-large-txt2img",
  "eachlabs/stable-diffusion-3.5-large",
  "imagepipeline/sd3_5",
] as const;
type Key = (typeof keys)[number];
/** Models whose own shapes (aspect ratios only, size presets, their seed ranges) are pinned in mapping-shapes.test.ts. */
const coveredByShapeTests = [
  ...["sd3.5-large", "sd3.5-large-turbo", "sd3.5-medium", "sd3-large", "sd3-large-turbo", "sd3-medium"].map((m) => `stability/${m}`),
  ...["stable-diffusion-v35-large", "stable-diffusion-v35-large/turbo", "stable-diffusion-v35-medium", "stable-diffusion-v3-medium"].map(
    (m) => `fal/fal-ai/${m}`,
  ),
];
type ProviderKey = "aimlapi" | "segmind" | "eachlabs" | "imagepipeline";

const registry = new Map(allTargets().map((t) => [`${t.provider.id}/${t.model.id}`, t]));

function target(key: Key): { provider: ProviderDefinition; model: ModelDefinition } {
  const t = registry.get(key);
  if (!t) throw new Error(`${key} is not in the registry`);
  return t;
}

const providerOf = (key: Key) => key.split("/")[0] as ProviderKey;
const keysOf = (provider: ProviderKey) => keys.filter((k) => providerOf(k) === provider);

const prompt = "A lighthouse on a rocky cliff at dusk";
const base: SharedValues = { prompt, width: 1024, height: 1024 };

function run(key: Key, shared: Partial<SharedValues> = {}, overrides?: Record<string, unknown>): MappedTarget {
  const { provider, model } = target(key);
  return mapShared(provider.label, model, { ...base, ...shared }, overrides);
}

/** What each model is sent for `base` (1024×1024, no seed/steps/cfg, no negative prompt). */
const aimlBase = {
  prompt,
  negative_prompt: "",
  image_size: "square_hd",
  num_images: 1,
  num_inference_steps: 50,
  enable_safety_checker: true,
};
const baseInput: Record<Key, Record<string, unknown>> = {
  "aimlapi/stable-diffusion-v35-large": { ...aimlBase, output_format: "jpeg" },
  "aimlapi/stable-diffusion-v3-medium": aimlBase,
  "segmind/stable-diffusion-3.5-large-txt2img": {
    prompt,
    negative_prompt: "",
    aspect_ratio: "1:1 square 1024x1024",
    batch_size: 1,
    steps: 30,
    guidance_scale: 5.5,
    sampler: "euler",
    scheduler: "sgm_uniform",
    image_format: "jpeg",
    image_quality: 95,
  },
  "eachlabs/stable-diffusion-3.5-large": {
    prompt,
    aspect_ratio: "1:1",
    cfg: 3.5,
    steps: 35,
    prompt_strength: 0.85,
    output_format: "webp",
    output_quality: 90,
  },
  "imagepipeline/sd3_5": {
    prompt,
    negative_prompt: "",
    width: 1024,
    height: 1024,
    num_inference_steps: 4,
    guidance_scale: 0,
    samples: 1,
  },
};

/** The base input with `patch` applied; an undefined value removes the key. */
function expected(key: Key, patch: Record<string, unknown> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = { ...baseInput[key], ...patch };
  for (const [k, v] of Object.entries(out)) if (v === undefined) delete out[k];
  return out;
}

/** [kind, message] of the adjustments for one shared role (all when omitted). */
const adjusted = (m: MappedTarget, role?: string) =>
  m.adjustments.filter((a) => role === undefined || a.role === role).map((a) => [a.kind, a.message]);

const eachlabsSquare = ["preset", "Eachlabs' SD3.5 Large takes an aspect ratio, not pixels: sent 1:1 for 1024×1024."];

/**
 * Issue 11's models: what each is sent for `base`, and the adjustments named for it. The detailed tables below cover
 * the seed models; lib/compare/families.test.ts covers these models' own shapes (ratios only, no steps, snapping).
 */
const ratioNote = (subject: string) => ["preset", `${subject} takes an aspect ratio, not pixels: sent 1:1 for 1024×1024.`];
const stabilityBase = { prompt, aspect_ratio: "1:1", prompt_strength: 0.85, output_format: "webp" };
const segmindLarge = baseInput["segmind/stable-diffusion-3.5-large-txt2img"];
const newModels: Record<string, { input: Record<string, unknown>; adjusted: string[][] }> = {
  "segmind/stable-diffusion-3.5-turbo-txt2img": { input: { ...segmindLarge, steps: 4, guidance_scale: 1, sampler: "dpmpp_2m" }, adjusted: [] },
  "segmind/stable-diffusion-3-medium-txt2img": {
    input: {
      prompt,
      negative_prompt: "",
      img_width: 1024,
      img_height: 1024,
      num_inference_steps: 25,
      guidance_scale: 5,
      samples: 1,
      scheduler: "DPM++ 2M",
      denoise: 1,
      modelsamplingsd3_shift: 3,
      conditioningsettimesteprange_start: 0.1,
      conditioningsettimesteprange_stop: 1,
    },
    adjusted: [],
  },
  "eachlabs/stable-diffusion-3.5-large-turbo": {
    input: { ...stabilityBase, cfg: 1, steps: 4, output_quality: 90 },
    adjusted: [ratioNote("Eachlabs' SD3.5 Large Turbo")],
  },
  "eachlabs/stable-diffusion-3.5-medium": {
    input: { ...stabilityBase, cfg: 5, steps: 40, output_quality: 90 },
    adjusted: [ratioNote("Eachlabs' SD3.5 Medium")],
  },
  "imagepipeline/sd3": {
    input: { ...baseInput["imagepipeline/sd3_5"], num_inference_steps: 29, guidance_scale: 7 },
    adjusted: [],
  },
  "replicate/stable-diffusion-3.5-large": {
    input: { ...stabilityBase, cfg: 3.5, steps: 35, output_quality: 90 },
    adjusted: [ratioNote("Replicate's SD3.5 Large")],
  },
  "replicate/stable-diffusion-3.5-large-turbo": {
    input: { ...stabilityBase, negative_prompt: "", cfg: 1 },
    adjusted: [ratioNote("Replicate's SD3.5 Large Turbo")],
  },
  "replicate/stable-diffusion-3.5-medium": {
    input: { ...stabilityBase, negative_prompt: "", cfg: 5 },
    adjusted: [ratioNote("Replicate's SD3.5 Medium")],
  },
  "deepinfra/stabilityai/sd3.5": {
    input: { prompt, negative_prompt: "", aspect_ratio: "1:1", num_inference_steps: 35, guidance_scale: 7, num_images: 1 },
    adjusted: [ratioNote("DeepInfra's SD3.5 Large")],
  },
  "deepinfra/stabilityai/sd3.5-medium": {
    input: { prompt, negative_prompt: "", aspect_ratio: "1:1", num_inference_steps: 35, guidance_scale: 7, num_images: 1 },
    adjusted: [ratioNote("DeepInfra's SD3.5 Medium")],
  },
};

describe("the test tables", () => {
  it("cover every model in the registry", () => {
    expect([...registry.keys()].sort()).toEqual([...keys, ...Object.keys(newModels), ...coveredByShapeTests].sort());
  });
});

describe("base mapping", () => {
  it.each(keys)("%s: defaults plus the shared values, nothing else", (key) => {
    const m = run(key);
    expect(m.input).toStrictEqual(expected(key));
    expect(adjusted(m)).toEqual(key.startsWith("eachlabs") ? [eachlabsSquare] : []);
  });

  it.each(Object.keys(newModels))("%s (issue 11): defaults plus the shared values, and the named adjustments", (key) => {
    const t = registry.get(key)!;
    const m = mapShared(t.provider.label, t.model, base);
    expect(m.input).toStrictEqual(newModels[key]!.input);
    expect(adjusted(m)).toEqual(newModels[key]!.adjusted);
  });

  it("does not change the model's defaults or the overrides object", () => {
    const { model } = target("segmind/stable-diffusion-3.5-large-txt2img");
    const before = structuredClone(model.defaults);
    const overrides = { sampler: "dpmpp_2m" };
    run("segmind/stable-diffusion-3.5-large-txt2img", { width: 1344, height: 768, seed: 3 }, overrides);
    expect(model.defaults).toStrictEqual(before);
    expect(overrides).toStrictEqual({ sampler: "dpmpp_2m" });
  });
});

describe("steps", () => {
  const field: Record<ProviderKey, string> = {
    aimlapi: "num_inference_steps",
    segmind: "steps",
    eachlabs: "steps",
    imagepipeline: "num_inference_steps",
  };
  // [provider, asked, sent, message or null]
  const cases: [ProviderKey, number, number, string | null][] = [
    ["aimlapi", 1, 1, null],
    ["aimlapi", 9, 9, null],
    ["aimlapi", 10, 10, null],
    ["aimlapi", 50, 50, null],
    ["aimlapi", 51, 50, "Steps lowered to AI/ML API's maximum of 50."],
    ["aimlapi", 70, 50, "Steps lowered to AI/ML API's maximum of 50."],
    ["aimlapi", 71, 50, "Steps lowered to AI/ML API's maximum of 50."],
    ["segmind", 1, 10, "Steps raised to Segmind's minimum of 10."],
    ["segmind", 9, 10, "Steps raised to Segmind's minimum of 10."],
    ["segmind", 10, 10, null],
    ["segmind", 50, 50, null],
    ["segmind", 51, 51, null],
    ["segmind", 70, 70, null],
    ["segmind", 71, 70, "Steps lowered to Segmind's maximum of 70."],
    ["eachlabs", 1, 1, null],
    ["eachlabs", 9, 9, null],
    ["eachlabs", 10, 10, null],
    ["eachlabs", 50, 50, null],
    ["eachlabs", 51, 50, "Steps lowered to Eachlabs' maximum of 50."],
    ["eachlabs", 70, 50, "Steps lowered to Eachlabs' maximum of 50."],
    ["eachlabs", 71, 50, "Steps lowered to Eachlabs' maximum of 50."],
    ["imagepipeline", 1, 1, null],
    ["imagepipeline", 9, 9, null],
    ["imagepipeline", 10, 10, null],
    ["imagepipeline", 50, 50, null],
    ["imagepipeline", 51, 50, "Steps lowered to ImagePipeline's maximum of 50."],
    ["imagepipeline", 70, 50, "Steps lowered to ImagePipeline's maximum of 50."],
    ["imagepipeline", 71, 50, "Steps lowered to ImagePipeline's maximum of 50."],
  ];
  it.each(cases)("%s: steps %d → %d", (provider, asked, sent, message) => {
    for (const key of keysOf(provider)) {
      const m = run(key, { steps: asked });
      expect(m.input).toStrictEqual(expected(key, { [field[provider]]: sent }));
      expect(adjusted(m, "steps")).toEqual(message ? [["clamped", message]] : []);
    }
  });

  it("reports the full adjustment", () => {
    expect(run("segmind/stable-diffusion-3.5-large-txt2img", { steps: 9 }).adjustments).toEqual([
      {
        role: "steps",
        field: "steps",
        kind: "clamped",
        from: 9,
        to: 10,
        message: "Steps raised to Segmind's minimum of 10.",
      },
    ]);
  });

  it("rounds a fractional step count to a whole number", () => {
    const m = run("imagepipeline/sd3_5", { steps: 10.6 });
    expect(m.input.num_inference_steps).toBe(11);
    expect(adjusted(m)).toEqual([["snapped", "Steps rounded to 11."]]);
  });

  it("undefined keeps each model's default, unreported", () => {
    for (const key of keys) {
      const m = run(key, { steps: undefined });
      expect(m.input).toStrictEqual(expected(key));
      expect(adjusted(m, "steps")).toEqual([]);
    }
  });

  it("a non-number keeps the model's default and says so", () => {
    const m = run("segmind/stable-diffusion-3.5-large-txt2img", { steps: Number.NaN });
    expect(m.input).toStrictEqual(expected("segmind/stable-diffusion-3.5-large-txt2img"));
    expect(adjusted(m)).toEqual([["defaulted", "Steps NaN is not a number: sent Segmind's default of 30."]]);
  });
});

describe("cfg", () => {
  const field: Record<ProviderKey, string> = {
    aimlapi: "guidance_scale",
    segmind: "guidance_scale",
    eachlabs: "cfg",
    imagepipeline: "guidance_scale",
  };
  const cases: [ProviderKey, number, number, string | null][] = [
    ["aimlapi", 0, 1, "Guidance scale raised to AI/ML API's minimum of 1."],
    ["aimlapi", 1, 1, null],
    ["aimlapi", 15, 15, null],
    ["aimlapi", 15.1, 15.1, null],
    ["aimlapi", 20, 20, null],
    ["aimlapi", 21, 20, "Guidance scale lowered to AI/ML API's maximum of 20."],
    ["segmind", 0, 1, "Guidance scale raised to Segmind's minimum of 1."],
    ["segmind", 1, 1, null],
    ["segmind", 15, 15, null],
    ["segmind", 15.1, 15, "Guidance scale lowered to Segmind's maximum of 15."],
    ["segmind", 20, 15, "Guidance scale lowered to Segmind's maximum of 15."],
    ["segmind", 21, 15, "Guidance scale lowered to Segmind's maximum of 15."],
    ["eachlabs", 0, 0, null],
    ["eachlabs", 1, 1, null],
    ["eachlabs", 15, 15, null],
    ["eachlabs", 15.1, 15.1, null],
    ["eachlabs", 20, 20, null],
    ["eachlabs", 21, 20, "Guidance scale lowered to Eachlabs' maximum of 20."],
    ["imagepipeline", 0, 0, null],
    ["imagepipeline", 1, 1, null],
    ["imagepipeline", 15, 15, null],
    ["imagepipeline", 15.1, 15.1, null],
    ["imagepipeline", 20, 20, null],
    ["imagepipeline", 21, 20, "Guidance scale lowered to ImagePipeline's maximum of 20."],
  ];
  it.each(cases)("%s: cfg %d → %d", (provider, asked, sent, message) => {
    for (const key of keysOf(provider)) {
      const m = run(key, { cfg: asked });
      expect(m.input).toStrictEqual(expected(key, { [field[provider]]: sent }));
      expect(adjusted(m, "cfg")).toEqual(message ? [["clamped", message]] : []);
    }
  });

  it("is not snapped to the slider's 0.1 step hint", () => {
    expect(run("segmind/stable-diffusion-3.5-large-txt2img", { cfg: 4.25 }).input.guidance_scale).toBe(4.25);
  });
});

describe("seed", () => {
  const max = Number.MAX_SAFE_INTEGER;
  const cases: [ProviderKey, number, number | string, string | null][] = [
    ["aimlapi", 0, 1, "AI/ML API does not accept seed 0; sent 1."],
    ["aimlapi", 1, 1, null],
    // A 64-bit field: past 2^53 the seed goes as its digits, none lost.
    ["aimlapi", max + 1, "9007199254740992", null],
    ["segmind", 0, 0, null],
    ["segmind", 1, 1, null],
    ["segmind", max + 1, max, "Segmind does not accept seed 9007199254740992; sent 9007199254740991."],
    ["eachlabs", 0, 0, null],
    ["eachlabs", 1, 1, null],
    ["eachlabs", max + 1, max, "Eachlabs does not accept seed 9007199254740992; sent 9007199254740991."],
  ];
  it.each(cases)("%s: seed %d → %d", (provider, asked, sent, message) => {
    for (const key of keysOf(provider)) {
      const m = run(key, { seed: asked });
      expect(m.input).toStrictEqual(expected(key, { seed: sent }));
      expect(adjusted(m, "seed")).toEqual(message ? [["clamped", message]] : []);
    }
  });

  it("a seed past 2^53 reaches a 64-bit field digit for digit, and is clamped, and said, past a field's own end", () => {
    const mapped = (key: string, seed: number | string) => {
      const t = registry.get(key)!;
      return mapShared(t.provider.label, t.model, { ...base, seed });
    };
    const signedMax = "9223372036854775807";
    for (const seed of ["1234567890123456789", signedMax]) {
      for (const key of ["deepinfra/stabilityai/sd3.5", "fal/fal-ai/stable-diffusion-v35-large", "aimlapi/stable-diffusion-v3-medium"]) {
        const m = mapped(key, seed);
        expect(m.input.seed).toBe(seed);
        expect(adjusted(m, "seed")).toEqual([]);
      }
    }
    for (const seed of ["12345678901234567891", "18446744073709551615"]) {
      for (const key of ["deepinfra/stabilityai/sd3.5", "deepinfra/stabilityai/sd3.5-medium"]) {
        const m = mapped(key, seed);
        expect(m.input.seed).toBe(seed);
        expect(adjusted(m, "seed")).toEqual([]);
      }
      // fal's seed is signed 64-bit: a larger one is clamped to its end, digit for digit, and said.
      const fal = mapped("fal/fal-ai/stable-diffusion-v35-large", seed);
      expect(fal.input.seed).toBe(signedMax);
      expect(adjusted(fal, "seed")).toEqual([["clamped", `fal does not accept seed ${seed}; sent ${signedMax}.`]]);
    }
    // A 32-bit field still clamps a big seed to its end.
    const stability = mapped("stability/sd3.5-large", "12345678901234567891");
    expect(stability.input.seed).toBe(4294967294);
    // A small seed stays a number, into the 64-bit field and back out of it.
    expect(mapped("deepinfra/stabilityai/sd3.5", 7).input.seed).toBe(7);
    expect(mapped("fal/fal-ai/stable-diffusion-v35-large", 7).input.seed).toBe(7);
  });

  it("AI/ML API: seed 0 is reported in full", () => {
    expect(run("aimlapi/stable-diffusion-v35-large", { seed: 0 }).adjustments).toEqual([
      { role: "seed", field: "seed", kind: "clamped", from: 0, to: 1, message: "AI/ML API does not accept seed 0; sent 1." },
    ]);
  });

  it.each([0, 1, Number.MAX_SAFE_INTEGER + 1])("ImagePipeline takes no seed: %d is dropped and reported", (seed) => {
    const m = run("imagepipeline/sd3_5", { seed });
    expect(m.input).toStrictEqual(expected("imagepipeline/sd3_5"));
    expect(m.adjustments).toEqual([
      {
        role: "seed",
        field: null,
        kind: "dropped",
        from: seed,
        to: undefined,
        message: "ImagePipeline's SD3.5 takes no seed: not sent.",
      },
    ]);
  });

  it("undefined sends no seed (and is not reported), even if an override has one", () => {
    for (const key of keys) {
      const m = run(key, {}, { seed: 42 });
      expect(m.input).not.toHaveProperty("seed");
      expect(adjusted(m, "seed")).toEqual([]);
    }
  });
});

describe("size", () => {
  type Row = [width: number, height: number, patch: Record<string, unknown>, adjustments: string[][]];
  const aiml = (to: unknown) => ({ image_size: to });
  const aimlRange = (w: number, h: number) => [
    "clamped",
    `Size changed to ${w}×${h}: AI/ML API takes 64–1536 px per side, in multiples of 32.`,
  ];
  const custom = (width: number, height: number) => ({ aspect_ratio: "custom", width, height });
  const ratio = (r: string) => ({ aspect_ratio: r });
  const eachlabsExact = (r: string, w: number, h: number) => [
    "preset",
    `Eachlabs' SD3.5 Large takes an aspect ratio, not pixels: sent ${r} for ${w}×${h}.`,
  ];
  const ip = (width: number, height: number) => ({ width, height });

  const table: Record<ProviderKey, Row[]> = {
    aimlapi: [
      [64, 64, aiml({ width: 64, height: 64 }), []],
      [63, 63, aiml({ width: 64, height: 64 }), [aimlRange(64, 64)]],
      [1536, 1536, aiml({ width: 1536, height: 1536 }), []],
      [1537, 1537, aiml({ width: 1536, height: 1536 }), [aimlRange(1536, 1536)]],
      [2048, 2048, aiml({ width: 1536, height: 1536 }), [aimlRange(1536, 1536)]],
      [2049, 2049, aiml({ width: 1536, height: 1536 }), [aimlRange(1536, 1536)]],
      [2049, 1000, aiml({ width: 1536, height: 992 }), [aimlRange(1536, 992)]],
      [1000, 600, aiml({ width: 992, height: 608 }), [["snapped", "Size snapped to 992×608, a multiple of 32."]]],
      [1024, 1024, aiml("square_hd"), []],
      [1344, 768, aiml({ width: 1344, height: 768 }), []],
      [1024, 576, aiml("landscape_16_9"), []],
      [576, 1024, aiml("portrait_16_9"), []],
      [512, 512, aiml("square"), []],
    ],
    segmind: [
      [64, 64, custom(64, 64), []],
      [63, 63, custom(64, 64), [["clamped", "Size changed to 64×64: Segmind takes 64–2048 px per side."]]],
      [1536, 1536, custom(1536, 1536), []],
      [1537, 1537, custom(1537, 1537), []],
      [2048, 2048, custom(2048, 2048), []],
      [2049, 2049, custom(2048, 2048), [["clamped", "Size changed to 2048×2048: Segmind takes 64–2048 px per side."]]],
      [1000, 600, custom(1000, 600), []],
      [1024, 1024, ratio("1:1 square 1024x1024"), []],
      [1344, 768, ratio("16:9 landscape 1344x768"), []],
      [768, 1344, ratio("9:16 portrait 768x1344"), []],
      [1024, 576, custom(1024, 576), []],
    ],
    eachlabs: [
      [64, 64, ratio("1:1"), [eachlabsExact("1:1", 64, 64)]],
      [63, 63, ratio("1:1"), [eachlabsExact("1:1", 63, 63)]],
      [1536, 1536, ratio("1:1"), [eachlabsExact("1:1", 1536, 1536)]],
      [1537, 1537, ratio("1:1"), [eachlabsExact("1:1", 1537, 1537)]],
      [2048, 2048, ratio("1:1"), [eachlabsExact("1:1", 2048, 2048)]],
      [2049, 2049, ratio("1:1"), [eachlabsExact("1:1", 2049, 2049)]],
      [1000, 600, ratio("16:9"), [["preset", "Nearest aspect ratio 16:9 for 1000×600."]]],
      [1024, 1024, ratio("1:1"), [eachlabsExact("1:1", 1024, 1024)]],
      [1344, 768, ratio("16:9"), [["preset", "Nearest aspect ratio 16:9 for 1344×768."]]],
      [1024, 576, ratio("16:9"), [eachlabsExact("16:9", 1024, 576)]],
      [1280, 720, ratio("16:9"), [eachlabsExact("16:9", 1280, 720)]],
      [832, 1216, ratio("2:3"), [["preset", "Nearest aspect ratio 2:3 for 832×1216."]]],
      [1600, 640, ratio("21:9"), [["preset", "Nearest aspect ratio 21:9 for 1600×640."]]],
      [800, 1000, ratio("4:5"), [eachlabsExact("4:5", 800, 1000)]],
    ],
    imagepipeline: [
      [64, 64, ip(64, 64), []],
      [
        63,
        63,
        ip(64, 64),
        [["clamped", "Size changed to 64×64: ImagePipeline takes 64–2048 px per side, in multiples of 8."]],
      ],
      [1536, 1536, ip(1536, 1536), []],
      [1537, 1537, ip(1536, 1536), [["snapped", "Size snapped to 1536×1536, a multiple of 8."]]],
      [2048, 2048, ip(2048, 2048), []],
      [
        2049,
        2049,
        ip(2048, 2048),
        [["clamped", "Size changed to 2048×2048: ImagePipeline takes 64–2048 px per side, in multiples of 8."]],
      ],
      [1000, 600, ip(1000, 600), []],
      [1001, 597, ip(1000, 600), [["snapped", "Size snapped to 1000×600, a multiple of 8."]]],
      [1024, 1024, ip(1024, 1024), []],
      [1344, 768, ip(1344, 768), []],
      [1024, 576, ip(1024, 576), []],
    ],
  };

  const rows = (Object.entries(table) as [ProviderKey, Row[]][]).flatMap(([provider, list]) =>
    list.map(([w, h, patch, adj]) => [provider, w, h, patch, adj] as const),
  );

  it.each(rows)("%s: %d×%d", (provider, width, height, patch, adj) => {
    for (const key of keysOf(provider)) {
      const m = run(key, { width, height });
      // Segmind's width/height are only sent with aspect ratio "custom" (showWhen).
      const hidden = provider === "segmind" && patch.aspect_ratio !== "custom" ? { width: undefined, height: undefined } : {};
      expect(m.input).toStrictEqual(expected(key, { ...hidden, ...patch }));
      expect(adjusted(m, "size")).toEqual(adj);
    }
  });

  it("reports the size adjustment in full", () => {
    expect(run("aimlapi/stable-diffusion-v35-large", { width: 1000, height: 600 }).adjustments).toEqual([
      {
        role: "size",
        field: "image_size",
        kind: "snapped",
        from: { width: 1000, height: 600 },
        to: { width: 992, height: 608 },
        message: "Size snapped to 992×608, a multiple of 32.",
      },
    ]);
    expect(run("eachlabs/stable-diffusion-3.5-large", { width: 1000, height: 600 }).adjustments).toEqual([
      {
        role: "size",
        field: "aspect_ratio",
        kind: "preset",
        from: { width: 1000, height: 600 },
        to: "16:9",
        message: "Nearest aspect ratio 16:9 for 1000×600.",
      },
    ]);
    expect(run("imagepipeline/sd3_5", { width: 2049, height: 2049 }).adjustments[0]).toMatchObject({
      role: "size",
      field: "width",
      kind: "clamped",
      to: { width: 2048, height: 2048 },
    });
  });

  it("Segmind: width/height overrides and defaults never leak next to a preset", () => {
    const m = run("segmind/stable-diffusion-3.5-large-txt2img", { width: 1344, height: 768 }, { width: 512, height: 512 });
    expect(m.input).not.toHaveProperty("width");
    expect(m.input).not.toHaveProperty("height");
    expect(m.input.aspect_ratio).toBe("16:9 landscape 1344x768");
  });
});

describe("prompt and negative prompt", () => {
  it("cuts a prompt over the model's documented limit, and says so; sends it whole where none is documented", () => {
    const long = "a".repeat(4001);
    for (const key of keys) {
      const m = run(key, { prompt: long });
      const limited = providerOf(key) === "aimlapi";
      expect(m.input).toStrictEqual(expected(key, { prompt: limited ? "a".repeat(4000) : long }));
      expect(adjusted(m, "prompt")).toEqual(limited ? [["truncated", "Prompt cut to AI/ML API's limit of 4000 characters."]] : []);
    }
  });

  it("AI/ML API's limit is 4000", () => {
    const m = run("aimlapi/stable-diffusion-v3-medium", { prompt: "b".repeat(4001) });
    expect(m.input.prompt).toBe("b".repeat(4000));
    expect(m.adjustments).toEqual([
      {
        role: "prompt",
        field: "prompt",
        kind: "truncated",
        from: "b".repeat(4001),
        to: "b".repeat(4000),
        message: "Prompt cut to AI/ML API's limit of 4000 characters.",
      },
    ]);
  });

  it("does not split a surrogate pair when cutting", () => {
    const m = run("aimlapi/stable-diffusion-v3-medium", { prompt: "a".repeat(3999) + "🌊🌊" });
    expect(m.input.prompt).toBe("a".repeat(3999));
  });

  it("a prompt at the limit is sent as is", () => {
    const m = run("eachlabs/stable-diffusion-3.5-large", { prompt: "c".repeat(2000) });
    expect(m.input.prompt).toBe("c".repeat(2000));
    expect(adjusted(m, "prompt")).toEqual([]);
  });

  it("sends a negative prompt to the models that take one", () => {
    for (const key of keys) {
      if (providerOf(key) === "eachlabs") continue;
      const m = run(key, { negativePrompt: "blurry, text" });
      expect(m.input).toStrictEqual(expected(key, { negative_prompt: "blurry, text" }));
      expect(adjusted(m, "negativePrompt")).toEqual([]);
    }
  });

  it("Eachlabs' SD3.5 Large takes no negative prompt: dropped and reported", () => {
    const m = run("eachlabs/stable-diffusion-3.5-large", { negativePrompt: "blurry, text" });
    expect(m.input).toStrictEqual(expected("eachlabs/stable-diffusion-3.5-large"));
    expect(m.adjustments).toEqual([
      {
        role: "negativePrompt",
        field: null,
        kind: "dropped",
        from: "blurry, text",
        to: undefined,
        message: "Eachlabs' SD3.5 Large takes no negative prompt: not sent.",
      },
      { role: "size", field: "aspect_ratio", kind: "preset", from: { width: 1024, height: 1024 }, to: "1:1", message: eachlabsSquare[1] },
    ]);
  });

  it.each(["", "   "])("an empty negative prompt (%j) is sent as \"\" where there is a field, and not reported", (negativePrompt) => {
    for (const key of keys) {
      const m = run(key, { negativePrompt });
      expect(m.input).toStrictEqual(expected(key));
      expect(adjusted(m, "negativePrompt")).toEqual([]);
    }
    // Segmind's own default ("low quality, blurry") must not apply unseen.
    expect(run("segmind/stable-diffusion-3.5-large-txt2img", { negativePrompt }).input.negative_prompt).toBe("");
  });

  it("sends a long negative prompt whole where no limit is documented", () => {
    const m = run("imagepipeline/sd3_5", { negativePrompt: "n".repeat(2500) });
    expect(m.input.negative_prompt).toBe("n".repeat(2500));
    expect(adjusted(m)).toEqual([]);
  });
});

describe("overrides", () => {
  it("survive: Segmind's sampler and scheduler", () => {
    const m = run(
      "segmind/stable-diffusion-3.5-large-txt2img",
      { steps: 25, cfg: 4, seed: 7, width: 1000, height: 600 },
      { sampler: "dpmpp_2m", scheduler: "karras", image_format: "png" },
    );
    expect(m.input).toStrictEqual(
      expected("segmind/stable-diffusion-3.5-large-txt2img", {
        sampler: "dpmpp_2m",
        scheduler: "karras",
        image_format: "png",
        steps: 25,
        guidance_scale: 4,
        seed: 7,
        aspect_ratio: "custom",
        width: 1000,
        height: 600,
      }),
    );
    expect(m.adjustments).toEqual([]);
  });

  it("survive for every provider's own fields", () => {
    expect(run("eachlabs/stable-diffusion-3.5-large", {}, { output_quality: 70, output_format: "png" }).input).toMatchObject({
      output_quality: 70,
      output_format: "png",
    });
    expect(run("aimlapi/stable-diffusion-v35-large", {}, { enable_safety_checker: false, num_images: 3 }).input).toMatchObject({
      enable_safety_checker: false,
      num_images: 3,
    });
    expect(run("aimlapi/stable-diffusion-v3-medium", {}, { prompt_expansion: true }).input.prompt_expansion).toBe(true);
    expect(run("imagepipeline/sd3_5", {}, { samples: 2, batch_id: "x" }).input).toMatchObject({ samples: 2, batch_id: "x" });
  });

  it("an undefined override clears the field", () => {
    const m = run("aimlapi/stable-diffusion-v35-large", {}, { output_format: undefined });
    expect(m.input).toStrictEqual(expected("aimlapi/stable-diffusion-v35-large", { output_format: undefined }));
  });

  it("cannot override a shared field, and unknown keys are ignored", () => {
    const m = run(
      "segmind/stable-diffusion-3.5-large-txt2img",
      {},
      { steps: 12, prompt: "other", negative_prompt: "x", aspect_ratio: "custom", guidance_scale: 9, nonsense: 1 },
    );
    expect(m.input).toStrictEqual(expected("segmind/stable-diffusion-3.5-large-txt2img"));
  });
});

describe("sharedFieldNames", () => {
  it.each([
    ["aimlapi/stable-diffusion-v35-large", ["prompt", "negative_prompt", "image_size", "num_inference_steps", "guidance_scale", "seed"]],
    ["aimlapi/stable-diffusion-v3-medium", ["prompt", "negative_prompt", "image_size", "num_inference_steps", "guidance_scale", "seed"]],
    [
      "segmind/stable-diffusion-3.5-large-txt2img",
      ["prompt", "negative_prompt", "aspect_ratio", "width", "height", "steps", "guidance_scale", "seed"],
    ],
    ["eachlabs/stable-diffusion-3.5-large", ["prompt", "aspect_ratio", "cfg", "steps", "seed"]],
    ["imagepipeline/sd3_5", ["prompt", "negative_prompt", "width", "height", "num_inference_steps", "guidance_scale"]],
  ] as [Key, string[]][])("%s", (key, names) => {
    expect(sharedFieldNames(target(key).model)).toEqual(names);
    expect(run(key).sharedFields).toEqual(names);
  });
});

describe("every mapped input parses with its model's schema", () => {
  const sets: SharedValues[] = [
    base,
    { prompt, negativePrompt: "blurry", seed: 0, width: 1000, height: 600, steps: 1, cfg: 0 },
    { prompt, seed: 1, width: 1344, height: 768, steps: 30, cfg: 5.5 },
    { prompt, seed: 123456789, width: 1024, height: 576, steps: 70, cfg: 15.1 },
    { prompt, seed: Number.MAX_SAFE_INTEGER + 1, width: 2049, height: 2049, steps: 71, cfg: 21 },
    { prompt, negativePrompt: "", width: 63, height: 63, steps: 9, cfg: 1 },
    { prompt, width: 768, height: 1344, steps: 50, cfg: 20 },
    { prompt, width: 1536, height: 640, steps: 51, cfg: 3.5 },
    { prompt: "x".repeat(5000), negativePrompt: "y".repeat(5000), width: 1537, height: 1537 },
    { prompt, width: 2048, height: 64, steps: 10.4, cfg: 7.25 },
    { prompt, width: 1001, height: 599, seed: 42 },
  ];
  const overrides: Partial<Record<Key, Record<string, unknown>>> = {
    "segmind/stable-diffusion-3.5-large-txt2img": { sampler: "dpmpp_2m", scheduler: "karras" },
    "eachlabs/stable-diffusion-3.5-large": { output_quality: 50 },
  };
  it.each(keys)("%s", (key) => {
    const { model } = target(key);
    for (const shared of sets) {
      for (const o of [undefined, overrides[key]]) {
        const { input } = run(key, shared, o);
        const parsed = model.schema.safeParse(input);
        expect(parsed.success, `${JSON.stringify(shared).slice(0, 120)}: ${parsed.error?.message}`).toBe(true);
      }
    }
  });
});
