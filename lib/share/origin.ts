import "server-only";
import { headers } from "next/headers";
import { env } from "@/lib/env";

function first(value: string | null): string | undefined {
  return value?.split(",")[0]?.trim() || undefined;
}

/** The scheme of the request's Origin (sent with every POST, server actions included) when it names this host. */
function originScheme(h: Headers, host: string): string | undefined {
  try {
    const origin = new URL(h.get("origin") ?? "");
    return origin.host === host.toLowerCase() ? origin.protocol : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The origin for absolute URLs from PUBLIC_URL or request headers; X-Forwarded-* count only behind a trusted proxy.
 * Without them the scheme is the one the browser's Origin names, else http: with no proxy in front, `next start`
 * itself answered, and it serves plain http (a LAN address in ALLOWED_HOSTS). A proxy that adds TLS redirects an
 * http link; an https link to a plain-http server does not open at all.
 */
export function originFrom(h: Headers, config: { publicUrl?: string; trustProxy: boolean }): string {
  if (config.publicUrl) return new URL(config.publicUrl).origin;
  const forwarded = (name: string) => (config.trustProxy ? first(h.get(name)) : undefined);
  const host = forwarded("x-forwarded-host") ?? first(h.get("host")) ?? "localhost:3000";
  const proto = forwarded("x-forwarded-proto") ?? originScheme(h, host) ?? "http";
  const scheme = proto.replace(/:$/, "").toLowerCase() === "https" ? "https" : "http";
  return new URL(`${scheme}://${host}`).origin;
}

/**
 * The origin people reach this app at, for absolute URLs (og:image, copyable links): PUBLIC_URL when set, else the
 * current request's Host (which the proxy has checked against the allow-list), or the forwarded headers with
 * TRUST_PROXY=1.
 */
export async function publicOrigin(): Promise<string> {
  const config = env();
  return originFrom(await headers(), { publicUrl: config.PUBLIC_URL, trustProxy: config.TRUST_PROXY });
}
