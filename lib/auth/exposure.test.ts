import { afterEach, describe, expect, it, vi } from "vitest";
import { configuredListenHost, exposureWarning } from "./exposure";

afterEach(() => vi.unstubAllEnvs());

describe("configuredListenHost", () => {
  it("reads next start's -H / --hostname", () => {
    expect(configuredListenHost(["node", "next", "start", "-H", "127.0.0.1"], undefined)).toBe("127.0.0.1");
    expect(configuredListenHost(["node", "next", "start", "--hostname", "0.0.0.0"], undefined)).toBe("0.0.0.0");
    expect(configuredListenHost(["node", "next", "start", "--hostname=::1"], undefined)).toBe("::1");
  });

  it("falls back to the origin next dev records, which says localhost for the default", () => {
    expect(configuredListenHost(["node", "start-server.js"], "http://127.0.0.1:3000")).toBe("127.0.0.1");
    expect(configuredListenHost(["node", "start-server.js"], "http://[::1]:3000")).toBe("::1");
    expect(configuredListenHost(["node", "start-server.js"], "http://localhost:3000")).toBeNull();
    expect(configuredListenHost(["node", "next", "start"], undefined)).toBeNull();
  });
});

describe("exposureWarning", () => {
  it("is silent with a password, or on a loopback address", () => {
    vi.stubEnv("PLAYGROUND_PASSWORD", "pw");
    expect(exposureWarning("0.0.0.0")).toBeNull();
    vi.stubEnv("PLAYGROUND_PASSWORD", "");
    expect(exposureWarning("127.0.0.1")).toBeNull();
    expect(exposureWarning("localhost")).toBeNull();
  });

  it("says plainly what is exposed otherwise", () => {
    vi.stubEnv("PLAYGROUND_PASSWORD", "");
    vi.stubEnv("PORT", "3000");
    expect(exposureWarning(null)).toMatch(/PLAYGROUND_PASSWORD is not set and the server listens on every network interface/);
    expect(exposureWarning("192.168.1.50")).toContain("http://192.168.1.50:3000");
    expect(exposureWarning("0.0.0.0")).toContain("Anyone who can reach this address can use your provider keys.");
  });
});
