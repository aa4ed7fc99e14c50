import { MAX_BODY_BYTES, MAX_IMAGE_BYTES } from "@/lib/limits";
import { formatBytes } from "@/lib/format";

// Reading request bodies with one limit, enforced before anything is parsed (not server-only: plain Web APIs).

export type BodyResult<T> = { ok: true; value: T } | { ok: false; response: Response };

/** The media type of a Content-Type header without parameters, lower-cased: `Application/JSON; charset=utf-8` → `application/json`. */
export function mediaType(header: string | null): string {
  return (header ?? "").split(";")[0]!.trim().toLowerCase();
}

export function tooLarge(limit: number): Response {
  return Response.json(
    { error: "payload_too_large", message: `The request body is larger than ${formatBytes(limit)}${limit === MAX_BODY_BYTES ? ` (input images: at most ${formatBytes(MAX_IMAGE_BYTES)})` : ""}.` },
    { status: 413 },
  );
}

/**
 * The body's bytes, or a 413 once it passes `limit`: refused from Content-Length when declared, otherwise counted while
 * streaming, so an oversized body is never held whole.
 */
export async function readBytes(req: Request, limit = MAX_BODY_BYTES): Promise<BodyResult<Uint8Array>> {
  const declared = Number(req.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > limit) return { ok: false, response: tooLarge(limit) };
  const value = await readUpTo(req.body, limit);
  return value ? { ok: true, value } : { ok: false, response: tooLarge(limit) };
}

/** A body's bytes, or null as soon as it passes `limit` (the rest is never read, whatever the body claims). */
export async function readUpTo(body: ReadableStream<Uint8Array> | null, limit: number): Promise<Uint8Array | null> {
  if (!body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

/**
 * A JSON body: Content-Type exactly `application/json` (parameters allowed), at most `limit` bytes, valid JSON.
 * JSON only, because a cross-site form or no-cors fetch cannot send it without a CORS preflight, which we never grant.
 */
export async function readJson(req: Request, limit = MAX_BODY_BYTES): Promise<BodyResult<unknown>> {
  if (mediaType(req.headers.get("content-type")) !== "application/json") {
    return {
      ok: false,
      response: Response.json(
        { error: "unsupported_media_type", message: "Send JSON (Content-Type: application/json)." },
        { status: 415 },
      ),
    };
  }
  const bytes = await readBytes(req, limit);
  if (!bytes.ok) return bytes;
  try {
    return { ok: true, value: JSON.parse(new TextDecoder().decode(bytes.value)) as unknown };
  } catch {
    return {
      ok: false,
      response: Response.json({ error: "invalid_json", message: "The request body is not valid JSON." }, { status: 400 }),
    };
  }
}
