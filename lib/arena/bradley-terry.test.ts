import { describe, expect, it } from "vitest";
import { bootstrapBradleyTerry, fitBradleyTerry, seededRandom, type Match } from "./bradley-terry";

/** Votes drawn from known log-strengths: P(a beats b) = 1 / (1 + exp(s_b - s_a)). */
function synthetic(strengths: number[], votes: number, seed: number): Match[] {
  const random = seededRandom(seed);
  const n = strengths.length;
  return Array.from({ length: votes }, () => {
    const a = Math.floor(random() * n);
    let b = Math.floor(random() * (n - 1));
    if (b >= a) b++;
    const p = 1 / (1 + Math.exp(strengths[b]! - strengths[a]!));
    return { a, b, score: random() < p ? 1 : 0 };
  });
}

const centred = (xs: number[]) => xs.map((x) => x - xs.reduce((s, y) => s + y, 0) / xs.length);

describe("Bradley-Terry", () => {
  it("recovers known strengths from synthetic votes, each interval holding its estimate", () => {
    for (const [truth, seed] of [
      [[0, 0.5, 1, -1], 1],
      [[0.3, -0.4, 1.2, -0.2, 0.8], 2],
    ] as const) {
      const truthC = centred([...truth]);
      const fit = bootstrapBradleyTerry(truth.length, synthetic([...truth], 3000, seed), 200, seededRandom(seed + 10));
      fit.forEach((s, i) => {
        expect(s.low).toBeLessThanOrEqual(s.strength);
        expect(s.high).toBeGreaterThanOrEqual(s.strength);
        expect(Math.abs(s.strength - truthC[i]!)).toBeLessThan(0.2);
      });
      // Ordered as the truth is.
      const order = (xs: number[]) => xs.map((_, i) => i).sort((x, y) => xs[y]! - xs[x]!);
      expect(order(fit.map((s) => s.strength))).toEqual(order([...truth]));
    }
  });

  it("95% intervals hold the true strength about 95% of the time", () => {
    const truth = [0.3, -0.4, 1.2, -0.2, 0.8];
    const truthC = centred(truth);
    let held = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const fit = bootstrapBradleyTerry(5, synthetic(truth, 200, seed), 200, seededRandom(seed + 10));
      fit.forEach((s, i) => void (s.low <= truthC[i]! && truthC[i]! <= s.high && held++));
    }
    // 200 intervals: a true 95% holds 183 to 197 of them in 99% of such trials.
    expect(held).toBeGreaterThanOrEqual(180);
    expect(held).toBeLessThanOrEqual(198);
  });

  it("intervals narrow as votes accumulate", () => {
    const truth = [0, 0.5, 1];
    const width = (votes: number) => {
      const fit = bootstrapBradleyTerry(3, synthetic(truth, votes, 7), 200);
      return fit.reduce((s, x) => s + (x.high - x.low), 0);
    };
    expect(width(2000)).toBeLessThan(width(100) / 2);
  });

  it("counts a tie as half a win for each side", () => {
    const ties: Match[] = Array.from({ length: 10 }, () => ({ a: 0, b: 1, score: 0.5 }));
    const [x, y] = fitBradleyTerry(2, ties);
    expect(x).toBeCloseTo(y!, 6);
    // Two wins and two ties score like three wins and one loss.
    const mixed = fitBradleyTerry(2, [1, 1, 0.5, 0.5].map((score) => ({ a: 0, b: 1, score })));
    const plain = fitBradleyTerry(2, [1, 1, 1, 0].map((score) => ({ a: 0, b: 1, score })));
    expect(mixed[0]).toBeCloseTo(plain[0]!, 6);
    expect(mixed[0]).toBeGreaterThan(0);
  });

  it("keeps an unbeaten target finite", () => {
    const fit = fitBradleyTerry(2, Array.from({ length: 20 }, () => ({ a: 0, b: 1, score: 1 })));
    expect(Number.isFinite(fit[0])).toBe(true);
    expect(fit[0]).toBeGreaterThan(fit[1]!);
  });

  it("gives unanimous or all-tied votes an interval, holding the rating, not a false certainty", () => {
    for (const score of [1, 0.5]) {
      const fit = bootstrapBradleyTerry(2, Array.from({ length: 5 }, () => ({ a: 0, b: 1, score })));
      for (const s of fit) {
        expect(s.high - s.low, `score ${score}`).toBeGreaterThan(0.5);
        expect(s.low).toBeLessThanOrEqual(s.strength);
        expect(s.high).toBeGreaterThanOrEqual(s.strength);
      }
    }
  });
});
