import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

// env() caches what it reads, so each test loads a fresh copy of the module with its own variables.
async function freshEnv(keys: Record<string, string>) {
  vi.resetModules();
  for (const [name, value] of Object.entries(keys)) vi.stubEnv(name, value);
  return import("./env");
}

beforeEach(() => {
  for (const name of ["AIMLAPI_API_KEY", "SEGMIND_API_KEY", "EACHLABS_API_KEY", "IMAGEPIPELINE_API_KEY"]) vi.stubEnv(name, "");
});
afterEach(() => vi.unstubAllEnvs());

describe("scrubSecrets", () => {
  it("removes every occurrence of every configured key", async () => {
    const { scrubSecrets } = await freshEnv({ SEGMIND_API_KEY: "SG_secret0a1b2c", AIMLAPI_API_KEY: "aiml-9f8e7d6c" });
    const text = "bad key SG_secret0a1b2c (SG_secret0a1b2c); Authorization: Bearer aiml-9f8e7d6c";
    expect(scrubSecrets(text)).toBe("bad key [redacted] ([redacted]); Authorization: Bearer [redacted]");
  });

  it("passes text without keys, and missing text, through unchanged", async () => {
    const { scrubSecrets } = await freshEnv({ EACHLABS_API_KEY: "each-1234567" });
    expect(scrubSecrets("HTTP 500: upstream error")).toBe("HTTP 500: upstream error");
    expect(scrubSecrets(undefined)).toBeUndefined();
    expect(scrubSecrets(null)).toBeUndefined();
  });

  it("leaves very short values alone rather than shredding ordinary text", async () => {
    const { scrubSecrets } = await freshEnv({ IMAGEPIPELINE_API_KEY: "abc" });
    expect(scrubSecrets("abc abc")).toBe("abc abc");
  });
});
