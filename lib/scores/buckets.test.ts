import { describe, expect, it } from "vitest";
import { createClient } from "@libsql/client";
import { bucketOf, bucketRange, bucketSql, LAST_BUCKET, quantile } from "./buckets";

const samples = [0, 49, 50, 999, 1000, 1249, 1250, 9999, 10000, 10999, 299_999, 300_000, 309_999, 1_800_000, 3_599_999, 3_600_000, 86_399_999];

describe("latency buckets", () => {
  it("every millisecond falls inside its own bucket's range", () => {
    for (const ms of samples) {
      const [lo, hi] = bucketRange(bucketOf(ms));
      expect(ms).toBeGreaterThanOrEqual(lo);
      expect(ms).toBeLessThan(hi);
    }
  });

  it("SQL puts every millisecond in the same bucket as the code that reads it", async () => {
    const db = createClient({ url: ":memory:" });
    for (const ms of [...samples, 86_400_000, 200_000_000]) {
      const { rows } = await db.execute({ sql: `SELECT ${bucketSql("x")} AS b FROM (SELECT ? AS x)`, args: [BigInt(ms)] });
      expect(Number(rows[0]!.b), `${ms} ms`).toBe(bucketOf(ms));
    }
    db.close();
  });

  it("tells a wait of half an hour from one of five minutes; a day or more reads as a day", () => {
    const one = (ms: number) => quantile(new Map([[bucketOf(ms), 1]]), 0.5)!;
    expect(Math.abs(one(1_800_000) - 1_800_000)).toBeLessThanOrEqual(5_000);
    expect(Math.abs(one(305_000) - 305_000)).toBeLessThanOrEqual(5_000);
    expect(bucketOf(3 * 86_400_000)).toBe(LAST_BUCKET);
    expect(one(3 * 86_400_000)).toBe(86_400_000);
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
