import { describe, expect, it } from "vitest";
import { formatRange, randomSeed, readNumberInput, readSeedInput, snapToStep } from "./number-value";

describe("number helpers", () => {
  it("reads empty or unfinished input as undefined, never NaN or 0", () => {
    expect(readNumberInput({ value: "", valueAsNumber: NaN })).toBeUndefined();
    expect(readNumberInput({ value: "  ", valueAsNumber: NaN })).toBeUndefined();
    expect(readNumberInput({ value: "-", valueAsNumber: NaN })).toBeUndefined();
    expect(readNumberInput({ value: "0", valueAsNumber: 0 })).toBe(0);
    expect(readNumberInput({ value: "4.5", valueAsNumber: 4.5 })).toBe(4.5);
  });

  it("reads a 64-bit seed with every digit: a number while exact, its digits past 2^53", () => {
    const input = (value: string) => ({ value, valueAsNumber: value.trim() === "" ? NaN : Number(value) });
    expect(readSeedInput(input("18446744073709551615"))).toBe("18446744073709551615");
    expect(readSeedInput(input("12345678901234567891"))).toBe("12345678901234567891");
    expect(readSeedInput(input("9007199254740991"))).toBe(9007199254740991);
    expect(readSeedInput(input("42"))).toBe(42);
    expect(readSeedInput(input(""))).toBeUndefined();
    expect(readSeedInput(input("1.5"))).toBe(1.5);
  });

  it("formats ranges", () => {
    expect(formatRange(1, 50)).toBe("1–50");
    expect(formatRange(0, undefined)).toBe("≥ 0");
    expect(formatRange(undefined, undefined)).toBeUndefined();
  });

  it("snaps to the step within bounds", () => {
    expect(snapToStep(1000, 64, 1536, 32)).toBe(992);
    expect(snapToStep(2000, 64, 1536, 32)).toBe(1536);
    expect(snapToStep(10, 64, 1536, 32)).toBe(64);
    expect(snapToStep(0.33, 0, 1, 0.1)).toBe(0.3);
  });

  it("draws seeds within min..max and at most 2^32-1", () => {
    expect(randomSeed({ min: 0, max: Number.MAX_SAFE_INTEGER }, () => 0.999999999)).toBeLessThanOrEqual(2 ** 32 - 1);
    expect(randomSeed({ min: -1, max: 10 }, () => 0)).toBe(0);
    expect(randomSeed({ min: 5, max: 7 }, () => 0.99)).toBe(7);
    for (let i = 0; i < 100; i++) {
      const s = randomSeed({ min: 1, max: 3 });
      expect(Number.isInteger(s) && s >= 1 && s <= 3).toBe(true);
    }
  });
});
