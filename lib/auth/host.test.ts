import { describe, expect, it } from "vitest";
import { hostPolicy, isAllowedHost, isAllowedOrigin } from "./host";

describe("hostPolicy", () => {
  it("applies without a password, and with one only once a list is configured", () => {
    expect(hostPolicy({}).enforced).toBe(true);
    expect(hostPolicy({ PLAYGROUND_PASSWORD: "pw" }).enforced).toBe(false);
    expect(hostPolicy({ PLAYGROUND_PASSWORD: "pw", ALLOWED_HOSTS: "sd3.lan" }).enforced).toBe(true);
    expect(hostPolicy({ PLAYGROUND_PASSWORD: "pw", PUBLIC_URL: "https://sd3.example.com" }).enforced).toBe(true);
  });

  it("collects ALLOWED_HOSTS (ports and case ignored) and PUBLIC_URL's host", () => {
    const policy = hostPolicy({ ALLOWED_HOSTS: " SD3.lan:8080, 192.168.1.50 ,[fe80::1]", PUBLIC_URL: "https://sd3.example.com/x" });
    expect([...policy.names].sort()).toEqual(["192.168.1.50", "fe80::1", "sd3.example.com", "sd3.lan"]);
  });

  it("rejects a list it cannot read", () => {
    expect(() => hostPolicy({ ALLOWED_HOSTS: "https://evil/" })).toThrow();
    expect(() => hostPolicy({ PUBLIC_URL: "not a url" })).toThrow();
  });
});

describe("isAllowedHost", () => {
  const policy = hostPolicy({ ALLOWED_HOSTS: "sd3.lan", PUBLIC_URL: "https://sd3.example.com" });

  it("answers loopback names on any port and the configured hosts", () => {
    for (const host of ["127.0.0.1:3000", "localhost", "LOCALHOST:80", "[::1]:3000", "sd3.lan", "sd3.lan:3000", "sd3.example.com"]) {
      expect(isAllowedHost(policy, host), host).toBe(true);
    }
  });

  it("refuses every other name, including a rebinding page's", () => {
    for (const host of [null, "", "evil.example:3401", "sd3.lan.evil.example", "192.168.1.50:3000", "example.com", "127.0.0.1.nip.io"]) {
      expect(isAllowedHost(policy, host), String(host)).toBe(false);
    }
  });

  it("lets everything through with a password and no list (a reverse proxy may rewrite Host)", () => {
    expect(isAllowedHost(hostPolicy({ PLAYGROUND_PASSWORD: "pw" }), "anything.example")).toBe(true);
  });
});

describe("isAllowedOrigin", () => {
  const policy = hostPolicy({ ALLOWED_HOSTS: "sd3.lan" });
  it("allows no Origin and allowed origins", () => {
    expect(isAllowedOrigin(policy, null)).toBe(true);
    expect(isAllowedOrigin(policy, "http://127.0.0.1:3000")).toBe(true);
    expect(isAllowedOrigin(policy, "https://sd3.lan")).toBe(true);
  });
  it("refuses foreign and opaque origins", () => {
    expect(isAllowedOrigin(policy, "http://evil.example:3401")).toBe(false);
    expect(isAllowedOrigin(policy, "null")).toBe(false);
    expect(isAllowedOrigin(policy, "garbage")).toBe(false);
  });
});
