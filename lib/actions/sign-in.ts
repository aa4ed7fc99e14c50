"use server";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { authConfig } from "@/lib/auth/config";
import { DEVICE_COOKIE, DEVICE_TTL_SECONDS, signDevice, verifyDevice } from "@/lib/auth/device";
import { passwordMatches } from "@/lib/auth/password";
import { safeNextPath } from "@/lib/auth/paths";
import { signInLimiter, tooManyAttemptsMessage } from "@/lib/auth/rate-limit";
import { clientKey, isHttpsRequest } from "@/lib/auth/request";
import { SESSION_COOKIE, SESSION_TTL_SECONDS, sessionKey, signSession } from "@/lib/auth/session";

export type SignInState = { error: string | null };

/** Every failed attempt answers no sooner than this, whether the password was checked or the limit stopped it. */
const FAILURE_FLOOR_MS = 400;

/**
 * Checks the password, sets the session cookie and goes to `next`. Failures are limited per client: a browser that
 * has signed in before (signed device cookie) has a limit of its own; others are keyed by address behind a trusted
 * proxy, or share one key, and all of those together are also capped in total.
 */
export async function signIn(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const started = Date.now();
  const config = authConfig();
  const next = safeNextPath(formData.get("next"));
  if (!config.password) redirect(next);

  const requestHeaders = await headers();
  const jar = await cookies();
  const key = await sessionKey({ password: config.password, sessionSecret: config.sessionSecret });
  const device = await verifyDevice(jar.get(DEVICE_COOKIE)?.value, key);
  const limitKey = device ? `device:${device}` : clientKey(requestHeaders, config.trustProxy);
  const backstop = device === null;
  const limiter = signInLimiter();
  const before = limiter.check(limitKey, backstop);
  const given = formData.get("password");
  // Compared even when already limited, so a limited attempt costs the same as a checked one.
  const matches = typeof given === "string" && given.length <= 1024 && passwordMatches(given, config.password);

  if (!before.limited && matches) {
    limiter.reset(limitKey);
    const secure = isHttpsRequest(requestHeaders, config.trustProxy);
    const options = { httpOnly: true, secure, sameSite: "lax", path: "/" } as const;
    jar.set(SESSION_COOKIE, await signSession(key), { ...options, maxAge: SESSION_TTL_SECONDS });
    if (!device) jar.set(DEVICE_COOKIE, await signDevice(key), { ...options, maxAge: DEVICE_TTL_SECONDS });
    redirect(next);
  }

  // Attempts refused by the limit are not counted, so hammering cannot grow memory; the window still runs out.
  const after = before.limited ? before : limiter.recordFailure(limitKey, backstop);
  const wait = FAILURE_FLOOR_MS - (Date.now() - started);
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  return { error: after.limited ? tooManyAttemptsMessage(after.retryAfterMs) : "Wrong password." };
}
