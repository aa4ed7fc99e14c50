import "server-only";
import { headers } from "next/headers";
import { env } from "@/lib/env";

function first(value: string | null): string | undefined {
  return value?.split(",")[0]?.trim() || undefined;
}

/**
 * The origin people reach this app at, for absolute URLs (og:image, copyable links): PUBLIC_URL when set, else the
 * current request's forwarded or Host headers.
 */
export async function publicOrigin(): Promise<string> {
  const configured = env().PUBLIC_URL;
  if (configured) return new URL(configured).origin;
  const h = await headers();
  const host = first(h.get("x-forwarded-host")) ?? first(h.get("host")) ?? "localhost:3000";
  const proto = first(h.get("x-forwarded-proto")) ?? (/^(localhost|127\.|\[::1\])/.test(host) ? "http" : "https");
  return `${proto.replace(/:$/, "")}://${host}`;
}
