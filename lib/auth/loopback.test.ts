import { describe, expect, it } from "vitest";
import { hostOf, isLoopbackHost, isWildcardHost } from "./loopback";

describe("isLoopbackHost", () => {
  it("knows this machine's names and addresses, with or without a port", () => {
    for (const h of ["localhost", "localhost:3000", "LOCALHOST.", "app.localhost:3000", "127.0.0.1", "127.0.0.1:3122", "127.1.2.3", "::1", "[::1]:3000", "[::ffff:127.0.0.1]:80"]) {
      expect(isLoopbackHost(h), h).toBe(true);
    }
  });

  it("treats everything else as reachable from elsewhere", () => {
    for (const h of [null, undefined, "", "192.168.1.50:3000", "10.0.0.1", "0.0.0.0:3000", "[::]:3000", "example.com", "localhost.example.com", "127.0.0.1.nip.io", "127.0.0.256", "[fe80::1]:3000", "::ffff:10.0.0.1"]) {
      expect(isLoopbackHost(h), String(h)).toBe(false);
    }
  });
});

describe("hostOf / isWildcardHost", () => {
  it("strips ports and brackets", () => {
    expect(hostOf("[::1]:3000")).toBe("::1");
    expect(hostOf("::1")).toBe("::1");
    expect(hostOf("Example.COM.:80")).toBe("example.com");
  });

  it("recognises every-interface addresses", () => {
    expect(isWildcardHost("0.0.0.0")).toBe(true);
    expect(isWildcardHost("::")).toBe(true);
    expect(isWildcardHost("[::]")).toBe(true);
    expect(isWildcardHost("127.0.0.1")).toBe(false);
  });
});
