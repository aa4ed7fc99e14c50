import "server-only";
import { randomUUID } from "node:crypto";
import type { RunContext, WireRequest } from "@/lib/providers/adapter";
import { ProviderError } from "@/lib/providers/errors";
import { errorSummaries, type ErrorCode } from "@/lib/providers/types";
import { codeForStatus, decodeBase64, excerpt, fieldFromMessage, readErrorBody, retryAtFromHeaders } from "@/lib/providers/wire";

/**
 * The one gateway between the adapters and the providers: sending JSON or multipart, the per-request timeout,
 * reading error bodies into typed ProviderErrors, and keeping the key out of every provider message. Adapters keep
 * only their wire specifics (URLs, field names, status words).
 */

export const REDACTED = "[redacted]";

/**
 * Every occurrence of the key replaced, in any form a provider may echo it in: as sent, in any letter case,
 * percent-encoded (in a URL), JSON-escaped, or base64 (an Authorization header, at any position inside a longer
 * base64 string); and each part of a composite key (fal's `id:secret`) on its own. A key shorter than 4 characters is
 * not a real key and replacing it would mangle the message.
 */
export function redactKey(text: string, key: string): string {
  if (key.length < 4) return text;
  const forms = keyForms(key).sort((a, b) => b.length - a.length);
  return text.replace(new RegExp(forms.map(escapeRegExp).join("|"), "gi"), REDACTED);
}

function keyForms(key: string): string[] {
  const parts = key.split(":").filter((part) => part.length >= 8 && part !== key);
  return [...new Set([key, ...parts].flatMap((k) => [k, encodeURIComponent(k), JSON.stringify(k).slice(1, -1), ...base64Cores(k)]))];
}

/**
 * The characters of a base64 string that the key alone decides, for the key starting at each of the 3 byte offsets
 * of a 3-byte group, in the standard and the URL-safe alphabet. Cores shorter than 8 characters are left out.
 */
function base64Cores(key: string): string[] {
  const bytes = Buffer.from(key);
  return [0, 1, 2].flatMap((offset) => {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString("base64");
    const core = encoded.slice(Math.ceil((offset * 8) / 6), Math.floor(((offset + bytes.length) * 8) / 6));
    return core.length >= 8 ? [core, core.replaceAll("+", "-").replaceAll("/", "_")] : [];
  });
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A provider's own words as we keep them: redacted first (so a cut cannot leave part of a key), then shortened. */
export function providerText(text: string | undefined, key: string): string | undefined {
  return text === undefined ? undefined : excerpt(redactKey(text, key));
}

/** Send a built request: JSON by default, multipart/form-data when the provider takes form fields and files. */
export function send(req: WireRequest, ctx: RunContext): Promise<Response> {
  if (req.encoding === "multipart") {
    // fetch writes the multipart Content-Type itself, with the boundary.
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => name.toLowerCase() !== "content-type"));
    return ctx.fetch(req.url, { method: req.method, headers, body: formData(req.body) });
  }
  return ctx.fetch(req.url, { method: req.method, headers: req.headers, body: wireJson(req.body) });
}

/**
 * JSON.stringify, except that a bigint is written as a bare integer with every digit (a 64-bit seed is a JSON number
 * to the provider, and JSON.stringify would refuse it, or round it as a number).
 */
export function wireJson(body: unknown): string {
  // A fresh random tag: no string in the body can be taken for a marked bigint.
  const marker = `bigint-${randomUUID()}:`;
  const text = JSON.stringify(body, (_key, value: unknown) => (typeof value === "bigint" ? `${marker}${value}` : value));
  return text.replace(new RegExp(`"${marker}(-?\\d+)"`, "g"), "$1");
}

/** Form fields from a body: data URLs and bytes become files, objects JSON, the rest text; unset fields are left out. */
export function formData(body: Record<string, unknown>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(body)) {
    if (value === undefined || value === null) continue;
    if (value instanceof Blob) form.append(name, value, name);
    else if (value instanceof Uint8Array) form.append(name, new Blob([new Uint8Array(value)]), name);
    else if (typeof value === "string" && /^data:[^,]*;base64,/.test(value)) {
      const mime = value.slice(5, value.indexOf(";"));
      form.append(name, new Blob([new Uint8Array(decodeBase64(value))], { type: mime }), name);
    } else if (typeof value === "object") form.append(name, JSON.stringify(value));
    else form.append(name, String(value));
  }
  return form;
}

const MAX_REDIRECTS = 5;

/** What a hop to another origin keeps of the request's headers: the key headers (whatever their name) stay behind. */
const CROSS_ORIGIN_HEADERS = new Set(["accept", "content-type"]);

/**
 * fetch that follows redirects itself: fetch drops only `Authorization` and cookies on a hop to another origin, and
 * several providers send their key as `x-api-key` or `API-Key`, which it would carry along. A hop to another origin
 * keeps only `Accept` and `Content-Type`. `guard` is asked about every URL before it is fetched, the first included.
 */
async function following(url: string, init: RequestInit, guard?: Guard): Promise<Response> {
  let current = new URL(url);
  let request = init;
  for (let hop = 0; ; hop++) {
    const transport = (await guard?.(current)) ?? fetch;
    const res = await transport(current, { ...request, redirect: "manual" });
    const location = res.headers.get("location");
    if (res.status < 300 || res.status > 399 || res.status === 304 || !location || hop === MAX_REDIRECTS) return res;
    await res.body?.cancel();
    const next = new URL(location, current);
    const method = request.method ?? "GET";
    // 303, and 301/302 after a POST, turn into a GET without a body (as browsers and fetch do); 307/308 keep both.
    const asGet = res.status === 303 || ((res.status === 301 || res.status === 302) && method === "POST");
    const headers = new Headers(request.headers);
    if (next.origin !== current.origin) for (const name of [...headers.keys()]) if (!CROSS_ORIGIN_HEADERS.has(name)) headers.delete(name);
    request = { ...request, method: asGet ? "GET" : method, body: asGet ? undefined : request.body, headers };
    current = next;
  }
}

