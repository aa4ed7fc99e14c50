import { describe, expect, it } from "vitest";
import { countOf, formatBytes, formatCost, formatDateTime, formatMs, formatTime, groupDigits } from "./format";

describe("formatters without Intl", () => {
  it("group digits as en-US does, rounding to three decimals", () => {
    for (const n of [0, 7, 999, 1000, 273000, 1234567, 1234.5678, 0.1234, -1234.5, 12.5, 2_000_000, 0.0004]) {
      expect(groupDigits(n), String(n)).toBe(n.toLocaleString("en-US"));
    }
    expect(formatCost({ amount: 273000, unit: "credits" })).toBe("273,000 credits");
  });

  it("write a count with its noun, singular for exactly one", () => {
    expect([0, 1, 2, 1200].map((n) => countOf(n, "image"))).toEqual(["0 images", "1 image", "2 images", "1,200 images"]);
    expect(countOf(1, "unpriced target")).toBe("1 unpriced target");
  });

  it("write a duration in the unit its rounded value falls in: never 1000 ms, 60.0 s or 1 min 60 s", () => {
    const cases: [number, string][] = [
      [850, "850 ms"],
      [999.6, "1.00 s"],
      [1234, "1.23 s"],
      [9999.9, "10.0 s"],
      [12345, "12.3 s"],
      [59999.6, "1 min 0 s"],
      [61_000, "1 min 1 s"],
      [119_600, "2 min 0 s"],
      [3_599_700, "60 min 0 s"],
    ];
    expect(cases.map(([ms]) => [ms, formatMs(ms)])).toEqual(cases);
    expect(formatMs(null)).toBe("–");
  });

  it("write dates and times as en-GB's medium date and short time, in local time", () => {
    for (const iso of ["2026-11-30T16:28:05Z", "2026-01-03T00:05:00Z", "2025-07-09T23:59:59Z"]) {
      expect(formatDateTime(iso), iso).toBe(new Date(iso).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" }));
      expect(formatTime(iso), iso).toBe(new Date(iso).toLocaleTimeString("en-GB"));
    }
  });

  it("write sizes in B, KB and MB, megabytes whole where exact", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(2300)).toBe("2 KB");
    expect(formatBytes(10 * 1024 * 1024)).toBe("10 MB");
    expect(formatBytes(1.25 * 1024 * 1024)).toBe("1.3 MB");
  });
});
