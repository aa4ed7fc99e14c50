import "server-only";
import type { z } from "zod";
import { fieldsByRole } from "@/lib/params/roles";
import type { ErrorCode } from "./types";
import { ProviderError } from "./errors";

/** Wire parsing shared by the adapters: status codes, bodies, headers, image bytes. Pure; no network. */

/** Default mapping of HTTP status to cause; providers override the statuses their docs define differently. */
export function codeForStatus(status: number): ErrorCode {
  if (status === 401) return "auth";
  if (status === 402) return "quota";
  if (status === 403) return "auth";
  if (status === 408 || status === 504) return "timeout";
  if (status === 429) return "rate_limited";
  if (status === 400 || status === 413 || status === 422) return "invalid_input";
  // Any other 4xx (404, 405, 409…) was refused, not broken on their side.
  if (status >= 400 && status < 500) return "rejected";
  return "upstream";
}

/** Parse a body as JSON; a malformed body is the provider's fault, reported as such. */
export async function readJson(res: Response, provider: string): Promise<unknown> {
  const text = await readText(res, provider);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ProviderError("upstream", `${provider} sent a response that is not valid JSON (HTTP ${res.status}).`, {
      status: res.status,
      providerMessage: excerpt(text),
    });
  }
}

/** An answer's body as text; see `readBody`. */
export function readText(res: Response, provider: string): Promise<string> {
  return readBody(res, provider, (r) => r.text());
}

/** An answer's body as bytes; see `readBody`. */
export function readBytes(res: Response, provider: string): Promise<Uint8Array> {
  return readBody(res, provider, async (r) => new Uint8Array(await r.arrayBuffer()));
}

/**
 * Reads an answer's body to its end. A body cut off or stalled after its headers is a failure of the exchange, not a
 * fault of ours: the provider had answered, so a submit may be billed (mayHaveBilled), and a status check is tried
 * again (transport). A stall past the request's timeout is a `timeout`, as one before the headers is.
 */
async function readBody<T>(res: Response, provider: string, read: (res: Response) => Promise<T>): Promise<T> {
  try {
    return await read(res);
  } catch (error) {
    if ((error as Error).name === "TimeoutError") {
      throw new ProviderError("timeout", `${provider} did not finish sending its answer in time.`, { cause: error, transport: true, mayHaveBilled: true });
    }
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    throw new ProviderError("network", `${provider}'s answer was cut off before it was complete${cause ? ` (${cause})` : ""}.`, {
      cause: error,
      transport: true,
      mayHaveBilled: true,
    });
  }
}

/** Read an error body as text and, if it is JSON, as an object; never throws. */
export async function readErrorBody(res: Response): Promise<{ text: string; json: Record<string, unknown> | null }> {
  const text = await res.text().catch(() => "");
  try {
    const parsed: unknown = JSON.parse(text);
    return { text, json: parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>) : null };
  } catch {
    return { text, json: null };
  }
}

/**
 * When a rate limit resets, from whichever header the provider sends: Retry-After (seconds or HTTP date),
 * x-ratelimit-reset (epoch seconds or seconds from now), x-rate-limit-reset-at-utc (ISO date).
 */
export function retryAtFromHeaders(headers: Headers, now: number): Date | undefined {
  const retryAfter = headers.get("retry-after");
  if (retryAfter) {
    const secs = Number(retryAfter);
    if (Number.isFinite(secs)) return new Date(now + secs * 1000);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return new Date(date);
  }
  const resetAtUtc = headers.get("x-rate-limit-reset-at-utc") ?? headers.get("x-ratelimit-reset-at");
  if (resetAtUtc) {
    const date = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(resetAtUtc) ? resetAtUtc : `${resetAtUtc}Z`);
    if (!Number.isNaN(date)) return new Date(date);
  }
  const reset = headers.get("x-ratelimit-reset") ?? headers.get("x-rate-limit-reset");
  if (reset) {
    const n = Number(reset);
    if (Number.isFinite(n)) return new Date(n > 1e9 ? n * 1000 : now + n * 1000);
  }
  return undefined;
}

/** A short, single-line excerpt of a provider's message, safe to show. */
export function excerpt(text: string | undefined, max = 300): string | undefined {
  if (!text) return undefined;
  // An HTML error page (a proxy's 502, a login page) reads as its words: its styles, scripts and comments are not words.
  const clean = text
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, " ")
    .replace(/<!--[\s\S]*?-->/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (!clean) return undefined;
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

/**
 * The body with a seed past 2^53, held as its digits (lib/params/wide-seed.ts), made a BigInt: it goes out as a JSON
 * number with every digit (http.ts `wireJson`). Other bodies are returned as they are.
 */
export function wideSeedOnWire(schema: z.ZodObject, body: Record<string, unknown>): Record<string, unknown> {
  const name = fieldsByRole(schema).seed;
  const seed = name ? body[name] : undefined;
  return name && typeof seed === "string" ? { ...body, [name]: BigInt(seed) } : body;
}

/** Pull a seed out of the raw JSON text so that 64-bit seeds keep every digit (JSON.parse rounds them). */
export function seedFromJsonText(text: string): string | undefined {
  const match = /"seed"\s*:\s*"?(-?\d+)"?/.exec(text);
  return match?.[1];
}

/** The image type named by a file's magic bytes, or undefined when the bytes are not an image we know. */
export function sniffImageMime(bytes: Uint8Array): string | undefined {
  const at = (offset: number, ascii: string) => [...ascii].every((ch, i) => bytes[offset + i] === ch.charCodeAt(0));
  if (bytes[0] === 0x89 && at(1, "PNG\r\n\x1a\n")) return "image/png";
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  if (at(0, "RIFF") && at(8, "WEBP")) return "image/webp";
  if (at(0, "GIF87a") || at(0, "GIF89a")) return "image/gif";
  if (at(4, "ftypavif") || at(4, "ftypavis")) return "image/avif";
  return undefined;
}

/** Decode base64 image text, with or without a `data:<mime>;base64,` prefix. */
export function decodeBase64(text: string): Uint8Array {
  const payload = text.startsWith("data:") ? text.slice(text.indexOf(",") + 1) : text;
  return new Uint8Array(Buffer.from(payload, "base64"));
}

/** The first of `fields` that a provider's error message names as a whole word, for pointing at the form field. */
export function fieldFromMessage(message: string | undefined, fields: readonly string[]): string | undefined {
  if (!message) return undefined;
  let best: { name: string; index: number } | undefined;
  for (const name of fields) {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const index = message.search(new RegExp(`(?<![A-Za-z0-9_])${escaped}(?![A-Za-z0-9_])`));
    if (index >= 0 && (!best || index < best.index)) best = { name, index };
  }
  return best?.name;
}

export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** The first non-empty message under one of `keys` (a string, or an object's `message`), in the order given. */
export function firstMessage(json: Record<string, unknown> | null | undefined, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = json?.[key];
    if (typeof value === "string" && value) return value;
    const nested = asRecord(value)?.message;
    if (typeof nested === "string" && nested) return nested;
  }
  return undefined;
}

/**
 * `url` if it is on the same origin as `base`, else undefined: a URL an answer names is only called with the key when
 * it stays on the provider's own host (a compromised or spoofed answer must not collect the key elsewhere).
 */
export function sameOrigin(url: unknown, base: string): string | undefined {
  if (typeof url !== "string" || !URL.canParse(url)) return undefined;
  return new URL(url).origin === new URL(base).origin ? url : undefined;
}
