import "server-only";
import { cookies } from "next/headers";
import { authConfig } from "./config";
import { SESSION_COOKIE, sessionKey, verifySession } from "./session";

/** Whether PLAYGROUND_PASSWORD is set, i.e. the app is private. */
export function passwordRequired(): boolean {
  return authConfig().password !== null;
}

/** Whether this request carries a valid session. Always true when no password is set. */
export async function isSignedIn(): Promise<boolean> {
  const config = authConfig();
  if (!config.password) return true;
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!token) return false;
  const key = await sessionKey({ password: config.password, sessionSecret: config.sessionSecret });
  return (await verifySession(token, key)) !== null;
}
