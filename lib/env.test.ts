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

describe("extra base URLs (fal's queue host)", () => {
  it("reads each from its own variable, falls back to its default, and mounts it below the provider in the emulator", async () => {
    const live = await freshEnv({ FAL_KEY: "fal-key-0123", FAL_QUEUE_BASE_URL: "https://queue.example.test", STABILITY_API_KEY: "" });
    expect(live.env().providers.fal).toMatchObject({ mode: "live", baseUrl: "https://fal.run", baseUrls: { queue: "https://queue.example.test" } });
    expect(live.env().providers.segmind.baseUrls).toEqual({});
    vi.stubEnv("FAL_QUEUE_BASE_URL", "");
    const fallback = await freshEnv({ FAL_KEY: "fal-key-0123" });
    expect(fallback.env().providers.fal.baseUrls).toEqual({ queue: "https://queue.fal.run" });
    const emulated = await freshEnv({ FAL_KEY: "", PROVIDER_EMULATOR: "on", EMULATOR_URL: "http://127.0.0.1:4999" });
    expect(emulated.env().providers.fal).toMatchObject({ mode: "emulated", baseUrl: "http://127.0.0.1:4999/fal", baseUrls: { queue: "http://127.0.0.1:4999/fal/queue" } });
  });
});

describe("budgets", () => {
  it("reads the total caps, each provider's caps and the time zone; empty means none", async () => {
    const { env } = await freshEnv({ BUDGET_DAILY_USD: "2.5", BUDGET_MONTHLY_USD: "", SEGMIND_BUDGET_MONTHLY_USD: "20", FAL_BUDGET_DAILY_USD: "0", BUDGET_TIME_ZONE: "Europe/Berlin" });
    expect(env().budgets).toEqual([
      { scope: "total", period: "day", usd: 2.5, source: "env" },
      { scope: "segmind", period: "month", usd: 20, source: "env" },
      { scope: "fal", period: "day", usd: 0, source: "env" },
    ]);
    expect(env().BUDGET_TIME_ZONE).toBe("Europe/Berlin");
    expect((await freshEnv({ BUDGET_TIME_ZONE: "" })).env().BUDGET_TIME_ZONE).toBe("UTC");
  });

  it("refuses a cap that is not a number of dollars, naming the variable, and a zone that does not exist", async () => {
    await expect((async () => (await freshEnv({ SEGMIND_BUDGET_DAILY_USD: "ten" })).env())()).rejects.toThrow("SEGMIND_BUDGET_DAILY_USD must be a number of dollars");
    await expect((async () => (await freshEnv({ BUDGET_DAILY_USD: "-1" })).env())()).rejects.toThrow(/BUDGET_DAILY_USD/);
    await expect((async () => (await freshEnv({ BUDGET_TIME_ZONE: "Mars/Olympus" })).env())()).rejects.toThrow(/IANA time zone/);
  });
});

describe(".env.example", () => {
  it("names every variable the server reads, and each provider's key, base URL(s), concurrency and budget caps", async () => {
    const fs = await import("node:fs");
    const path = await import("node:path");
    const example = fs.readFileSync(path.join(import.meta.dirname, "..", ".env.example"), "utf8");
    const { envVariableNames } = await freshEnv({});
    const { providerIds, providers } = await import("./providers");
    const expected = [
      ...envVariableNames,
      ...providerIds.flatMap((id) => {
        const def = providers[id] as { keyEnv: string; baseUrlEnv: string; extraBaseUrls?: Record<string, { env: string }> };
        return [def.keyEnv, def.baseUrlEnv, ...Object.values(def.extraBaseUrls ?? {}).map((x) => x.env), `${id.toUpperCase()}_CONCURRENCY`];
      }),
    ];
    const missing = expected.filter((name) => !new RegExp(`\\b${name}\\b`).test(example));
    expect(missing).toEqual([]);
    expect(example).toMatch(/<PROVIDER>_BUDGET_DAILY_USD/);
  });
});
