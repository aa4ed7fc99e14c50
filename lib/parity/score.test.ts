import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { renderImage } from "@/emulator/images";
import { hammingDistance, phash, ssim } from "./metrics";
import { NEAR_IDENTICAL, scorePair } from "./score";

const W = 320;
const H = 240;

/** A picture with structure at several scales: a gradient, a disc and stripes. */
function scene(shift = 0): Buffer {
  const px = Buffer.alloc(W * H * 3);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const i = (y * W + x) * 3;
      const inDisc = (x - 110 - shift) ** 2 + (y - 120) ** 2 < 60 ** 2;
      const stripe = Math.floor((x + shift) / 16) % 2 === 0 && y > 180;
      px[i] = inDisc ? 230 : Math.round((x / W) * 200);
      px[i + 1] = stripe ? 20 : Math.round((y / H) * 180);
      px[i + 2] = inDisc ? 40 : 120;
    }
  }
  return px;
}

const png = (raw: Buffer) => sharp(raw, { raw: { width: W, height: H, channels: 3 } }).png().toBuffer();

/** Deterministic noise of ±amp levels (a fixed LCG, so the test never flakes). */
function noised(raw: Buffer, amp: number): Buffer {
  let state = 12345;
  return Buffer.from(raw.map((v) => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return Math.max(0, Math.min(255, v + ((state % (2 * amp + 1)) - amp)));
  }));
}

describe("pHash and SSIM on known pairs", () => {
  it("the same pixels: distance 0, SSIM 1, identical even across lossless encodings", async () => {
    const a = await png(scene());
    const b = await sharp(scene(), { raw: { width: W, height: H, channels: 3 } }).webp({ lossless: true }).toBuffer();
    expect(a.equals(b)).toBe(false);
    expect(await scorePair(a, b)).toEqual({ identical: true, phashDistance: 0, ssim: 1, label: "identical" });
  });

  it("slightly noised or re-encoded as JPEG: near-identical, not identical", async () => {
    const a = await png(scene());
    for (const b of [await png(noised(scene(), 4)), await sharp(a).jpeg({ quality: 90 }).toBuffer()]) {
      const s = await scorePair(a, b);
      expect(s.identical).toBe(false);
      expect(s.phashDistance).toBeLessThanOrEqual(2);
      expect(s.ssim).toBeGreaterThanOrEqual(0.97);
      expect(s.label).toBe("near-identical");
    }
  });

  it("a different picture: far in pHash, low SSIM, different", async () => {
    const checker = Buffer.alloc(W * H * 3);
    for (let i = 0; i < W * H; i++) checker.fill(((i % W >> 5) + (Math.floor(i / W) >> 5)) % 2 ? 250 : 5, i * 3, i * 3 + 3);
    const s = await scorePair(await png(scene()), await png(checker));
    expect(s.phashDistance).toBeGreaterThan(NEAR_IDENTICAL.maxPhashDistance);
    expect(s.ssim).toBeLessThan(0.5);
    expect(s.label).toBe("different");
  });

  it("the emulator's renders at two providers for one prompt, seed and size are different", async () => {
    const spec = { prompt: "a lighthouse", seed: "42", width: 512, height: 512, format: "png" as const };
    const s = await scorePair(await renderImage({ ...spec, provider: "fal" }), await renderImage({ ...spec, provider: "Replicate" }));
    expect(s.identical).toBe(false);
    expect(s.label).toBe("different");
  });

  it("a moved subject is different: pHash and SSIM both notice", async () => {
    const s = await scorePair(await png(scene()), await png(scene(90)));
    expect(s.label).toBe("different");
  });

  it("pHash is 16 hex digits; the Hamming distance counts differing bits", () => {
    const grey = new Uint8Array(32 * 32).map((_, i) => (i % 32) * 8);
    expect(phash(grey)).toMatch(/^[0-9a-f]{16}$/);
    expect(hammingDistance("0000000000000000", "000000000000000f")).toBe(4);
    expect(hammingDistance("ffffffffffffffff", "0000000000000000")).toBe(64);
    expect(ssim(grey, grey, 32, 32)).toBe(1);
  });
});
