/**
 * DNS rebinding against the image-link guard: the guard resolves the link's host name itself and approves a public
 * address, then fetch resolves the name again and connects wherever the second answer says. A name whose records
 * change between the two lookups (TTL 0) reaches this machine or the metadata address despite the guard.
 * Simulated here: the guard's lookup (node:dns/promises) answers a public address, the connection's lookup (the
 * system resolver fetch uses) answers 127.0.0.1 for the same name.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("node:dns/promises", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:dns/promises")>();
  const lookup = async (host: string, options?: unknown) =>
    host === "localhost" ? [{ address: "93.184.216.34", family: 4 }] : real.lookup(host, options as never);
  return { ...real, lookup, default: { ...real, lookup } };
});

const { timedFetch } = await import("@/lib/providers/http");
const { downloadGuard, downloadImage, publicOnly } = await import("./download");

describe("downloadGuard and DNS rebinding", () => {
  const hits: string[] = [];
  let internal: http.Server;
  let port = 0;
  beforeAll(async () => {
    internal = http.createServer((req, res) => {
      hits.push(req.url ?? "");
      res.writeHead(200, { "content-type": "image/png" }).end("internal-only");
    });
    await new Promise<void>((r) => internal.listen(0, "127.0.0.1", r));
    port = (internal.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => internal.close(() => r())));

  it("connects only to the address it approved: a name that re-resolves to this machine is not fetched", async () => {
    const fetch = timedFetch("P", 5000, new AbortController().signal, downloadGuard("P", ["https://api.provider.example"]));
    const error = await downloadImage({ kind: "url", url: `http://localhost:${port}/latest/meta-data` }, { providerLabel: "P", fetch, maxBytes: 1e6 }).catch((e: Error) => e);
    expect(hits).toEqual([]);
    expect(String(error)).toContain("P pointed to its image at a private or local address (localhost), which is not fetched.");
  });
});

describe("the public-only transport", () => {
  // Every address allowed, so a local server stands in for a public one: what comes back must be the answer as sent.
  const send = publicOnly("P", () => true);
  let server: http.Server;
  let base = "";
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url === "/moved") return res.writeHead(302, { location: "/image.png" }).end();
      if (req.url === "/slow") return setTimeout(() => res.end("late"), 5000);
      res.writeHead(200, { "content-type": "image/png", "x-note": `${req.headers.accept} ${req.headers["accept-encoding"]}` }).end(Buffer.from([137, 80, 78, 71]));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://localhost:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => {
    server.closeAllConnections();
    server.close(() => r());
  }));

  it("answers with the status, headers and bytes sent, and leaves redirects to the caller", async () => {
    const ok = await send(new URL(`${base}/image.png`), { headers: { accept: "image/*" } });
    expect([ok.status, ok.headers.get("content-type"), ok.headers.get("x-note")]).toEqual([200, "image/png", "image/* identity"]);
    expect([...new Uint8Array(await ok.arrayBuffer())]).toEqual([137, 80, 78, 71]);
    const moved = await send(new URL(`${base}/moved`), {});
    expect([moved.status, moved.headers.get("location")]).toEqual([302, "/image.png"]);
  });

  it("stops when the job's signal aborts", async () => {
    const started = Date.now();
    const error = await send(new URL(`${base}/slow`), { signal: AbortSignal.timeout(200) }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect(Date.now() - started).toBeLessThan(4000);
  });
});
