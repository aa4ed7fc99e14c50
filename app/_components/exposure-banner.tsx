import { cookies, headers } from "next/headers";
import { authConfig } from "@/lib/auth/config";
import { isLoopbackHost } from "@/lib/auth/loopback";
import { PATH_HEADER, isSharePath } from "@/lib/auth/paths";
import { ExposureBannerFrame } from "./exposure-banner-frame";

/** Session cookie (no expiry): once dismissed, the banner stays hidden until the browser is closed, then returns. */
const DISMISSED_COOKIE = "exposure_banner_dismissed";

/**
 * Warns on every page while no password is set and the page was reached by a name other than this machine's (the
 * Host header, or X-Forwarded-Host behind a reverse proxy). Dismissing hides it for the browser session only.
 */
export async function ExposureBanner() {
  if (authConfig().password) return null;
  const requestHeaders = await headers();
  // Not on share pages, where visitors are strangers: not even in the page's data for its client frame to hide.
  if (isSharePath(requestHeaders.get(PATH_HEADER) ?? "")) return null;
  const forwardedHost = requestHeaders.get("x-forwarded-host")?.split(",")[0]?.trim();
  const hosts = [requestHeaders.get("host"), forwardedHost].filter((h): h is string => Boolean(h));
  if (hosts.length > 0 && hosts.every((h) => isLoopbackHost(h))) return null;
  if ((await cookies()).get(DISMISSED_COOKIE)?.value === "1") return null;
  return (
    <ExposureBannerFrame dismissCookie={DISMISSED_COOKIE}>
      <strong className="font-semibold">This playground is open to the network.</strong> Anyone who can reach this
      address can use your provider keys. Set <code className="font-mono">PLAYGROUND_PASSWORD</code>.
    </ExposureBannerFrame>
  );
}