/** How one request is sent: fetch, or a transport a guard chose for that URL. */
export type Transport = (url: URL, init: RequestInit) => Promise<Response>;
/** Asked before every hop: throws to refuse the URL, or names the transport to fetch it with (fetch by default). */
export type Guard = (url: URL) => Promise<Transport | void>;

/**
 * fetch with a per-request timeout and the job's abort signal; failures become typed ProviderErrors. Redirects are
 * followed without the key when they leave the origin; `guard` may refuse a URL (a download's, see lib/jobs/download).
 */
export function timedFetch(providerLabel: string, timeoutMs: number, signal: AbortSignal, guard?: Guard) {
  return async (url: string, init?: RequestInit): Promise<Response> => {
    const timeout = AbortSignal.timeout(timeoutMs);
    try {
      return await following(url, { ...init, signal: AbortSignal.any([timeout, signal]) }, guard);
    } catch (error) {
      if (error instanceof ProviderError) throw error;
      if (timeout.aborted || (error as Error).name === "TimeoutError") {
        throw new ProviderError("timeout", `${providerLabel} did not answer within ${Math.round(timeoutMs / 1000)} s.`, {
          cause: error,
          transport: true,
        });
      }
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      if (cause && (NEVER_CONNECTED.has(cause) || HANDSHAKE_FAILED.test(cause))) {
        throw new ProviderError("network", `${providerLabel} could not be reached (${cause}).`, { cause: error, transport: true });
      }
      // Connected, and the request may have been sent whole before the socket dropped: the provider may be running it.
      throw new ProviderError("network", `${providerLabel} dropped the connection before answering${cause ? ` (${cause})` : ""}; the request may have reached it.`, {
        cause: error,
        transport: true,
        mayHaveBilled: true,
      });
    }
  };
}

/**
 * Failures before a connection was made (no address, refused, unroutable, a certificate refused in the handshake):
 * nothing was sent, so nothing can be billed. Any other failure (UND_ERR_SOCKET, ECONNRESET, EPIPE, no code) may come
 * after the request reached the provider.
 */
const NEVER_CONNECTED = new Set([
  "ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EAI_NONAME", "EAI_FAIL", "EHOSTUNREACH", "EHOSTDOWN", "ENETUNREACH", "ENETDOWN",
  "EADDRNOTAVAIL", "UND_ERR_CONNECT_TIMEOUT",
]);

/** A TLS handshake refused (an https URL on a plain-http port, a certificate refused): no request was sent. */
const HANDSHAKE_FAILED = /^(ERR_SSL_|ERR_TLS_|EPROTO$)|CERT/;

/** An error answer as read: the provider's message (`said`) is its own field when it has one, else the raw text. */
export interface ErrorReading {
  status: number;
  text: string;
  json: Record<string, unknown> | null;
  said: string;
  now: number;
}

/** How an adapter classifies an error answer; anything left out takes the gateway's default. */
export interface ErrorVerdict {
  code: ErrorCode;
  summary?: string;
  /** Used only when no Retry-After-style header says when a rate limit resets. */
  retryAt?: Date;
}

/**
 * An async provider's classification for its submit call: a 404 there means the model is not at this base URL (a typo,
 * a retired model), refused for good, where the same status while polling may pass.
 */
export function submitVerdict(classify: (r: ErrorReading) => ErrorVerdict, notFound: string): (r: ErrorReading) => ErrorVerdict {
  return (r) => (r.status === 404 ? { code: "rejected", summary: `${notFound} (HTTP 404).` } : classify(r));
}

export interface ErrorOptions {
  label: string;
  /** The provider's message field(s); the raw body text when this gives nothing. */
  said?: (json: Record<string, unknown> | null) => string | undefined;
  /** Status → cause; defaults to `codeForStatus`. */
  classify?: (reading: ErrorReading) => ErrorVerdict;
  /** The model's wire field names, so an invalid_input can point at the field the message names. */
  fields?: readonly string[];
}

/** A non-2xx answer as a ProviderError: cause, one-sentence summary, the provider's words without the key. */
export async function errorFrom(res: Response, ctx: RunContext, opts: ErrorOptions): Promise<ProviderError> {
  const { text, json } = await readErrorBody(res);
  const status = res.status;
  const said = opts.said?.(json) ?? text;
  const reading: ErrorReading = { status, text, json, said, now: ctx.now() };
  const verdict = opts.classify?.(reading) ?? { code: codeForStatus(status) };
  const { code } = verdict;
  const field = code === "invalid_input" && opts.fields ? fieldFromMessage(said, opts.fields) : undefined;
  const summary = field
    ? `${opts.label} rejected the value of ${field} (HTTP ${status}).`
    : (verdict.summary ?? `${opts.label} ${errorSummaries[code]} (HTTP ${status}).`);
  const retryAt = code === "rate_limited" ? (retryAtFromHeaders(res.headers, reading.now) ?? verdict.retryAt) : undefined;
  return new ProviderError(code, summary, {
    status,
    providerMessage: providerText(said, ctx.apiKey) ?? providerText(text, ctx.apiKey),
    field,
    retryAt,
  });
}
