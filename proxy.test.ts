import { NextRequest } from "next/server";
import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { config, proxy } from "./proxy";
import { SESSION_COOKIE, sessionKey, signSession } from "./lib/auth/session";

const PASSWORD = "correct horse battery staple";
const SECRET = "s".repeat(32);

function request(path: string, init: { method?: string; headers?: Record<string, string> } = {}) {
  return new NextRequest(`http://127.0.0.1:3000${path}`, {
    method: init.method ?? "GET",
    headers: { host: "127.0.0.1:3000", ...init.headers },
  });
}

/** NextResponse.next() is a 200 that tells Next to continue with the route. */
const passedOn = (res: Response) => res.headers.get("x-middleware-next") === "1";

async function validCookie() {
  const token = await signSession(await sessionKey({ password: PASSWORD, sessionSecret: SECRET }));
  return `${SESSION_COOKIE}=${token}`;
}

afterEach(() => vi.unstubAllEnvs());

describe("the proxy's matcher", () => {
  it("runs for pages, API routes and share pages, not for static build output", () => {
    for (const url of ["/", "/gallery/1", "/api/runs", "/api/generations/1", "/api/images/1/download", "/s/abc", "/login", "/favicon.ico/x", "/favicon-ico", "/_next/imagex", "/_next/static-x"]) {
      expect(unstable_doesMiddlewareMatch({ config, url }), url).toBe(true);
    }
    for (const url of ["/_next/static/chunks/app.js", "/favicon.ico", "/_next/image?url=%2Fapi%2Fimages%2F1&w=640&q=75"]) {
      expect(unstable_doesMiddlewareMatch({ config, url }), url).toBe(false);
    }
  });
});

describe("with PLAYGROUND_PASSWORD", () => {
  const withPassword = () => {
    vi.stubEnv("PLAYGROUND_PASSWORD", PASSWORD);
    vi.stubEnv("SESSION_SECRET", SECRET);
  };

  it("passes a request with a valid session cookie on", async () => {
    withPassword();
    const res = await proxy(request("/api/runs", { headers: { cookie: await validCookie() } }));
    expect(passedOn(res)).toBe(true);
  });

  it("refuses API calls, pages and server actions without a session", async () => {
    withPassword();
    const api = await proxy(request("/api/runs"));
    expect(api.status).toBe(401);
    expect(await api.json()).toEqual({ error: "unauthorized" });
    const page = await proxy(request("/gallery?provider=segmind"));
    expect(page.status).toBe(307);
    expect(new URL(page.headers.get("location")!).pathname + new URL(page.headers.get("location")!).search).toBe(
      "/login?next=%2Fgallery%3Fprovider%3Dsegmind",
    );
    const action = await proxy(request("/", { method: "POST", headers: { "next-action": "abc", origin: "http://127.0.0.1:3000" } }));
    expect(action.status).toBe(401);
    expect(await action.text()).toMatch(/session has ended/);
  });

  it("refuses a forged, unsigned or differently signed cookie", async () => {
    withPassword();
    const good = (await validCookie()).split("=")[1]!;
    const [v, payload] = good.split(".");
    const forgedPayload = btoa(JSON.stringify({ iat: 0, exp: 9_999_999_999 })).replace(/=+$/, "");
    const otherKey = await signSession(await sessionKey({ password: "another password", sessionSecret: SECRET }));
    for (const token of [`${v}.${forgedPayload}.${good.split(".")[2]}`, `${v}.${payload}`, `${v}.${payload}.`, otherKey, "x"]) {
      const res = await proxy(request("/api/runs", { headers: { cookie: `${SESSION_COOKIE}=${token}` } }));
      expect(res.status, token).toBe(401);
    }
  });

  it("tells the route the path asked for, whatever the client sent as it", async () => {
    withPassword();
    const res = await proxy(request("/s/abc", { headers: { "x-playground-path": "/gallery" } }));
    expect(passedOn(res)).toBe(true);
    expect(res.headers.get("x-middleware-request-x-playground-path")).toBe("/s/abc");
  });

  it("lets the public paths through without a session", async () => {
    withPassword();
    for (const path of ["/s/abc", "/login", "/api/health"]) expect(passedOn(await proxy(request(path))), path).toBe(true);
  });

  it("checks the Host once ALLOWED_HOSTS is set, even with a valid session", async () => {
    withPassword();
    const cookie = await validCookie();
    expect(passedOn(await proxy(request("/api/runs", { headers: { cookie, host: "evil.example" } })))).toBe(true);
    vi.stubEnv("ALLOWED_HOSTS", "sd3.lan");
    expect((await proxy(request("/api/runs", { headers: { cookie, host: "evil.example" } }))).status).toBe(421);
    expect(passedOn(await proxy(request("/api/runs", { headers: { cookie, host: "sd3.lan:3000" } })))).toBe(true);
  });

  it("answers a load balancer's health probe at the instance's own address, and nothing else there", async () => {
    withPassword();
    vi.stubEnv("PUBLIC_URL", "https://sd3.example.com");
    const probe = { host: "10.0.3.17:3000" };
    expect(passedOn(await proxy(request("/api/health", { headers: probe })))).toBe(true);
    expect(passedOn(await proxy(request("/api/health", { method: "HEAD", headers: probe })))).toBe(true);
    expect((await proxy(request("/api/health/", { headers: probe }))).status).toBe(421);
    expect((await proxy(request("/api/runs", { headers: probe }))).status).toBe(421);
  });
});

