import { parseRatio } from "@/lib/params/sizes";

/** A preset or aspect ratio a requested size can be mapped to. */
export interface Candidate {
  value: string;
  /** How the message names it: the ratio part of the value when it has one. */
  label: string;
  /** "aspect ratio" or "preset". */
  noun: string;
  ratio: number;
  /** Exact ratio, when the candidate is a ratio without pixels. */
  exact?: { w: number; h: number };
  pixels?: { width: number; height: number };
}

export function candidateOf(value: string, pixels: { width: number; height: number } | undefined): Candidate | null {
  const ratio = parseRatio(value);
  const noun = ratio ? "aspect ratio" : "preset";
  const label = ratio?.label ?? value;
  if (pixels && pixels.width > 0 && pixels.height > 0) {
    return { value, label, noun, ratio: pixels.width / pixels.height, pixels: { width: pixels.width, height: pixels.height } };
  }
  if (ratio) return { value, label, noun, ratio: ratio.w / ratio.h, exact: { w: ratio.w, h: ratio.h } };
  return null;
}

/** Nearest by aspect ratio in log space; ties go to the closer pixel count, then to declaration order. */
export function nearest(candidates: Candidate[], width: number, height: number): Candidate | undefined {
  const w = Math.max(1, width);
  const h = Math.max(1, height);
  const target = Math.log(w / h);
  const score = (c: Candidate) => Math.abs(Math.log(c.ratio) - target);
  const areaScore = (c: Candidate) => (c.pixels ? Math.abs(Math.log((c.pixels.width * c.pixels.height) / (w * h))) : 0);
  let best: Candidate | undefined;
  for (const c of candidates) {
    if (!best) {
      best = c;
      continue;
    }
    const d = score(c) - score(best);
    if (d < -1e-9 || (Math.abs(d) <= 1e-9 && areaScore(c) < areaScore(best))) best = c;
  }
  return best;
}
