import { z } from "zod";
import { hostOf, isLoopbackHost } from "./loopback";

// The host allow-list (DNS rebinding): a page on evil.example whose name is made to resolve to this machine reaches
// the server with `Host: evil.example`, and the browser lets it read the answers. Loopback binding does not help,
// because the browser is the one connecting. No `server-only`: proxy.ts imports this module.

const blankAsUnset = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
/** A host name, IPv4 or IPv6 address, with an optional port: what a Host header holds. */
const hostEntry = /^(?:\[[0-9a-f:.]+\]|[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?|[0-9a-f:.]+)(?::\d{1,5})?$/i;

export const hostEnvShape = {
  /** Extra host names the server answers to (comma-separated; ports ignored), e.g. `sd3.lan,192.168.1.50`. */
  ALLOWED_HOSTS: z.preprocess(
    blankAsUnset,
    z
      .string()
      .optional()
      .transform((v) => (v ?? "").split(",").map((s) => s.trim()).filter(Boolean))
      .pipe(z.array(z.string().regex(hostEntry, "ALLOWED_HOSTS: a comma-separated list of host names or addresses")))
      .transform((entries) => entries.map(hostOf)),
  ),
  /** The origin people reach the app at (e.g. https://sd3.example.com): absolute links, and an allowed host. */
  PUBLIC_URL: z.preprocess(blankAsUnset, z.url().optional()),
};
const hostEnvSchema = z.object({ ...hostEnvShape, PLAYGROUND_PASSWORD: z.preprocess(blankAsUnset, z.string().optional()) });

export interface HostPolicy {
  /** Whether the Host and Origin checks apply: always without a password, otherwise once a list is configured. */
  enforced: boolean;
  /** Host names (lower case, no port) allowed besides loopback. */
  names: ReadonlySet<string>;
}

/** Read per request like authConfig; throws on invalid values so the proxy fails closed. */
export function hostPolicy(source: Record<string, string | undefined> = process.env): HostPolicy {
  const parsed = hostEnvSchema.parse({
    ALLOWED_HOSTS: source.ALLOWED_HOSTS,
    PUBLIC_URL: source.PUBLIC_URL,
    PLAYGROUND_PASSWORD: source.PLAYGROUND_PASSWORD,
  });
  const names = new Set(parsed.ALLOWED_HOSTS);
  if (parsed.PUBLIC_URL) names.add(hostOf(new URL(parsed.PUBLIC_URL).host));
  const listed = Boolean(source.ALLOWED_HOSTS?.trim() || parsed.PUBLIC_URL);
  return { enforced: !parsed.PLAYGROUND_PASSWORD || listed, names };
}

/** Whether a Host header value (port allowed) names this server: loopback, PUBLIC_URL's host or ALLOWED_HOSTS. */
export function isAllowedHost(policy: HostPolicy, host: string | null): boolean {
  if (!policy.enforced) return true;
  if (!host) return false;
  return isLoopbackHost(host) || policy.names.has(hostOf(host));
}

/**
 * Whether an Origin header allows a state-changing request: absent (scripts, curl), or naming an allowed host. A
 * rebinding page's requests carry its own origin, so this holds even where Host alone might be guessed.
 */
export function isAllowedOrigin(policy: HostPolicy, origin: string | null): boolean {
  if (!policy.enforced || origin === null) return true;
  if (!URL.canParse(origin)) return false; // includes the opaque "null" origin
  return isAllowedHost(policy, new URL(origin).host);
}
