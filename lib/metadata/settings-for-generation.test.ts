import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { providers } from "@/lib/providers";
import { parseA1111 } from "./a1111";
import { mapA1111 } from "./settings-to-form";
import { readSettings } from "./embed";
import { generation, image } from "./generation.test-helpers";
import { embedForDownload, sentFieldValues, settingsForGeneration } from "./settings-for-generation";

describe("settingsForGeneration: A1111 text from the parameters as sent", () => {
  it("AI/ML API: roles give Steps/CFG/Seed, Size is the image's, other fields become labelled extras", () => {
    const sent = {
      model: "stable-diffusion-v35-large",
      prompt: "a lighthouse, dusk",
      negative_prompt: "blurry, text",
      image_size: "landscape_4_3",
      num_images: 1,
      num_inference_steps: 40,
      guidance_scale: 4.5,
      seed: 1234,
      enable_safety_checker: true,
      output_format: "png",
    };
    const g = generation({ input: { ...sent, model: undefined }, sent, seed: "1234", images: [image(1024, 768)] });
    const { a1111 } = settingsForGeneration(g);
    expect(a1111).toBe(
      [
        "a lighthouse, dusk",
        "Negative prompt: blurry, text",
        "Steps: 40, CFG scale: 4.5, Seed: 1234, Size: 1024x768, Model: aimlapi/stable-diffusion-v35-large, " +
          "Provider: AI/ML API, Image size: landscape_4_3, Images: 1, Safety checker: true, Output format: png",
      ].join("\n"),
    );
  });

  it("Segmind: sampler and scheduler by role, written with A1111's names", () => {
    const sent = {
      prompt: "a cat",
      negative_prompt: "",
      aspect_ratio: "custom",
      width: 832,
      height: 1216,
      batch_size: 1,
      steps: 30,
      guidance_scale: 5.5,
      seed: 42,
      sampler: "euler_ancestral",
      scheduler: "karras",
      image_format: "webp",
      image_quality: 95,
      base64: false,
    };
    const g = generation({ provider: "segmind", model: "stable-diffusion-3.5-large-txt2img", sent, seed: "42" });
    const p = parseA1111(settingsForGeneration(g, { width: 832, height: 1216 }).a1111);
    expect(p).toMatchObject({ prompt: "a cat", steps: 30, sampler: "Euler a", scheduleType: "Karras", cfgScale: 5.5 });
    expect(p).toMatchObject({ seed: "42", width: 832, height: 1216, model: "segmind/stable-diffusion-3.5-large-txt2img" });
    expect(p.negativePrompt).toBeUndefined();
    // Not a schema field (base64) and covered by Size (width/height): not written.
    expect(p.extra).toEqual({
      Provider: "Segmind",
      "Aspect ratio": "custom",
      Images: "1",
      "Output format": "webp",
      Quality: "95",
    });
  });

  it("falls back to the option label when A1111 has no such sampler, and to SGM Uniform's A1111 spelling", () => {
    const sent = { prompt: "x", sampler: "euler_cfg_pp", scheduler: "sgm_uniform", steps: 20 };
    const g = generation({ provider: "segmind", model: "stable-diffusion-3.5-large-txt2img", sent });
    const p = parseA1111(settingsForGeneration(g).a1111);
    expect(p.sampler).toBe("Euler CFG++");
    expect(p.scheduleType).toBe("SGM Uniform");
    const heunpp = parseA1111(settingsForGeneration(generation({ ...g, sent: { ...sent, sampler: "heunpp2" } })).a1111);
    expect(heunpp.sampler).toBe("Heun++ 2");
  });

  it("Eachlabs: reads the fields nested under the wire body's `input`", () => {
    const sent = {
      model: "stable-diffusion-3.5-large",
      version: "0.0.1",
      input: { prompt: "a dog", aspect_ratio: "16:9", cfg: 3.5, steps: 35, seed: 7, output_format: "png", output_quality: 90 },
    };
    const g = generation({ provider: "eachlabs", model: "stable-diffusion-3.5-large", sent, seed: "7" });
    const p = parseA1111(settingsForGeneration(g, { width: 1344, height: 768 }).a1111);
    expect(p).toMatchObject({ prompt: "a dog", steps: 35, cfgScale: 3.5, seed: "7", width: 1344, height: 768 });
    expect(p.extra).toMatchObject({ Provider: "Eachlabs", "Aspect ratio": "16:9", Format: "png", Quality: "90" });
    expect(p.extra).not.toHaveProperty("Version");
  });

  it("ImagePipeline: no seed reported, none written; the seed used wins over the one sent", () => {
    const sent = { prompt: "p", negative_prompt: "n", width: 1024, height: 1024, num_inference_steps: 4, guidance_scale: 0, samples: 1 };
    const g = generation({ provider: "imagepipeline", model: "sd3_5", sent, emulated: true });
    const p = parseA1111(settingsForGeneration(g, { width: 1024, height: 1024 }).a1111);
    expect(p.seed).toBeUndefined();
    expect(p).toMatchObject({ steps: 4, cfgScale: 0, negativePrompt: "n" });
    expect(p.extra).toMatchObject({ Provider: "ImagePipeline", Images: "1", Emulated: "true" });

    const seg = generation({ provider: "segmind", model: "stable-diffusion-3.5-large-txt2img", sent: { prompt: "p", seed: -1 }, seed: "987" });
    expect(parseA1111(settingsForGeneration(seg).a1111).seed).toBe("987");
  });

  it("DeepInfra: a seed sent past 2^53 is written with every digit and loads back exactly", () => {
    const sent = { prompt: "p", num_inference_steps: 20, seed: "18446744073709551615" };
    const g = generation({ provider: "deepinfra", model: "stabilityai/sd3.5", sent, emulated: true });
    const text = settingsForGeneration(g, { width: 1024, height: 1024 }).a1111;
    expect(parseA1111(text).seed).toBe("18446744073709551615");
    const target = { provider: providers.deepinfra, model: providers.deepinfra.models[0]! };
    expect(mapA1111(text, target, {}, "x.png").input.seed).toBe("18446744073709551615");
  });

  it("a model no longer offered: every sent field is an extra, the stored prompt is the prompt", () => {
    const g = generation({ provider: "gone", model: "old", prompt: "kept", sent: { foo: "bar", count: 3 } });
    const p = parseA1111(settingsForGeneration(g).a1111);
    expect(p).toMatchObject({ prompt: "kept", model: "gone/old", extra: { Provider: "gone", foo: "bar", count: "3" } });
  });

  it("writes our JSON with the documented keys, uploaded images elided", () => {
    const dataUrl = `data:image/png;base64,${"A".repeat(4000)}`;
    // Text that merely starts with "data:" is not an image.
    const words = `data: charts and tables, ${"infographic ".repeat(30)}`;
    const g = generation({
      provider: "eachlabs",
      model: "stable-diffusion-3.5-large",
      input: { prompt: "p", image: dataUrl, negative_prompt: words },
      sent: { input: { prompt: "p", image: dataUrl } },
      seed: "5",
    });
    const json = JSON.parse(settingsForGeneration(g).json) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual([
      "app", "version", "provider", "model", "input", "sent", "seed", "timings", "cost", "createdAt", "emulated",
    ]);
    expect(json).toMatchObject({ app: "sd3-playground", version: 1, provider: "eachlabs", seed: "5", cost: g.cost, timings: g.timings });
    expect((json.input as Record<string, string>).image).toMatch(/^\[uploaded image omitted: \d+ KB\]$/);
    expect((json.input as Record<string, string>).negative_prompt).toBe(words);
    expect(JSON.stringify(json)).not.toContain("base64");
    // The data URL is never written to the A1111 text either.
    expect(settingsForGeneration(g).a1111).not.toContain("data:");
  });

  it("sentFieldValues only looks one level down, and not inside a field's own object value", () => {
    expect(sentFieldValues(["a", "size"], { size: { a: 1 }, input: { a: 2 } })).toEqual({ size: { a: 1 }, a: 2 });
    expect(sentFieldValues(["a"], { a: 0, input: { a: 2 } })).toEqual({ a: 0 });
  });
});

