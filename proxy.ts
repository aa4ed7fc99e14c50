import { NextResponse, type NextRequest } from "next/server";
import { authConfig, type AuthConfig } from "./lib/auth/config";
import { isPublicPath, loginPath } from "./lib/auth/paths";
import { SESSION_COOKIE, sessionKey, verifySession } from "./lib/auth/session";

/**
 * Private by default: with PLAYGROUND_PASSWORD set, every request but the public paths (share pages, /login, static
 * assets: lib/auth/paths.ts) needs a valid session cookie. Server Actions are POSTs to the page they live on, so they
 * pass through here as well.
 */
export async function proxy(request: NextRequest) {
  let auth: AuthConfig;
  try {
    auth = authConfig();
  } catch (error) {
    // Invalid settings fail closed: nothing is served until they are fixed.
    console.error("[auth] invalid PLAYGROUND_PASSWORD / SESSION_SECRET / TRUST_PROXY", error);
    return new NextResponse("Server misconfigured; see the server log.", {
      status: 500,
      headers: { "content-type": "text/plain" },
    });
  }
  if (!auth.password) return NextResponse.next();

  const { pathname, search } = request.nextUrl;
  if (isPublicPath(pathname)) return NextResponse.next();

  const token = request.cookies.get(SESSION_COOKIE)?.value;
  if (token) {
    const key = await sessionKey({ password: auth.password, sessionSecret: auth.sessionSecret });
    if (await verifySession(token, key)) return NextResponse.next();
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
  // Static build output never needs the check; everything else is decided by isPublicPath above.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
