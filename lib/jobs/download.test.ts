/**
 * Image links come from the provider's answer: the size cap holds for a body that never says its length, and a
 * link (or a redirect it leads to) may not point the server at this machine or its network.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { timedFetch } from "@/lib/providers/http";
import { downloadGuard, downloadImage } from "./download";

describe("downloadImage size cap", () => {
  it("stops reading a body with no Content-Length once it passes the cap", async () => {
    const chunk = new Uint8Array(1024 * 1024);
    let served = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (served >= 64 * chunk.byteLength) return controller.close();
        served += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const fetch = async () => new Response(body, { headers: { "content-type": "image/png" } });
    await expect(downloadImage({ kind: "url", url: "https://cdn.example/a.png" }, { providerLabel: "P", fetch, maxBytes: chunk.byteLength })).rejects.toThrow(
      "P's image is larger than the 1048576 byte limit.",
    );
    expect(served).toBeLessThanOrEqual(3 * chunk.byteLength);
  });
});

describe("downloadGuard", () => {
  let hits: string[] = [];
  let internal: http.Server;
  let internalUrl = "";
  let provider: http.Server;
  let providerUrl = "";
  beforeAll(async () => {
    const listen = async (handler: http.RequestListener) => {
      const srv = http.createServer(handler);
      await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
      return [srv, `http://127.0.0.1:${(srv.address() as AddressInfo).port}`] as const;
    };
    [internal, internalUrl] = await listen((req, res) => {
      hits.push(req.url ?? "");
      res.end("internal-only");
    });
    // The provider's own (configured) host, here on this machine like the emulator or a proxy: trusted.
    [provider, providerUrl] = await listen((req, res) => {
      if (req.url === "/redirect") res.writeHead(302, { location: `${internalUrl}/admin/secret` }).end();
      else res.writeHead(200, { "content-type": "image/png" }).end("png");
    });
  });
  afterAll(async () => {
    await new Promise<void>((r) => internal.close(() => r()));
    await new Promise<void>((r) => provider.close(() => r()));
  });

  const download = (url: string) =>
    downloadImage({ kind: "url", url }, { providerLabel: "P", fetch: timedFetch("P", 5000, new AbortController().signal, downloadGuard("P", [`${providerUrl}/p`])), maxBytes: 1e6 });

  it("fetches from the provider's configured host, even on this machine", async () => {
    expect(new TextDecoder().decode(await download(`${providerUrl}/a.png`))).toBe("png");
  });

  it("refuses a link to a local or private address, directly or through a redirect, without calling it", async () => {
    hits = [];
    await expect(download(`${internalUrl}/internal`)).rejects.toThrow("P pointed to its image at a private or local address (127.0.0.1), which is not fetched.");
    await expect(download(`${providerUrl}/redirect`)).rejects.toThrow(/private or local address/);
    for (const url of ["http://10.1.2.3/a.png", "http://169.254.169.254/latest/meta-data", "http://[::1]/a.png", "http://[::ffff:127.0.0.1]/a.png", "http://localhost:9/a.png"]) {
      await expect(download(url), url).rejects.toThrow(/private or local address/);
    }
    await expect(download("file:///etc/passwd")).rejects.toThrow("P pointed to its image at a file: link, which is not fetched.");
    expect(hits).toEqual([]);
  });
});