describe("without a password", () => {
  const noPassword = () => vi.stubEnv("PLAYGROUND_PASSWORD", "");

  it("answers only loopback names and the allowed hosts (DNS rebinding)", async () => {
    noPassword();
    const rebound = await proxy(request("/api/runs", { headers: { host: "evil.example:3401" } }));
    expect(rebound.status).toBe(421);
    expect((await rebound.json()).error).toBe("unknown_host");
    const page = await proxy(request("/", { headers: { host: "evil.example:3401" } }));
    expect(page.status).toBe(421);
    for (const host of ["127.0.0.1:3000", "localhost:3000", "[::1]:3000"]) {
      expect(passedOn(await proxy(request("/api/runs", { headers: { host } }))), host).toBe(true);
    }
    vi.stubEnv("ALLOWED_HOSTS", "sd3.lan");
    expect(passedOn(await proxy(request("/", { headers: { host: "sd3.lan:3000" } })))).toBe(true);
  });

  it("refuses state-changing requests from another origin, and not reads", async () => {
    noPassword();
    const evil = { origin: "http://evil.example:3401" };
    const action = await proxy(request("/", { method: "POST", headers: { ...evil, "next-action": "abc" } }));
    expect(action.status).toBe(403);
    expect((await proxy(request("/api/generations", { method: "POST", headers: evil }))).status).toBe(403);
    expect((await proxy(request("/api/runs/x", { method: "DELETE", headers: evil }))).status).toBe(403);
    expect(passedOn(await proxy(request("/api/runs", { headers: evil })))).toBe(true);
    const own = { origin: "http://127.0.0.1:3000" };
    expect(passedOn(await proxy(request("/api/generations", { method: "POST", headers: own })))).toBe(true);
  });

  it("refuses a body over the limit by name, and malformed percent-encoding", async () => {
    noPassword();
    const big = await proxy(request("/api/generations", { method: "POST", headers: { "content-length": String(15 * 1024 * 1024) } }));
    expect(big.status).toBe(413);
    expect((await big.json()).message).toBe("The request body is larger than 14 MB (input images: at most 10 MB).");
    // `%EF%BF%BD` (U+FFFD) is what Next hands the proxy for a query's malformed `%ff`.
    for (const path of ["/api/images/%ff%fe", "/runs/%ff", "/gallery?q=%ff", "/gallery?q=%EF%BF%BD"]) {
      expect((await proxy(request(path))).status, path).toBe(400);
    }
    expect(passedOn(await proxy(request("/gallery?q=%C3%A9t%C3%A9")))).toBe(true);
  });

  it("fails closed on an invalid setting", async () => {
    vi.stubEnv("ALLOWED_HOSTS", "https://not a host/");
    vi.spyOn(console, "error").mockImplementation(() => {});
    expect((await proxy(request("/"))).status).toBe(500);
  });
});
