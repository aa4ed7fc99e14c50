import { describe, expect, it } from "vitest";
import { clientKey, isHttpsRequest } from "./request";

const h = (init: Record<string, string>) => new Headers(init);

describe("clientKey", () => {
  it("is one shared key unless the proxy is trusted", () => {
    expect(clientKey(h({ "x-forwarded-for": "203.0.113.7" }), false)).toBe("direct");
    expect(clientKey(h({}), false)).toBe("direct");
  });

  it("uses the first X-Forwarded-For entry behind a trusted proxy", () => {
    expect(clientKey(h({ "x-forwarded-for": "203.0.113.7, 10.0.0.2" }), true)).toBe("ip:203.0.113.7");
    expect(clientKey(h({ "x-forwarded-for": "2001:DB8::1" }), true)).toBe("ip:2001:db8::1");
    expect(clientKey(h({}), true)).toBe("direct");
    expect(clientKey(h({ "x-forwarded-for": "<script>" }), true)).toBe("direct");
  });
});

describe("isHttpsRequest", () => {
  it("follows the Origin the browser sent", () => {
    expect(isHttpsRequest(h({ origin: "https://sd3.example.com" }), false)).toBe(true);
    expect(isHttpsRequest(h({ origin: "http://192.168.1.50:3000" }), false)).toBe(false);
  });

  it("believes X-Forwarded-Proto only behind a trusted proxy", () => {
    expect(isHttpsRequest(h({ "x-forwarded-proto": "https" }), false)).toBe(false);
    expect(isHttpsRequest(h({ "x-forwarded-proto": "https,http" }), true)).toBe(true);
  });
});
