"use server";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { LOGIN_PATH } from "@/lib/auth/paths";
import { SESSION_COOKIE } from "@/lib/auth/session";

/** Drops the session cookie and goes to the sign-in page. */
export async function signOut(): Promise<void> {
  // Path must match the one the cookie was set with, or the browser keeps it.
  (await cookies()).delete({ name: SESSION_COOKIE, path: "/" });
  redirect(LOGIN_PATH);
}
