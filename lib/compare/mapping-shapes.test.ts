import { describe, expect, it } from "vitest";
import { allTargets } from "@/lib/providers";
import { mapShared, type MappedTarget, type SharedValues } from "./mapping";

/** The comparison mapping on Stability AI (aspect ratios, no pixels, no steps) and fal (presets or pixels). */

const registry = new Map(allTargets().map((t) => [`${t.provider.id}/${t.model.id}`, t]));
const stability = [...registry.keys()].filter((k) => k.startsWith("stability/"));
const fal = [...registry.keys()].filter((k) => k.startsWith("fal/"));
const prompt = "A lighthouse on a rocky cliff at dusk";

function run(key: string, shared: Partial<SharedValues> = {}): MappedTarget {
  const t = registry.get(key)!;
  return mapShared(t.provider.label, t.model, { prompt, width: 1024, height: 1024, ...shared });
}
const adjusted = (m: MappedTarget, role: string) => m.adjustments.filter((a) => a.role === role).map((a) => [a.kind, a.message]);

describe("Stability AI: aspect ratios without width or height", () => {
  it.each(stability)("%s: the nearest of its nine ratios, steps dropped, seed and CFG clamped to its ranges", (key) => {
    const square = run(key);
    expect(square.input).toMatchObject({ prompt, aspect_ratio: "1:1", output_format: "png" });
    expect(square.input).not.toHaveProperty("width");
    const wide = run(key, { width: 1344, height: 768, steps: 30, seed: 5_000_000_000, cfg: 12 });
    expect(wide.input).toMatchObject({ aspect_ratio: "16:9", seed: 4_294_967_294, cfg_scale: 10 });
    expect(adjusted(wide, "size")).toEqual([["preset", "Nearest aspect ratio 16:9 for 1344×768."]]);
    expect(adjusted(wide, "steps")).toEqual([["dropped", expect.stringMatching(/takes no steps setting: not sent\.$/)]]);
    expect(adjusted(wide, "seed")).toEqual([["clamped", "Stability AI does not accept seed 5000000000; sent 4294967294."]]);
    expect(run(key, { width: 640, height: 1536 }).input.aspect_ratio).toBe("9:21");
    for (const m of [square, wide]) expect(registry.get(key)!.model.schema.safeParse(m.input).success).toBe(true);
  });

  it("sd3-large-turbo drops a negative prompt and says so", () => {
    const m = run("stability/sd3-large-turbo", { negativePrompt: "blurry" });
    expect(m.input).not.toHaveProperty("negative_prompt");
    expect(adjusted(m, "negativePrompt")).toEqual([["dropped", "Stability AI's SD3 Large Turbo takes no negative prompt: not sent."]]);
    expect(run("stability/sd3.5-large", { negativePrompt: "blurry" }).input.negative_prompt).toBe("blurry");
  });
});

describe("fal: size presets, or pixels", () => {
  it.each(fal)("%s: a preset when one matches, else width and height; its 64-bit seed range", (key) => {
    expect(run(key).input.image_size).toBe("square_hd");
    expect(run(key, { width: 1024, height: 576 }).input.image_size).toBe("landscape_16_9");
    const custom = run(key, { width: 1344, height: 768, seed: 5_000_000_000, steps: 60 });
    expect(custom.input).toMatchObject({ image_size: { width: 1344, height: 768 }, seed: 5_000_000_000, num_inference_steps: 50 });
    expect(adjusted(custom, "seed")).toEqual([]);
    expect(adjusted(custom, "steps")).toEqual([["clamped", "Steps lowered to fal's maximum of 50."]]);
    expect(registry.get(key)!.model.schema.safeParse(custom.input).success).toBe(true);
  });
});
