import { describe, expect, it } from "vitest";
import { passwordMatches } from "./password";

describe("passwordMatches", () => {
  it("matches only the exact password, whatever the lengths", () => {
    expect(passwordMatches("correct horse", "correct horse")).toBe(true);
    expect(passwordMatches("correct hors", "correct horse")).toBe(false);
    expect(passwordMatches("correct horse battery", "correct horse")).toBe(false);
    expect(passwordMatches("", "correct horse")).toBe(false);
    expect(passwordMatches("pässwörd", "pässwörd")).toBe(true);
  });
});
