import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";

/**
 * Constant-time password check. Hashing both sides first gives equal-length inputs to timingSafeEqual, so neither the
 * comparison nor a length check reveals how much of the password, or how long it is, was right.
 */
export function passwordMatches(given: string, expected: string): boolean {
  const a = createHash("sha256").update(given, "utf8").digest();
  const b = createHash("sha256").update(expected, "utf8").digest();
  return timingSafeEqual(a, b);
}
