import { describe, expect, it } from "vitest";
import { diffParams, flattenParams, formatParamValue, shortenDataUrl, valuesEqual } from "./diff";

describe("flattenParams", () => {
  it("flattens nested objects to dotted keys and keeps arrays and empty objects whole", () => {
    const flat = flattenParams({ prompt: "cat", input: { steps: 4, extra: { cfg: 7 } }, loras: [{ scale: 1 }], empty: {} });
    expect([...flat.entries()]).toEqual([
      ["prompt", "cat"],
      ["input.steps", 4],
      ["input.extra.cfg", 7],
      ["loras", [{ scale: 1 }]],
      ["empty", {}],
    ]);
  });

  it("treats undefined as not set but keeps null", () => {
    const flat = flattenParams({ seed: undefined, negative: null });
    expect(flat.has("seed")).toBe(false);
    expect(flat.get("negative")).toBeNull();
  });
});

describe("valuesEqual", () => {
  it("compares structurally", () => {
    expect(valuesEqual([1, { a: 2 }], [1, { a: 2 }])).toBe(true);
    expect(valuesEqual({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true);
    expect(valuesEqual([1, 2], [2, 1])).toBe(false);
    expect(valuesEqual(NaN, NaN)).toBe(true);
    expect(valuesEqual(7, "7")).toBe(false);
    expect(valuesEqual([], {})).toBe(false);
  });
});

describe("diffParams", () => {
  it("unions keys in A's order, then B's extras, and counts differences", () => {
    const result = diffParams(
      { prompt: "cat", input: { steps: 4, cfg: 7 }, seed: 1 },
      { prompt: "cat", input: { steps: 28, cfg: 7 }, sampler: "euler" },
    );
    expect(result.rows.map((r) => [r.key, r.differs])).toEqual([
      ["prompt", false],
      ["input.steps", true],
      ["input.cfg", false],
      ["seed", true],
      ["sampler", true],
    ]);
    expect(result.differing).toBe(3);
    expect(result.total).toBe(5);
    const seed = result.rows.find((r) => r.key === "seed");
    expect(seed).toMatchObject({ inA: true, inB: false, a: 1, b: undefined });
  });

  it("treats a missing key and an undefined one alike", () => {
    expect(diffParams({ a: 1, b: undefined }, { a: 1 }).differing).toBe(0);
  });

  it("tells a missing key apart from null", () => {
    expect(diffParams({ a: null }, {}).differing).toBe(1);
  });
});

describe("formatting", () => {
  it("shortens data URLs with their decoded size", () => {
    const payload = "A".repeat(4000);
    expect(shortenDataUrl(`data:image/png;base64,${payload}`)).toBe("data:image/png;base64,AAAAAAAA… (3 KB)");
    expect(shortenDataUrl("https://example.com/a.png")).toBe("https://example.com/a.png");
    expect(shortenDataUrl("data:,hi")).toBe("data:,hi");
  });

  it("formats values for cells", () => {
    expect(formatParamValue("")).toBe('""');
    expect(formatParamValue(false)).toBe("false");
    expect(formatParamValue(null)).toBe("null");
    expect(formatParamValue([1, "x"])).toBe('[1,"x"]');
    expect(formatParamValue({ image: `data:image/png;base64,${"B".repeat(100)}` })).toBe(
      '{"image":"data:image/png;base64,BBBBBBBB… (75 B)"}',
    );
  });
});
