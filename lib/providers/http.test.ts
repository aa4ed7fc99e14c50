import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REDACTED, errorFrom, formData, providerText, redactKey, send, timedFetch, wireJson } from "./http";
import { ProviderError } from "./errors";
import { fakeContext, jsonResponse } from "./testing";
import { readBytes, readJson } from "./wire";

const KEY = "gw-secret-key-789";

describe("redactKey / providerText", () => {
  it("replaces the key everywhere it appears", () => {
    expect(redactKey(`${KEY} then ${KEY}${KEY}`, KEY)).toBe("[redacted] then [redacted][redacted]");
  });

  it("replaces the key as providers echo it: another case, percent-encoded, JSON-escaped, base64, or half of it", () => {
    const falKey = "3f2a9c1e-5b7d-4e0f-8a6b-2c4d6e8f0a1b:9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d";
    const secret = falKey.split(":")[1]!;
    const echoes = [
      `Invalid key ${falKey.toUpperCase()}`,
      `GET https://queue.fal.run/x?key=${encodeURIComponent(falKey)} failed`,
      JSON.stringify({ detail: `bad "${falKey}"` }),
      `header Authorization: Basic ${Buffer.from(`user:${falKey}`).toString("base64")}`,
      `header Authorization: Basic ${Buffer.from(`u:${falKey}`).toString("base64url")}`,
      `header Authorization: Basic ${Buffer.from(`${falKey}`).toString("base64")}`,
      `secret ${secret} is revoked`,
    ];
    for (const echo of echoes) {
      const kept = redactKey(echo, falKey);
      expect(kept, echo).toContain(REDACTED);
      expect(kept, echo).not.toContain(secret.slice(0, 12));
      expect(kept.toLowerCase(), echo).not.toContain(secret.slice(-12));
      for (const b64 of [Buffer.from(secret).toString("base64").slice(2, 14)]) expect(kept, echo).not.toContain(b64);
    }
    // A key with characters that mean something in a pattern is still matched literally.
    expect(redactKey("k=a.b+c*d(e)", "a.b+c*d(e)")).toBe(`k=${REDACTED}`);
    expect(redactKey("nothing here", "a.b+c*d(e)")).toBe("nothing here");
  });

  it("leaves text alone for a key too short to be real", () => {
    expect(redactKey("a b c", "b")).toBe("a b c");
  });

  it("redacts before shortening, so a cut cannot leave part of the key", () => {
    const text = `${"x".repeat(290)} ${KEY}`;
    expect(providerText(text, KEY)).not.toContain(KEY.slice(0, 6));
  });
});

describe("send", () => {
  it("sends JSON with the request's headers", async () => {
    const { ctx, calls } = fakeContext({ apiKey: KEY, baseUrl: "https://p", responses: [jsonResponse({})] });
    await send({ method: "POST", url: "https://p/x", headers: { "Content-Type": "application/json" }, body: { a: 1 } }, ctx);
    expect(calls[0]).toMatchObject({ url: "https://p/x", method: "POST", body: '{"a":1}' });
  });

  it("sends multipart form data without a hand-written Content-Type, images as files", async () => {
    const { ctx, calls } = fakeContext({ apiKey: KEY, baseUrl: "https://p", responses: [jsonResponse({})] });
    const image = `data:image/png;base64,${Buffer.from("png-bytes").toString("base64")}`;
    await send(
      {
        method: "POST",
        url: "https://p/x",
        headers: { authorization: "Bearer k", "Content-Type": "application/json" },
        body: { prompt: "a fox", seed: 7, image, skipped: undefined },
        encoding: "multipart",
      },
      ctx,
    );
    expect(calls[0]?.headers).toEqual({ authorization: "Bearer k" });
    const form = calls[0]?.body as FormData;
    expect(form.get("prompt")).toBe("a fox");
    expect(form.get("seed")).toBe("7");
    expect(form.has("skipped")).toBe(false);
    const file = form.get("image") as File;
    expect(file.type).toBe("image/png");
    expect(Buffer.from(await file.arrayBuffer()).toString()).toBe("png-bytes");
  });

  it("writes objects as JSON fields", () => {
    expect(formData({ size: { width: 1, height: 2 } }).get("size")).toBe('{"width":1,"height":2}');
  });
});

