"use server";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { authConfig } from "@/lib/auth/config";
import { passwordMatches } from "@/lib/auth/password";
import { safeNextPath } from "@/lib/auth/paths";
import { signInLimiter, tooManyAttemptsMessage } from "@/lib/auth/rate-limit";
import { clientKey, isHttpsRequest } from "@/lib/auth/request";
import { SESSION_COOKIE, SESSION_TTL_SECONDS, sessionKey, signSession } from "@/lib/auth/session";

export type SignInState = { error: string | null };

/** Every failed attempt answers no sooner than this, whether the password was checked or the limit stopped it. */
const FAILURE_FLOOR_MS = 400;

/** Checks the password (rate-limited per client and in total), sets the session cookie and goes to `next`. */
export async function signIn(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const started = Date.now();
  const config = authConfig();
  const next = safeNextPath(formData.get("next"));
  if (!config.password) redirect(next);

  const requestHeaders = await headers();
  const key = clientKey(requestHeaders, config.trustProxy);
  const limiter = signInLimiter();
  const before = limiter.check(key);
  const given = formData.get("password");
  // Compared even when already limited, so a limited attempt costs the same as a checked one.
  const matches = typeof given === "string" && given.length <= 1024 && passwordMatches(given, config.password);

  if (!before.limited && matches) {
    limiter.reset(key);
    const token = await signSession(await sessionKey({ password: config.password, sessionSecret: config.sessionSecret }));
    (await cookies()).set(SESSION_COOKIE, token, {
      httpOnly: true,
      secure: isHttpsRequest(requestHeaders, config.trustProxy),
      sameSite: "lax",
      path: "/",
      maxAge: SESSION_TTL_SECONDS,
    });
    redirect(next);
  }

  // Attempts refused by the limit are not counted, so hammering cannot grow memory; the window still runs out.
  const after = before.limited ? before : limiter.recordFailure(key);
  const wait = FAILURE_FLOOR_MS - (Date.now() - started);
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  return { error: after.limited ? tooManyAttemptsMessage(after.retryAfterMs) : "Wrong password." };
}
