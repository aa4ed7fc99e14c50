import { NextResponse, type NextRequest } from "next/server";
import { authConfig, type AuthConfig } from "./lib/auth/config";
import { refuseRequest } from "./lib/auth/guard";
import { hostPolicy, type HostPolicy } from "./lib/auth/host";
import { PATH_HEADER, isPublicPath, loginPath } from "./lib/auth/paths";
import { SESSION_COOKIE, sessionKey, verifySession } from "./lib/auth/session";

/**
 * Runs before every route, page and server action (Server Actions are POSTs to the page they live on):
 * 1. the host allow-list, Origin check, body size and URL encoding (lib/auth/guard.ts), password or not;
 * 2. private by default: with PLAYGROUND_PASSWORD set, every request but the public paths (share pages, /login,
 *    static assets: lib/auth/paths.ts) needs a valid session cookie.
 */
export async function proxy(request: NextRequest) {
  let auth: AuthConfig;
  let hosts: HostPolicy;
  try {
    auth = authConfig();
    hosts = hostPolicy();
  } catch (error) {
    // Invalid settings fail closed: nothing is served until they are fixed.
    console.error("[auth] invalid PLAYGROUND_PASSWORD / SESSION_SECRET / TRUST_PROXY / ALLOWED_HOSTS / PUBLIC_URL", error);
    return new NextResponse("Server misconfigured; see the server log.", {
      status: 500,
      headers: { "content-type": "text/plain" },
    });
  }
  const { pathname, search } = request.nextUrl;
  const refused = refuseRequest({ method: request.method, headers: request.headers, pathname, search }, hosts);
  if (refused) return refused;
  // On to the route, telling server components the path (set here, so a client cannot choose it).
  const forwarded = new Headers(request.headers);
  forwarded.set(PATH_HEADER, pathname);
  const passOn = () => NextResponse.next({ request: { headers: forwarded } });
  if (!auth.password) return passOn();

  if (isPublicPath(pathname)) return passOn();

  const token = request.cookies.get(SESSION_COOKIE)?.value;
  if (token) {
    const key = await sessionKey({ password: auth.password, sessionSecret: auth.sessionSecret });
    if (await verifySession(token, key)) return passOn();
  }

  const noStore = { "cache-control": "no-store" };
  if (pathname.startsWith("/api/")) {
    return NextResponse.json({ error: "unauthorized" }, { status: 401, headers: noStore });
  }
  if (request.method !== "GET" && request.method !== "HEAD") {
    // A Server Action (or form post) without a session. Next's client shows a text/plain body as the error message.
    return new NextResponse("Your session has ended. Reload the page to sign in again.", {
      status: 401,
      headers: { ...noStore, "content-type": "text/plain" },
    });
  }
  const target = request.nextUrl.clone();
  const login = new URL(loginPath(`${pathname}${search}`), target);
  target.pathname = login.pathname;
  target.search = login.search;
  return NextResponse.redirect(target, { headers: noStore });
}

export const config = {
  // Static build output (under /_next/static/), the image optimizer and the favicon never need the checks; every other
  // path, /api/ included, goes through the proxy, even one that merely starts like those (/favicon.icox).
  matcher: ["/((?!_next/static/|_next/image$|favicon\\.ico$).*)"],
};
