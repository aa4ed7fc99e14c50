/** The host part of a Host header value or listen address: `[::1]:3000` → `::1`, `Example.com.:80` → `example.com`. */
export function hostOf(value: string): string {
  let host = value.trim().toLowerCase();
  if (host.startsWith("[")) {
    const end = host.indexOf("]");
    host = end === -1 ? host.slice(1) : host.slice(1, end);
  } else if (host.split(":").length === 2) {
    // One colon: host:port. More than one: a bare IPv6 address, kept whole.
    host = host.slice(0, host.indexOf(":"));
  }
  return host.replace(/\.$/, "");
}

/**
 * Whether a host name or address (port allowed) only ever means this machine: localhost, *.localhost, 127.0.0.0/8,
 * ::1 and its IPv4-mapped forms. Empty or missing counts as not loopback.
 */
export function isLoopbackHost(value: string | null | undefined): boolean {
  if (!value) return false;
  const host = hostOf(value);
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  if (host === "::1" || host === "0:0:0:0:0:0:0:1") return true;
  const v4 = host.replace(/^::ffff:/, "");
  return /^127(\.\d{1,3}){3}$/.test(v4) && v4.split(".").every((part) => Number(part) <= 255);
}

/** Whether a listen address accepts connections on every interface. */
export function isWildcardHost(value: string): boolean {
  const host = hostOf(value);
  return host === "0.0.0.0" || host === "::" || host === "0:0:0:0:0:0:0:0";
}
