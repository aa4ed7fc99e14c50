import { seedFromDigits } from "@/lib/params/seed-digits";

/** Read a number input: empty (or not yet a number, e.g. "-") is undefined, never NaN or 0. */
export function readNumberInput(input: Pick<HTMLInputElement, "value" | "valueAsNumber">): number | undefined {
  if (input.value.trim() === "") return undefined;
  const n = Number.isNaN(input.valueAsNumber) ? Number(input.value) : input.valueAsNumber;
  return Number.isFinite(n) ? n : undefined;
}

/**
 * Read a wide seed's input (a range past 2^53): whole digits keep every one of them (as text past 2^53, where a
 * number would round); anything else reads as a number input does, for validation to name.
 */
export function readSeedInput(input: Pick<HTMLInputElement, "value" | "valueAsNumber">): number | string | undefined {
  return seedFromDigits(input.value) ?? readNumberInput(input);
}

/** Format a range for display: "1–50", "≥ 0", "≤ 20", or undefined when unbounded. */
export function formatRange(min: number | undefined, max: number | undefined): string | undefined {
  if (min !== undefined && max !== undefined) return `${min}–${max}`;
  if (min !== undefined) return `≥ ${min}`;
  if (max !== undefined) return `≤ ${max}`;
  return undefined;
}

/** The closest value to `n` that respects min, max and step (counted from min, or from 0 without a min). */
export function snapToStep(n: number, min: number | undefined, max: number | undefined, step: number): number {
  const base = min ?? 0;
  const clamped = Math.min(max ?? Infinity, Math.max(min ?? -Infinity, n));
  let v = base + Math.round((clamped - base) / step) * step;
  if (max !== undefined && v > max) v -= step;
  if (min !== undefined && v < min) v = min;
  return Number(v.toFixed(10));
}

/** A random whole seed in min..max, kept within 0..2^32-1 so it stays readable and portable. */
export function randomSeed({ min, max }: { min: number; max: number }, random: () => number = Math.random): number {
  const lo = Math.max(0, Math.ceil(min));
  const hi = Math.max(lo, Math.min(Math.floor(max), 2 ** 32 - 1));
  return lo + Math.floor(random() * (hi - lo + 1));
}
