import { MAX_BODY_BYTES, MAX_IMAGE_BYTES } from "@/lib/limits";
import { formatBytes } from "@/lib/format";
import { isAllowedHost, isAllowedOrigin, type HostPolicy } from "./host";

// Checks the proxy makes on every request before any route, page or server action runs, password or not.
// No `server-only`: proxy.ts imports this module.

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

interface RequestFacts {
  method: string;
  headers: Headers;
  /** Path and query as received (still percent-encoded). */
  pathname: string;
  search: string;
}

function refusal(status: number, api: boolean, error: string, message: string): Response {
  const headers = { "cache-control": "no-store" };
  // Next's client shows a text/plain body as a server action's error message; API callers get our JSON shape.
  if (api) return Response.json({ error, message }, { status, headers });
  return new Response(message, { status, headers: { ...headers, "content-type": "text/plain; charset=utf-8" } });
}

/**
 * Whether percent-encoding decodes cleanly. Next reads a malformed escape in a query (`?q=%ff`) as U+FFFD before the
 * proxy sees it, so that character marks a malformed address too (nobody types it on purpose).
 */
function decodes(text: string): boolean {
  try {
    return !decodeURIComponent(text).includes("\uFFFD");
  } catch {
    return false;
  }
}

/** Why this request must not go further, as the response to send; null when it may. */
export function refuseRequest(request: RequestFacts, policy: HostPolicy): Response | null {
  const api = request.pathname.startsWith("/api/");
  // A load balancer's or orchestrator's health probe names the instance by its own address, which no allow-list
  // holds; the answer (ok, or what is down) spends nothing and is public with a password too.
  const probe = SAFE_METHODS.has(request.method) && request.pathname === "/api/health";
  if (!probe && !isAllowedHost(policy, request.headers.get("host"))) {
    return refusal(
      421,
      api,
      "unknown_host",
      "This playground answers only at its own address (this machine, PUBLIC_URL or ALLOWED_HOSTS). To open it under this name, add the name to ALLOWED_HOSTS.",
    );
  }
  if (!SAFE_METHODS.has(request.method) && !isAllowedOrigin(policy, request.headers.get("origin"))) {
    return refusal(403, api, "cross_origin", "Requests from other sites are refused.");
  }
  // Next buffers bodies for the proxy and cuts them off silently past its limit; refuse them here, by name.
  const declared = Number(request.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) {
    return refusal(413, api, "payload_too_large", `The request body is larger than ${formatBytes(MAX_BODY_BYTES)} (input images: at most ${formatBytes(MAX_IMAGE_BYTES)}).`);
  }
  // Malformed percent-encoding (`/runs/%ff`) would otherwise fail inside Next's param decoding as a bare 500.
  if (!decodes(request.pathname) || !decodes(request.search)) {
    return refusal(400, api, "bad_url", "The address is not valid (malformed percent-encoding).");
  }
  return null;
}
