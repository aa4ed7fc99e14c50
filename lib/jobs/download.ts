import "server-only";
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import { BlockList, isIP, type LookupFunction } from "node:net";
import { Readable } from "node:stream";
import { readUpTo } from "@/lib/http/body";
import type { ImageSource } from "@/lib/providers/adapter";
import type { Guard, Transport } from "@/lib/providers/http";
import { ProviderError } from "@/lib/providers/errors";
import { excerpt } from "@/lib/providers/wire";

/** Fetches an image a provider points to, as it is (no rewriting), with a size cap. */
export async function downloadImage(
  source: ImageSource,
  opts: { providerLabel: string; fetch: (url: string) => Promise<Response>; maxBytes: number },
): Promise<Uint8Array> {
  if (source.kind === "bytes") return source.data;
  const res = await opts.fetch(source.url);
  if (!res.ok) {
    const text = await res.text().catch(() => "");
    const gone = res.status === 403 || res.status === 404 || res.status === 410;
    throw new ProviderError(
      gone ? "expired" : "upstream",
      gone
        ? `${opts.providerLabel} finished, but its image link had expired before it was downloaded (HTTP ${res.status}).`
        : `${opts.providerLabel} finished, but downloading its image failed (HTTP ${res.status}).`,
      { status: res.status, providerMessage: excerpt(text, 200) },
    );
  }
  const declared = Number(res.headers.get("content-length") ?? "0");
  const data = declared > opts.maxBytes ? null : await readUpTo(res.body, opts.maxBytes);
  if (!data) {
    await res.body?.cancel().catch(() => {});
    throw new ProviderError("upstream", `${opts.providerLabel}'s image is larger than the ${opts.maxBytes} byte limit.`);
  }
  return data;
}

/** Addresses an image link may not lead to: loopback, private, link-local (cloud metadata), shared and reserved. */
const internal = new BlockList();
for (const [net, prefix] of [["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12], ["192.168.0.0", 16], ["198.18.0.0", 15], ["224.0.0.0", 3]] as const) {
  internal.addSubnet(net, prefix, "ipv4");
}
for (const [net, prefix] of [["::", 127], ["fc00::", 7], ["fe80::", 10], ["ff00::", 8]] as const) internal.addSubnet(net, prefix, "ipv6");

function isInternal(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return internal.check(mapped, "ipv4");
  return internal.check(address, isIP(address) === 6 ? "ipv6" : "ipv4");
}

const privateAddress = (providerLabel: string, hostname: string) =>
  new ProviderError("upstream", `${providerLabel} pointed to its image at a private or local address (${hostname}), which is not fetched.`);

/**
 * A GET whose connection goes only to public addresses: the name is resolved once, by the connection itself, and
 * refused if any address it resolves to is internal. Checking a separate lookup first is not enough: a name whose
 * records change between two lookups (DNS rebinding) would pass the check and then connect to this machine.
 */
export function publicOnly(providerLabel: string, allowed = (address: string) => !isInternal(address)): Transport {
  const checkedLookup: LookupFunction = (hostname, options, callback) =>
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, "", 0);
      if (addresses.length === 0 || !addresses.every((a) => allowed(a.address))) return callback(privateAddress(providerLabel, hostname), "", 0);
      if (options.all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  return (url, init) =>
    new Promise((resolve, reject) => {
      const client = url.protocol === "https:" ? https : http;
      // Asked as is: node:http does not decode a compressed body the way fetch does (images are rarely compressed).
      const headers = { ...Object.fromEntries(new Headers(init.headers)), "accept-encoding": "identity" };
      const req = client.request(url, { method: "GET", headers, signal: init.signal ?? undefined, lookup: checkedLookup }, (res) => {
        const out = new Headers();
        for (const [name, value] of Object.entries(res.headers)) for (const v of [value ?? []].flat()) out.append(name, v);
        const status = res.statusCode ?? 502;
        const body = status === 204 || status === 304 ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>);
        resolve(new Response(body, { status: status < 200 || status > 599 ? 502 : status, headers: out }));
      });
      req.on("error", (error) => reject(error instanceof ProviderError ? error : Object.assign(new Error(error.message), { cause: error })));
      req.end();
    });
}

/**
 * Asked before every hop of an image download (lib/providers/http timedFetch): the link comes from the provider's
 * answer, so it may only lead to http(s) on a public address, or to a host of the provider's own configured base URLs
 * (which may be on this machine or network: a proxy, the emulator). A public link is fetched over a connection that
 * checks the address it connects to (publicOnly).
 */
export function downloadGuard(providerLabel: string, baseUrls: readonly string[]): Guard {
  const trusted = new Set(baseUrls.filter((u) => URL.canParse(u)).map((u) => new URL(u).host));
  const transport = publicOnly(providerLabel);
  return async (url) => {
    if (url.protocol !== "https:" && url.protocol !== "http:") {
      throw new ProviderError("upstream", `${providerLabel} pointed to its image at a ${url.protocol} link, which is not fetched.`);
    }
    if (trusted.has(url.host)) return;
    // An address literal is connected to without a lookup, so it is checked here; a name, by the transport's lookup.
    const host = url.hostname.replace(/^\[|\]$/g, "");
    if (isIP(host) && isInternal(host)) throw privateAddress(providerLabel, url.hostname);
    return transport;
  };
}
