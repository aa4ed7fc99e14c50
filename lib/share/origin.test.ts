import { describe, expect, it } from "vitest";
import { originFrom } from "./origin";

const h = (init: Record<string, string>) => new Headers(init);

describe("originFrom", () => {
  it("ignores X-Forwarded-Host and -Proto without TRUST_PROXY", () => {
    const forged = h({ host: "127.0.0.1:3000", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" });
    expect(originFrom(forged, { trustProxy: false })).toBe("http://127.0.0.1:3000");
  });
  it("believes them behind a trusted proxy", () => {
    const proxied = h({ host: "127.0.0.1:3000", "x-forwarded-host": "sd3.example.com, 10.0.0.1", "x-forwarded-proto": "https" });
    expect(originFrom(proxied, { trustProxy: true })).toBe("https://sd3.example.com");
  });
  it("prefers PUBLIC_URL over everything", () => {
    expect(originFrom(h({ host: "x" }), { publicUrl: "https://sd3.example.com/path", trustProxy: true })).toBe("https://sd3.example.com");
  });
  it("gives a plain-http LAN address an http link, as `next start` serves it", () => {
    expect(originFrom(h({ host: "192.168.1.50:3000" }), { trustProxy: false })).toBe("http://192.168.1.50:3000");
    expect(originFrom(h({ host: "sd3.lan:3000", origin: "http://sd3.lan:3000" }), { trustProxy: false })).toBe("http://sd3.lan:3000");
  });
  it("takes https from the browser's Origin for this host, and not from another host's", () => {
    expect(originFrom(h({ host: "sd3.example.com", origin: "https://sd3.example.com" }), { trustProxy: false })).toBe("https://sd3.example.com");
    expect(originFrom(h({ host: "sd3.lan", origin: "https://evil.example" }), { trustProxy: false })).toBe("http://sd3.lan");
  });
});
