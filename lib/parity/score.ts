import sharp from "sharp";
import { PHASH_SIZE, SSIM_SIZE, hammingDistance, phash, ssim } from "./metrics";

export type ParityLabel = "identical" | "near-identical" | "different";

/**
 * Where "near-identical" ends; both must hold. Measured on known pairs (lib/parity/score.test.ts): the same image
 * re-encoded as a JPEG at quality 90 or with ±4 levels of noise scores SSIM ≥ 0.97 and a pHash distance ≤ 2. Two
 * different emulator renders of one layout (smooth gradients under the same panel) reach SSIM 0.94 but a pHash
 * distance of 26: SSIM alone is fooled by large smooth areas, so the hash has to agree too.
 */
export const NEAR_IDENTICAL = { minSsim: 0.97, maxPhashDistance: 6 } as const;

export interface ParityScore {
  identical: boolean;
  phashDistance: number;
  ssim: number;
  label: ParityLabel;
}

type Input = string | Buffer;

/** Decoded RGBA pixels; two images are identical when these match byte for byte (and so do their sizes). */
async function rgba(input: Input): Promise<Pixels> {
  const { data, info } = await sharp(input).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

interface Pixels {
  data: Buffer;
  width: number;
  height: number;
}

/**
 * One grey byte per pixel, stretched to a `size`-pixel square (alpha dropped). Resized from decoded pixels, never
 * from the file: sharp shrinks JPEG and WebP while decoding, which would score the same pixels differently.
 */
export async function greySquare(px: Pixels, size: number): Promise<Uint8Array> {
  const { data, info } = await sharp(px.data, { raw: { width: px.width, height: px.height, channels: 4 } })
    .removeAlpha()
    .resize(size, size, { fit: "fill", kernel: "lanczos3" })
    .toColourspace("b-w")
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (info.channels !== 1) throw new Error(`expected one grey channel, got ${info.channels}`);
  return new Uint8Array(data.buffer, data.byteOffset, data.length);
}

export function labelFor(score: Omit<ParityScore, "label">): ParityLabel {
  if (score.identical) return "identical";
  const near = score.ssim >= NEAR_IDENTICAL.minSsim && score.phashDistance <= NEAR_IDENTICAL.maxPhashDistance;
  return near ? "near-identical" : "different";
}

/** Scores two images (paths or encoded bytes). */
export async function scorePair(a: Input, b: Input): Promise<ParityScore> {
  const [pa, pb] = await Promise.all([rgba(a), rgba(b)]);
  const identical = pa.width === pb.width && pa.height === pb.height && pa.data.equals(pb.data);
  const [ha, hb, ga, gb] = await Promise.all([
    greySquare(pa, PHASH_SIZE),
    greySquare(pb, PHASH_SIZE),
    greySquare(pa, SSIM_SIZE),
    greySquare(pb, SSIM_SIZE),
  ]);
  const scores = {
    identical,
    phashDistance: hammingDistance(phash(ha), phash(hb)),
    // Rounded so the stored and the shown value agree.
    ssim: Math.round(ssim(ga, gb, SSIM_SIZE, SSIM_SIZE) * 10_000) / 10_000,
  };
  return { ...scores, label: labelFor(scores) };
}