describe("embedForDownload", () => {
  const g = generation({ sent: { prompt: "a lighthouse", seed: 99, num_inference_steps: 10 }, seed: "99", images: [image(16, 8)] });

  it("embeds (PNG/JPEG/WebP) and strips, pixels untouched", async () => {
    for (const format of ["png", "jpeg", "webp"] as const) {
      const src = await sharp({ create: { width: 16, height: 8, channels: 3, background: "#369" } })
        [format]()
        .toBuffer();
      const mime = `image/${format}`;
      const embedded = await embedForDownload(new Uint8Array(src), mime, g, true);
      const read = await readSettings(embedded);
      expect(parseA1111(read.a1111!)).toMatchObject({ prompt: "a lighthouse", seed: "99", steps: 10, width: 16, height: 8 });
      expect(JSON.parse(read.json!)).toMatchObject({ app: "sd3-playground", seed: "99" });
      const stripped = await embedForDownload(embedded, mime, g, false);
      expect(await readSettings(stripped)).toEqual({});
      const raw = (b: Uint8Array) => sharp(b).raw().toBuffer();
      expect((await raw(stripped)).equals(await raw(embedded))).toBe(true);
    }
  });

  it("a prompt too large for JPEG's 64 KB EXIF drops the wire body from the JSON, then the JSON", async () => {
    const jpeg = new Uint8Array(await sharp({ create: { width: 8, height: 8, channels: 3, background: "#000" } }).jpeg().toBuffer());
    const big = (n: number) => "東京".repeat(n);
    const fits = (prompt: string) => generation({ prompt, input: { prompt }, sent: { prompt, seed: 1 }, seed: "1" });
    const noSent = await readSettings(await embedForDownload(jpeg, "image/jpeg", fits(big(2500)), true));
    expect(JSON.parse(noSent.json!)).toMatchObject({ sent: null, input: { prompt: big(2500) } });
    const textOnly = await readSettings(await embedForDownload(jpeg, "image/jpeg", fits(big(5000)), true));
    expect(textOnly.json).toBeUndefined();
    expect(parseA1111(textOnly.a1111!).prompt).toBe(big(5000));
  });

  // The prompt is stored as typed, NUL and all; only the PNG text (where NUL ends a field) goes without it.
  it("a prompt holding NUL downloads as PNG with its settings, the control characters left out of the text", async () => {
    const prompt = "a\0 lighthouse\x01";
    const nul = generation({ prompt, input: { prompt }, sent: { prompt, seed: 5 }, seed: "5" });
    const png = new Uint8Array(await sharp({ create: { width: 8, height: 8, channels: 3, background: "#000" } }).png().toBuffer());
    const read = await readSettings(await embedForDownload(png, "image/png", nul, true));
    expect(parseA1111(read.a1111!).prompt).toBe("a lighthouse");
    // JSON writes NUL as \u0000: the JSON keeps the prompt exactly.
    expect(JSON.parse(read.json!).input.prompt).toBe(prompt);
  });

  it("hands other formats back unchanged", async () => {
    const gif = new Uint8Array(await sharp({ create: { width: 4, height: 4, channels: 3, background: "#000" } }).gif().toBuffer());
    expect(await embedForDownload(gif, "image/gif", g, true)).toBe(gif);
  });
});
