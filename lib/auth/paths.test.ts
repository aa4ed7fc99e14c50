import { describe, expect, it } from "vitest";
import { isPublicPath, loginPath, safeNextPath } from "./paths";

describe("isPublicPath", () => {
  it("lets share pages, their images, sign-in and static assets through", () => {
    for (const p of [
      "/s/abc",
      "/s/abc/image/1",
      "/s/abc/preview",
      "/login",
      "/_next/static/chunks/app.js",
      "/_next/static/media/geist.woff2",
      "/_next/image",
      "/favicon.ico",
      "/api/health",
      "/fonts/inter.woff2",
    ]) {
      expect(isPublicPath(p), p).toBe(true);
    }
  });

  it("keeps everything else private", () => {
    for (const p of ["/", "/gallery", "/gallery/1", "/compare", "/runs/x", "/shares", "/api/runs", "/api/images/1", "/api/models", "/api/healthz", "/sx", "/search", "/loginx", "/_next/data/x.json", "/favicon.ico/x"]) {
      expect(isPublicPath(p), p).toBe(false);
    }
  });
});

describe("safeNextPath", () => {
  it("keeps same-origin paths with their query and hash", () => {
    expect(safeNextPath("/gallery")).toBe("/gallery");
    expect(safeNextPath("/gallery?provider=segmind&x=1#top")).toBe("/gallery?provider=segmind&x=1#top");
    expect(safeNextPath("/runs/abc")).toBe("/runs/abc");
  });

  it("falls back to / for anything that could leave the site or loop", () => {
    for (const bad of [
      undefined,
      null,
      42,
      "",
      "gallery",
      "https://evil.example/",
      "//evil.example/x",
      "/.//evil.example/phish",
      "/..//evil.example",
      "/%2e//evil.example",
      "/\\evil.example",
      "/%0a/evil",
      "/x\n",
      "/x\u0000",
      "javascript:alert(1)",
      "/login",
      "/login?next=/gallery",
      "x".repeat(3000),
    ]) {
      const result = safeNextPath(bad);
      expect(result.startsWith("/") && !result.startsWith("//"), String(bad)).toBe(true);
      if (bad !== "/%0a/evil") expect(result, String(bad)).toBe("/");
    }
  });
});

describe("loginPath", () => {
  it("carries the way back in ?next=", () => {
    expect(loginPath("/gallery?x=1")).toBe("/login?next=%2Fgallery%3Fx%3D1");
    expect(loginPath("/")).toBe("/login");
    expect(loginPath("//evil")).toBe("/login");
  });
});
