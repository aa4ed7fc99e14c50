/*
 * Seeds whose documented range passes 2^53 (DeepInfra's 0 to 2^64−1), as plain values: a whole number up to 2^53−1,
 * its decimal digits beyond ("18446744073709551615"). No zod here: the browser's form code uses these, and the field's
 * declaration (./wide-seed.ts) stays on the server.
 */

export interface WideRange {
  min: bigint;
  max: bigint;
}

const DIGITS = /^-?\d+$/;

/** A seed as an exact integer: a safe whole number, or decimal digits; undefined for anything else. */
export function seedBigInt(value: unknown): bigint | undefined {
  if (typeof value === "number") return Number.isSafeInteger(value) ? BigInt(value) : undefined;
  if (typeof value === "string" && DIGITS.test(value) && value.length <= 40) return BigInt(value);
  return undefined;
}

/** Whether a form holds a seed: a number, or the digits of one past 2^53; empty (random) is not. */
export const isSeedValue = (value: unknown): value is number | string =>
  typeof value === "number" || (typeof value === "string" && DIGITS.test(value));

/** The value a wide seed field holds for an integer: a number while it is exact, its digits beyond. */
export function seedValueOf(n: bigint): number | string {
  const abs = n < 0n ? -n : n;
  return abs <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n.toString();
}

/** `min–max` in words, with every digit (the form's wording: lib/forms/words.ts `range`). */
export const wideRangeWords = (label: string, { min, max }: WideRange) => `${label} must be between ${min} and ${max}`;

/** Why `value` is not a seed the range takes, or undefined when it is. */
export function wideSeedProblem(label: string, range: WideRange, value: unknown): string | undefined {
  if (typeof value === "number" && Number.isInteger(value) && !Number.isSafeInteger(value)) {
    // A JSON number past 2^53 has already lost digits when it arrives: the seed asked for is not known.
    return `${label} ${value} is past ${Number.MAX_SAFE_INTEGER}, where a JSON number loses digits: send it as text of digits ("12345678901234567891")`;
  }
  const n = seedBigInt(value);
  if (n === undefined) return typeof value === "number" ? `${label} must be a whole number` : `${label} must be a whole number (digits only)`;
  if (n < range.min || n > range.max) return wideRangeWords(label, range);
  return undefined;
}

/** A seed typed as text, when it is whole digits: a number while exact, its digits past 2^53; otherwise undefined. */
export function seedFromDigits(text: string): number | string | undefined {
  const digits = text.trim();
  return /^\d+$/.test(digits) ? seedValueOf(BigInt(digits)) : undefined;
}
