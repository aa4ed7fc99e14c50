/**
 * Latency buckets the scorecard counts in SQL, so percentiles and the distribution chart come from a few hundred
 * grouped rows instead of every generation: 50 ms wide below 1 s, 250 ms to 10 s, 1 s to 5 min (the last bucket
 * holds everything slower). Percentiles are read at a bucket's midpoint, so they are exact to half a bucket.
 */

export const LAST_BUCKET = 56 + 290;

/** The SQL expression for a millisecond column's bucket (integer division on both engines). */
export function bucketSql(column: string): string {
  return `CASE WHEN ${column} < 1000 THEN ${column} / 50 WHEN ${column} < 10000 THEN 20 + (${column} - 1000) / 250 WHEN ${column} < 300000 THEN 56 + (${column} - 10000) / 1000 ELSE ${LAST_BUCKET} END`;
}

/** The same bucket computed in JS (for tests and seeding checks). */
export function bucketOf(ms: number): number {
  const m = Math.max(0, Math.floor(ms));
  if (m < 1000) return Math.floor(m / 50);
  if (m < 10000) return 20 + Math.floor((m - 1000) / 250);
  if (m < 300000) return 56 + Math.floor((m - 10000) / 1000);
  return LAST_BUCKET;
}

/** [low, high) in milliseconds. */
export function bucketRange(bucket: number): [number, number] {
  if (bucket < 20) return [bucket * 50, bucket * 50 + 50];
  if (bucket < 56) return [1000 + (bucket - 20) * 250, 1000 + (bucket - 19) * 250];
  return [10000 + (bucket - 56) * 1000, 10000 + (bucket - 55) * 1000];
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
