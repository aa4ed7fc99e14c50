import "server-only";
import os from "node:os";
import { authConfig } from "./config";
import { hostOf, isLoopbackHost, isWildcardHost } from "./loopback";

export const EXPOSURE_MESSAGE = "Anyone who can reach this address can use your provider keys. Set PLAYGROUND_PASSWORD.";

/**
 * The address the server was told to listen on, or null for Next's default (every interface).
 * - `next start` runs in this process, so its `-H/--hostname` is in process.argv.
 * - `next dev` serves from a forked child that gets its options over IPC, not argv; Next does record the chosen
 *   origin in __NEXT_PRIVATE_ORIGIN, which says "localhost" both for no hostname and for 0.0.0.0, so only an explicit
 *   IP there is informative.
 * - HOSTNAME is not consulted: `next start` ignores it (only the standalone server.js reads it), and Docker sets it
 *   to the container id.
 */
export function configuredListenHost(
  argv: readonly string[] = process.argv,
  privateOrigin: string | undefined = process.env.__NEXT_PRIVATE_ORIGIN,
): string | null {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if ((arg === "-H" || arg === "--hostname") && argv[i + 1]) return argv[i + 1]!;
    const inline = /^(?:--hostname|-H)=(.+)$/.exec(arg);
    if (inline) return inline[1]!;
  }
  if (privateOrigin) {
    try {
      const host = hostOf(new URL(privateOrigin).host);
      if (host !== "localhost") return host;
    } catch {
      // not a URL: ignore
    }
  }
  return null;
}

/** Non-internal addresses of this machine, for saying where the server can be reached from. */
function networkAddresses(): string[] {
  return Object.values(os.networkInterfaces())
    .flat()
    .filter((info) => info && !info.internal && info.family === "IPv4")
    .map((info) => info!.address);
}

/** A plain warning when no password is set and the server listens beyond this machine; null when all is well. */
export function exposureWarning(listenHost: string | null = configuredListenHost()): string | null {
  if (authConfig().password) return null;
  if (listenHost && isLoopbackHost(listenHost)) return null;
  const port = process.env.PORT ?? "3000";
  const where =
    listenHost && !isWildcardHost(listenHost)
      ? [`http://${listenHost.includes(":") ? `[${hostOf(listenHost)}]` : listenHost}:${port}`]
      : networkAddresses().map((address) => `http://${address}:${port}`);
  const reach = where.length > 0 ? ` (${where.join(", ")})` : "";
  return [
    `[auth] WARNING: PLAYGROUND_PASSWORD is not set and the server listens on ${listenHost ?? "every network interface"}${reach}.`,
    `[auth] ${EXPOSURE_MESSAGE}`,
    "[auth] Or listen on this machine only: next start -H 127.0.0.1 (or next dev -H 127.0.0.1).",
  ].join("\n");
}

export function warnIfExposed(): void {
  try {
    const warning = exposureWarning();
    if (warning) console.warn(warning);
  } catch (error) {
    console.error("[auth] invalid PLAYGROUND_PASSWORD / SESSION_SECRET / TRUST_PROXY", error);
  }
}
