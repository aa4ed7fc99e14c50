import { describe, expect, it } from "vitest";
import { authConfig } from "./config";

describe("authConfig", () => {
  it("treats blank values as unset", () => {
    expect(authConfig({ PLAYGROUND_PASSWORD: " ", SESSION_SECRET: "", TRUST_PROXY: "" })).toEqual({
      password: null,
      sessionSecret: null,
      trustProxy: false,
    });
  });

  it("reads the password, secret and proxy trust", () => {
    expect(authConfig({ PLAYGROUND_PASSWORD: "pw", SESSION_SECRET: "x".repeat(32), TRUST_PROXY: "1" })).toEqual({
      password: "pw",
      sessionSecret: "x".repeat(32),
      trustProxy: true,
    });
  });

  it("rejects a short secret and an unclear TRUST_PROXY", () => {
    expect(() => authConfig({ SESSION_SECRET: "short" })).toThrow(/32 characters/);
    expect(() => authConfig({ TRUST_PROXY: "yes" })).toThrow();
  });
});
