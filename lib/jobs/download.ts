import "server-only";
import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";
import { readUpTo } from "@/lib/http/body";
import type { ImageSource } from "@/lib/providers/adapter";
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

/**
 * Asked before every hop of an image download (lib/providers/http timedFetch): the link comes from the provider's
 * answer, so it may only lead to http(s) on a public address, or to a host of the provider's own configured base URLs
 * (which may be on this machine or network: a proxy, the emulator).
 */
export function downloadGuard(providerLabel: string, baseUrls: readonly string[]): (url: URL) => Promise<void> {
  const trusted = new Set(baseUrls.filter((u) => URL.canParse(u)).map((u) => new URL(u).host));
  return async (url) => {
    if (url.protocol !== "https:" && url.protocol !== "http:") {
      throw new ProviderError("upstream", `${providerLabel} pointed to its image at a ${url.protocol} link, which is not fetched.`);
    }
    if (trusted.has(url.host)) return;
    const host = url.hostname.replace(/^\[|\]$/g, "");
    const addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
    if (addresses.some(isInternal)) {
      throw new ProviderError("upstream", `${providerLabel} pointed to its image at a private or local address (${url.hostname}), which is not fetched.`);
    }
  };
}
