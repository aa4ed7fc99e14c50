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

/** Log-strengths centred on 0, so exp(s_i - s_j) is the odds that i beats j. */
export function fitBradleyTerry(n: number, matches: readonly Match[], iterations = 200): number[] {
  const wins = new Float64Array(n);
  const games = new Map<number, number>();
  for (const m of matches) {
    wins[m.a]! += m.score;
    wins[m.b]! += 1 - m.score;
    const key = m.a < m.b ? m.a * n + m.b : m.b * n + m.a;
    games.set(key, (games.get(key) ?? 0) + 1);
  }
  let p = new Float64Array(n).fill(1);
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

/** The fit plus a 95% percentile interval per target from `resamples` bootstrap resamples of the votes. */
export function bootstrapBradleyTerry(n: number, matches: readonly Match[], resamples = 200, random = seededRandom(13)): Strength[] {
  const point = fitBradleyTerry(n, matches);
  const samples: number[][] = Array.from({ length: n }, () => []);
  for (let r = 0; r < resamples; r++) {
    const drawn = Array.from({ length: matches.length }, () => matches[Math.floor(random() * matches.length)]!);
    fitBradleyTerry(n, drawn, 60).forEach((s, i) => samples[i]!.push(s));
  }
  return point.map((strength, i) => {
    const sorted = samples[i]!.sort((x, y) => x - y);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))] ?? strength;
    return { strength, low: at(0.025), high: at(0.975) };
  });
}
