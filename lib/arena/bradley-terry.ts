/**
 * Bradley-Terry strengths from pairwise votes, fitted with Hunter's MM algorithm (2004), and 95% bootstrap intervals.
 * A tie counts as half a win for each side. Pure and client-safe; the arena page calls it on the server.
 */

export interface Match {
  a: number;
  b: number;
  /** 1 = a won, 0 = b won, 0.5 = tie. */
  score: number;
}

/** Log-strengths centred on 0, so exp(s_i - s_j) is the odds that i beats j; `start` (log-strengths) to begin near. */
export function fitBradleyTerry(n: number, matches: readonly Match[], iterations = 200, start?: readonly number[]): number[] {
  const wins = new Float64Array(n);
  const games = new Map<number, number>();
  for (const m of matches) {
    wins[m.a]! += m.score;
    wins[m.b]! += 1 - m.score;
    const key = m.a < m.b ? m.a * n + m.b : m.b * n + m.a;
    games.set(key, (games.get(key) ?? 0) + 1);
  }
  let p = start ? Float64Array.from(start, (x) => Math.exp(x)) : new Float64Array(n).fill(1);
  for (let it = 0; it < iterations; it++) {
    // A small prior, one tied game against a player of strength 1, keeps an unbeaten or winless target finite.
    const denom = Float64Array.from(p, (x) => 1 / (x + 1));
    for (const [key, count] of games) {
      const i = Math.floor(key / n);
      const j = key % n;
      const d = count / (p[i]! + p[j]!);
      denom[i]! += d;
      denom[j]! += d;
    }
    const next = new Float64Array(n);
    for (let i = 0; i < n; i++) next[i] = (wins[i]! + 0.5) / denom[i]!;
    p = next;
  }
  const logs = Array.from(p, (x) => Math.log(x));
  const mean = logs.reduce((s, x) => s + x, 0) / Math.max(1, n);
  return logs.map((x) => x - mean);
}

/** Deterministic PRNG (mulberry32), so a ranking does not change between two page loads with the same votes. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Strength {
  strength: number;
  low: number;
  high: number;
}

/**
 * The fit plus a 95% percentile interval per target from `resamples` parametric bootstrap resamples: every vote is
 * drawn again from the fitted strengths (a tie at the votes' tie rate, with one tie and one non-tie assumed), not
 * picked again from the votes. Picking again gives five unanimous votes five times over, an interval of zero width
 * after five votes; drawing from the fit says how else they could have gone. An interval always holds its rating.
 */
export function bootstrapBradleyTerry(n: number, matches: readonly Match[], resamples = 200, random = seededRandom(13)): Strength[] {
  const point = fitBradleyTerry(n, matches);
  const tieRate = (matches.filter((m) => m.score === 0.5).length + 1) / (matches.length + 2);
  const samples: number[][] = Array.from({ length: n }, () => []);
  for (let r = 0; r < resamples; r++) {
    const drawn = matches.map(({ a, b }) => {
      // Drawn so the expected score is the fit's (a tie is half a win): a wins this often among the votes not tied.
      const expected = 1 / (1 + Math.exp(point[b]! - point[a]!));
      const aWins = Math.min(1, Math.max(0, (expected - tieRate / 2) / (1 - tieRate)));
      return { a, b, score: random() < tieRate ? 0.5 : random() < aWins ? 1 : 0 };
    });
    // From the fit's strengths, which a resample's lie near: 60 steps then settle as 200 do from nothing.
    fitBradleyTerry(n, drawn, 60, point).forEach((s, i) => samples[i]!.push(s));
  }
  return point.map((strength, i) => {
    const sorted = samples[i]!.sort((x, y) => x - y);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))] ?? strength;
    return { strength, low: Math.min(at(0.025), strength), high: Math.max(at(0.975), strength) };
  });
}
