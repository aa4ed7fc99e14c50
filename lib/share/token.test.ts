import { describe, expect, it } from "vitest";
import { SHARE_TOKEN_BYTES, SHARE_TOKEN_LENGTH, isShareToken, newShareToken, sharePath } from "./token";

describe("share tokens", () => {
  it("carry at least 128 bits: 24 random bytes as 32 base64url characters", () => {
    expect(SHARE_TOKEN_BYTES * 8).toBeGreaterThanOrEqual(128);
    const token = newShareToken();
    expect(token).toHaveLength(SHARE_TOKEN_LENGTH);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Buffer.from(token, "base64url")).toHaveLength(SHARE_TOKEN_BYTES);
  });

  it("never repeat and use the whole alphabet (a coarse entropy check)", () => {
    const tokens = Array.from({ length: 2000 }, newShareToken);
    expect(new Set(tokens).size).toBe(tokens.length);
    const chars = new Set(tokens.join(""));
    expect(chars.size).toBe(64);
    // Each of the 64 symbols should appear close to 1/64 of the time over 64,000 characters.
    const counts = new Map<string, number>();
    for (const c of tokens.join("")) counts.set(c, (counts.get(c) ?? 0) + 1);
    const expected = (tokens.length * SHARE_TOKEN_LENGTH) / 64;
    for (const n of counts.values()) expect(Math.abs(n - expected) / expected).toBeLessThan(0.25);
  });

  it("accepts only the exact shape, so malformed tokens never reach the database", () => {
    expect(isShareToken(newShareToken())).toBe(true);
    expect(isShareToken("")).toBe(false);
    expect(isShareToken("a".repeat(31))).toBe(false);
    expect(isShareToken("a".repeat(33))).toBe(false);
    expect(isShareToken(`${"a".repeat(31)}=`)).toBe(false);
    expect(isShareToken(`${"a".repeat(31)}/`)).toBe(false);
    expect(isShareToken("123e4567-e89b-12d3-a456-426614174000")).toBe(false);
    expect(sharePath("abc")).toBe("/s/abc");
  });
});