describe("wireJson", () => {
  it("writes a bigint as a bare integer with every digit, and leaves look-alike text alone", () => {
    expect(wireJson({ seed: 18446744073709551615n, prompt: "bigint-x:1", n: 2 })).toBe('{"seed":18446744073709551615,"prompt":"bigint-x:1","n":2}');
    expect(wireJson({ a: [1n, { b: 12345678901234567891n }] })).toBe('{"a":[1,{"b":12345678901234567891}]}');
  });
});

describe("errorFrom", () => {
  const ctx = fakeContext({ apiKey: KEY, baseUrl: "https://p", responses: [], now: 1_000_000 }).ctx;

  it("defaults: status → cause, one summary, the provider's words without the key, retryAt from headers", async () => {
    const res = jsonResponse(`busy ${KEY} busy ${KEY}`, 429, { "retry-after": "5" });
    const err = await errorFrom(res, ctx, { label: "P" });
    expect(err).toBeInstanceOf(ProviderError);
    expect(err).toMatchObject({
      code: "rate_limited",
      status: 429,
      message: "P is rate limiting requests (HTTP 429).",
      providerMessage: "busy [redacted] busy [redacted]",
      retryAt: new Date(1_005_000),
    });
  });

  it("names the field an invalid_input message points at", async () => {
    const res = jsonResponse({ message: "seed must be an integer" }, 400);
    const err = await errorFrom(res, ctx, {
      label: "P",
      said: (json) => (typeof json?.message === "string" ? json.message : undefined),
      fields: ["prompt", "seed"],
    });
    expect(err).toMatchObject({ code: "invalid_input", field: "seed", message: "P rejected the value of seed (HTTP 400)." });
  });

  it("takes the adapter's own cause and summary", async () => {
    const err = await errorFrom(jsonResponse({}, 410), ctx, {
      label: "P",
      classify: () => ({ code: "upstream", summary: "P retired it." }),
    });
    expect(err).toMatchObject({ code: "upstream", message: "P retired it." });
  });
});

describe("timedFetch", () => {
  it("turns a refused connection into a network ProviderError", async () => {
    const fetcher = timedFetch("P", 2000, new AbortController().signal);
    const err = await fetcher("http://127.0.0.1:1/").catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "network", transport: true });
  });

  it("a connection refused sent nothing, so nothing may be billed", async () => {
    const srv = http.createServer();
    await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(srv.address() as AddressInfo).port}/`;
    await new Promise<void>((r) => srv.close(() => r()));
    const err = await timedFetch("P", 2000, new AbortController().signal)(url, { method: "POST", body: "{}" }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "network", transport: true, message: "P could not be reached (ECONNREFUSED)." });
    expect((err as ProviderError).mayHaveBilled).toBeUndefined();
  });

  it("an https address on a plain-http port fails in the handshake: nothing was sent, nothing may be billed", async () => {
    const srv = http.createServer((_req, res) => res.end("plain"));
    await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
    const url = `https://127.0.0.1:${(srv.address() as AddressInfo).port}/`;
    const err = await timedFetch("P", 2000, new AbortController().signal)(url, { method: "POST", body: "{}" }).catch((e: unknown) => e);
    await new Promise<void>((r) => srv.close(() => r()));
    expect(err).toMatchObject({ code: "network", transport: true });
    expect((err as Error).message).toMatch(/^P could not be reached \(/);
    expect((err as ProviderError).mayHaveBilled).toBeUndefined();
  });

  it("a socket dropped after the whole request was read may have been billed", async () => {
    const srv = http.createServer((req) => req.on("data", () => {}).on("end", () => req.socket.destroy()));
    await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(srv.address() as AddressInfo).port}/`;
    const err = await timedFetch("P", 2000, new AbortController().signal)(url, { method: "POST", body: "{}" }).catch((e: unknown) => e);
    await new Promise<void>((r) => srv.close(() => r()));
    expect(err).toMatchObject({ code: "network", transport: true, mayHaveBilled: true });
    expect((err as Error).message).toBe("P dropped the connection before answering (UND_ERR_SOCKET); the request may have reached it.");
  });
});

describe("reading a 2xx answer's body", () => {
  /** A 200 whose body stops after a few bytes with `error`, as undici reports a socket closed mid-body. */
  const cutAnswer = (error: Error) =>
    new Response(
      new ReadableStream({
        start(c) {
          c.enqueue(new TextEncoder().encode('{"id":'));
          c.error(error);
        },
      }),
      { status: 200 },
    );

  it("a body cut off is a network failure of the exchange that may have been billed, not an internal error", async () => {
    const cut = Object.assign(new TypeError("terminated"), { cause: Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" }) });
    const err = await readJson(cutAnswer(cut), "P").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect(err).toMatchObject({ code: "network", transport: true, mayHaveBilled: true, message: "P's answer was cut off before it was complete (UND_ERR_SOCKET)." });
  });

  it("a body that stalls past the request's timeout is a timeout, as one before the headers is", async () => {
    const err = await readBytes(cutAnswer(new DOMException("The operation was aborted due to timeout", "TimeoutError")), "P").catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "timeout", transport: true, mayHaveBilled: true });
  });
});

/** A local server answering each path with `route`, recording what each request carried. */
async function server(route: (path: string) => { status: number; location?: string }) {
  const seen: { path: string; method: string; key?: string; apiKey?: string; auth?: string; body: string }[] = [];
  const srv = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      const h = req.headers;
      seen.push({ path: req.url ?? "", method: req.method ?? "", key: h["x-api-key"] as string, apiKey: h["api-key"] as string, auth: h.authorization, body });
      const { status, location } = route(req.url ?? "");
      res.writeHead(status, location ? { location } : { "content-type": "application/json" });
      res.end(status < 300 ? "{}" : "");
    });
  });
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(srv.address() as AddressInfo).port}`, seen, close: () => new Promise<void>((r) => srv.close(() => r())) };
}

