import { describe, expect, it } from "vitest";
import { bucketOf, bucketRange, quantile } from "./buckets";

describe("latency buckets", () => {
  it("every millisecond falls inside its own bucket's range", () => {
    for (const ms of [0, 49, 50, 999, 1000, 1249, 1250, 9999, 10000, 10999, 299_999]) {
      const [lo, hi] = bucketRange(bucketOf(ms));
      expect(ms).toBeGreaterThanOrEqual(lo);
      expect(ms).toBeLessThan(hi);
    }
  });

  it("reads percentiles to within half a bucket", () => {
    const values = Array.from({ length: 1000 }, (_, i) => 2000 + i * 10); // 2.00 s … 11.99 s
    const hist = new Map<number, number>();
    for (const v of values) hist.set(bucketOf(v), (hist.get(bucketOf(v)) ?? 0) + 1);
    expect(Math.abs(quantile(hist, 0.5)! - 6995)).toBeLessThanOrEqual(125);
    expect(Math.abs(quantile(hist, 0.95)! - 11495)).toBeLessThanOrEqual(500);
    expect(quantile(new Map(), 0.5)).toBeNull();
  });
});
