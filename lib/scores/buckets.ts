/**
 * Latency buckets the scorecard counts in SQL, so percentiles and the distribution chart come from a few hundred
 * grouped rows instead of every generation: 50 ms wide below 1 s, 250 ms to 10 s, 1 s to 5 min, 10 s to an hour,
 * 1 min to a day (a suite's cells can wait that long in the queue). Percentiles are read at a bucket's midpoint, so
 * they are exact to half a bucket; the last bucket holds everything slower than a day and reads as a day.
 */

/** Each tier's upper bound (exclusive) and bucket width, in ms. */
const TIERS: readonly (readonly [upTo: number, width: number])[] = [
  [1_000, 50],
  [10_000, 250],
  [300_000, 1_000],
  [3_600_000, 10_000],
  [86_400_000, 60_000],
];

/** Each tier's lower bound and first bucket. */
const STARTS = TIERS.reduce<{ from: number; first: number }[]>((acc, [upTo, width], i) => {
  if (i < TIERS.length - 1) {
    const { from, first } = acc[i]!;
    acc.push({ from: upTo, first: first + (upTo - from) / width });
  }
  return acc;
}, [{ from: 0, first: 0 }]);

export const LAST_BUCKET = STARTS.at(-1)!.first + (TIERS.at(-1)![0] - STARTS.at(-1)!.from) / TIERS.at(-1)![1];

/** The SQL expression for a millisecond column's bucket (integer division on both engines). */
export function bucketSql(column: string): string {
  const cases = TIERS.map(([upTo, width], i) => `WHEN ${column} < ${upTo} THEN ${STARTS[i]!.first} + (${column} - ${STARTS[i]!.from}) / ${width}`);
  return `CASE ${cases.join(" ")} ELSE ${LAST_BUCKET} END`;
}

/** The same bucket computed in JS (for tests and seeding checks). */
export function bucketOf(ms: number): number {
  const m = Math.max(0, Math.floor(ms));
  const i = TIERS.findIndex(([upTo]) => m < upTo);
  if (i < 0) return LAST_BUCKET;
  return STARTS[i]!.first + Math.floor((m - STARTS[i]!.from) / TIERS[i]![1]);
}

/** [low, high) in milliseconds; the last bucket (a day or more) is [a day, a day]. */
export function bucketRange(bucket: number): [number, number] {
  if (bucket >= LAST_BUCKET) return [TIERS.at(-1)![0], TIERS.at(-1)![0]];
  const i = STARTS.findLastIndex(({ first }) => bucket >= first);
  const low = STARTS[i]!.from + (bucket - STARTS[i]!.first) * TIERS[i]![1];
  return [low, low + TIERS[i]![1]];
}

export type Histogram = ReadonlyMap<number, number>;

/** The q-quantile (0..1) of a bucketed distribution, at the midpoint of the bucket it falls in; null when empty. */
export function quantile(hist: Histogram, q: number): number | null {
  let total = 0;
  for (const n of hist.values()) total += n;
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (const bucket of [...hist.keys()].sort((a, b) => a - b)) {
    seen += hist.get(bucket)!;
    if (seen >= rank) {
      const [lo, hi] = bucketRange(bucket);
      return (lo + hi) / 2;
    }
  }
  return null;
}