describe("timedFetch redirects", () => {
  let other: Awaited<ReturnType<typeof server>>;
  let api: Awaited<ReturnType<typeof server>>;
  beforeAll(async () => {
    other = await server(() => ({ status: 200 }));
    api = await server((path) =>
      path === "/away" ? { status: 307, location: `${other.url}/elsewhere` } : path === "/moved" ? { status: 307, location: "/v2" } : { status: 200 },
    );
  });
  afterAll(async () => {
    await api.close();
    await other.close();
  });
  const headers = { "x-api-key": "SEGMIND-KEY", "API-Key": "IP-KEY", Authorization: "Bearer AUTH-KEY", "Content-Type": "application/json" };

  it("carries no key header to another origin, whatever the header is called", async () => {
    const res = await timedFetch("P", 5000, new AbortController().signal)(`${api.url}/away`, { method: "POST", headers, body: "{}" });
    expect(res.status).toBe(200);
    expect(other.seen).toEqual([{ path: "/elsewhere", method: "POST", key: undefined, apiKey: undefined, auth: undefined, body: "{}" }]);
  });

  it("keeps the key and the body on its own origin", async () => {
    await timedFetch("P", 5000, new AbortController().signal)(`${api.url}/moved`, { method: "POST", headers, body: '{"a":1}' });
    expect(api.seen.at(-1)).toEqual({ path: "/v2", method: "POST", key: "SEGMIND-KEY", apiKey: "IP-KEY", auth: "Bearer AUTH-KEY", body: '{"a":1}' });
  });
});

describe("an HTML error page", () => {
  const page = `<!DOCTYPE html><html><head><title>502 Bad Gateway</title><style>body{font-family:sans-serif;color:#313131}</style>
<script>window.__cf=function(){return 1}</script><!-- cf-ray 8a1b --></head><body><h1>502 Bad Gateway</h1><p>The origin did not answer.</p></body></html>`;

  it("is kept as its words, without its styles, scripts and markup", async () => {
    const { ctx } = fakeContext({ apiKey: "sk-abcdef", baseUrl: "https://x.test", responses: [] });
    const error = await errorFrom(new Response(page, { status: 502, headers: { "content-type": "text/html" } }), ctx, { label: "Segmind" });
    expect(error.providerMessage).toBe("502 Bad Gateway 502 Bad Gateway The origin did not answer.");
  });

  it("answered with 200 where JSON was expected, too", async () => {
    const error = await readJson(new Response(page, { status: 200, headers: { "content-type": "text/html" } }), "fal").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).providerMessage).toBe("502 Bad Gateway 502 Bad Gateway The origin did not answer.");
  });
});
