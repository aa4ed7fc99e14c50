import { NEAR_IDENTICAL } from "./score";

/** What the labels mean, in the words the run page and the parity report use. */
export const parityThresholds = [
  { label: "identical", meaning: "the same pixels after decoding (RGBA), whatever the file format" },
  {
    label: "near-identical",
    meaning: `not the same pixels, but SSIM ≥ ${NEAR_IDENTICAL.minSsim} and a pHash distance ≤ ${NEAR_IDENTICAL.maxPhashDistance} of 64 bits: the same picture re-encoded or faintly noised`,
  },
  { label: "different", meaning: "anything else" },
] as const;

export const parityCaveat =
  "“Different” does not prove a different model: providers differ in sampler, step count, numeric precision and how " +
  "they turn a seed into starting noise, so the same weights can give different images. “Identical” is strong " +
  "evidence of the same model run the same way.";

export const parityMethod =
  "Pairs are images from two providers of the same model family with the same prompt, seed and size. pHash: a " +
  "64-bit DCT hash of a 32×32 grey copy (distance = differing bits). SSIM: mean structural similarity of 256×256 " +
  "grey copies over 8×8 windows (1 = same).";
