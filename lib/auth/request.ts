// Facts about the request the sign-in action needs, from its headers alone (server actions see no socket address).

/** Header values a reverse proxy may join with commas: the first (client-most) entry. */
function firstEntry(value: string | null): string | undefined {
  return value?.split(",")[0]?.trim() || undefined;
}

/**
 * The rate-limit key for this client: the first X-Forwarded-For entry when TRUST_PROXY is on, otherwise one shared
 * key (`direct`) for everyone. Without a trusted proxy the header is whatever the client wrote, so it cannot key a
 * limit; sharing one key is the conservative choice.
 */
export function clientKey(headers: Headers, trustProxy: boolean): string {
  if (!trustProxy) return "direct";
  const forwarded = firstEntry(headers.get("x-forwarded-for"));
  if (!forwarded || forwarded.length > 64 || !/^[0-9A-Za-z.:[\]%_-]+$/.test(forwarded)) return "direct";
  return `ip:${forwarded.toLowerCase()}`;
}

/** Whether the browser reached us over https, so the session cookie can be marked Secure. */
export function isHttpsRequest(headers: Headers, trustProxy: boolean): boolean {
  // Browsers send Origin with every POST (server actions included): it names the scheme the page was loaded over.
  if (headers.get("origin")?.startsWith("https://")) return true;
  return trustProxy && firstEntry(headers.get("x-forwarded-proto"))?.toLowerCase() === "https";
}
