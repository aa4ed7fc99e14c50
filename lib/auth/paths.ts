/** Where people sign in. */
export const LOGIN_PATH = "/login";

/** The request header the proxy sets to the path asked for, for server components (which are not told it). */
export const PATH_HEADER = "x-playground-path";

/** Share pages (/s/...): their visitors are strangers by design. */
export const isSharePath = (pathname: string) => pathname === "/s" || pathname.startsWith("/s/");

/**
 * Paths anyone may request even when a password is set: share pages and the images they show (/s/...), the sign-in
 * page, Next's static assets and icons, and the health check (answers `{ ok: true }` and nothing else, so process
 * managers and the e2e harness can tell the server is up).
 */
export function isPublicPath(pathname: string): boolean {
  if (isSharePath(pathname)) return true;
  if (pathname === LOGIN_PATH || pathname.startsWith(`${LOGIN_PATH}/`)) return true;
  if (pathname.startsWith("/_next/static/") || pathname.startsWith("/_next/image")) return true;
  if (pathname === "/api/health") return true;
  if (/^\/(favicon\.ico|icon\.(png|svg)|apple-icon\.png|robots\.txt)$/.test(pathname)) return true;
  // Self-hosted font files, wherever they are served from.
  if (/^\/fonts\/[^/]+\.(woff2?|ttf|otf)$/.test(pathname)) return true;
  return false;
}

const fallback = "/";

/**
 * `raw` when it is a path on this site (e.g. `/gallery?provider=segmind`), otherwise "/". Rejects absolute and
 * protocol-relative URLs (`https://evil`, `//evil`, `/\evil`), anything with control characters, and the sign-in
 * page itself (no loop).
 */
export function safeNextPath(raw: unknown): string {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > 2048) return fallback;
  if (!raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\")) return fallback;
  if (/[\u0000-\u001f\u007f\\]/.test(raw)) return fallback;
  const base = "http://same-origin.invalid";
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base) return fallback;
  // "/.//evil.com" normalises to "//evil.com", which a browser reads as another host.
  if (url.pathname.startsWith("//")) return fallback;
  if (url.pathname === LOGIN_PATH || url.pathname.startsWith(`${LOGIN_PATH}/`)) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The sign-in page, coming back to `next` afterwards. */
export function loginPath(next: string): string {
  const safe = safeNextPath(next);
  return safe === fallback ? LOGIN_PATH : `${LOGIN_PATH}?next=${encodeURIComponent(safe)}`;
}
