/** Plumbing shared by the provider handlers: the request context, response writers, waits, ids and auth keys. */
import { randomBytes, randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ProviderId } from "./faults";
import type { EmulatorState } from "./state";

export interface Ctx {
  req: IncomingMessage;
  res: ServerResponse;
  provider: ProviderId;
  method: string;
  /** Path below the provider's mount point, without the query string, e.g. "/v1/images/generations". */
  path: string;
  query: URLSearchParams;
  rawBody: string;
  /** The request body's size in bytes, as it arrived. */
  bodyBytes: number;
  /** The parsed multipart/form-data body, when it is one. */
  form: FormData | null;
  /** Parsed JSON body; undefined when the body is empty or not JSON (see jsonOk). */
  json: unknown;
  jsonOk: boolean;
  /** Absolute origin used for URLs handed out, e.g. "http://127.0.0.1:4010". */
  baseUrl: string;
  state: EmulatorState;
  /** Extra headers added to every response of this request (emulator diagnostics). */
  extraHeaders: Record<string, string>;
}

type Headers = Record<string, string | number>;

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** True once the client has gone away (or the response was already sent). */
export function gone(ctx: Ctx): boolean {
  return ctx.res.writableEnded || ctx.res.destroyed || ctx.req.socket.destroyed;
}

function writeHead(ctx: Ctx, status: number, headers: Headers): void {
  ctx.res.writeHead(status, { ...ctx.extraHeaders, ...headers });
}

export function sendBody(ctx: Ctx, status: number, contentType: string, body: string | Buffer, headers: Headers = {}): void {
  if (gone(ctx)) return;
  const buf = typeof body === "string" ? Buffer.from(body) : body;
  writeHead(ctx, status, { "content-type": contentType, "content-length": buf.length, ...headers });
  ctx.res.end(ctx.method === "HEAD" ? undefined : buf);
}

export function sendJson(ctx: Ctx, status: number, body: unknown, headers: Headers = {}): void {
  sendBody(ctx, status, "application/json; charset=utf-8", JSON.stringify(body), headers);
}

export function sendJsonText(ctx: Ctx, status: number, text: string, headers: Headers = {}): void {
  sendBody(ctx, status, "application/json; charset=utf-8", text, headers);
}

/** The `malformed` fault: a 200 whose JSON stops half way. */
export function sendTruncatedJson(ctx: Ctx, text: string, headers: Headers = {}): void {
  const cut = Math.max(1, Math.floor(text.length * 0.6));
  sendJsonText(ctx, 200, text.slice(0, cut), headers);
}

/** Bytes that decode as nothing (no image signature), for Segmind's raw-bytes `malformed`. */
export function garbageBytes(): Buffer {
  return Buffer.concat([Buffer.from("GARBAGE-NOT-AN-IMAGE\0"), randomBytes(1000)]);
}

/** Resolves after ms; false if the client disconnected meanwhile. */
export function wait(ctx: Ctx, ms: number): Promise<boolean> {
  if (gone(ctx)) return Promise.resolve(false);
  if (ms <= 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const onClose = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      ctx.res.off("close", onClose);
      resolve(!gone(ctx));
    }, ms);
    ctx.res.once("close", onClose);
  });
}

/**
 * `hang`: never answer. Nothing to clean up beyond what `res.on("close")` already does (the in-flight counter);
 * the server destroys the socket on close().
 */
export function hang(ctx: Ctx): void {
  ctx.req.socket.setTimeout(0);
}

/** Counts a generation as in flight until its response is finished or the client goes away. */
export function trackRequest(ctx: Ctx): () => void {
  const release = ctx.state.track(ctx.provider);
  ctx.res.once("close", release);
  return release;
}

export type KeyStatus = "missing" | "invalid" | "ok";

/** Any non-empty key works, except one starting with "invalid" (so tests can provoke 401s via configuration). */
export function keyStatus(key: string | undefined): KeyStatus {
  const k = key?.trim();
  if (!k) return "missing";
  return k.toLowerCase().startsWith("invalid") ? "invalid" : "ok";
}

export function header(ctx: Ctx, name: string): string | undefined {
  const v = ctx.req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

export function bearer(ctx: Ctx): string | undefined {
  const m = /^\s*Bearer\s+(.*)$/i.exec(header(ctx, "authorization") ?? "");
  return m?.[1];
}

export const uuid = (): string => randomUUID();

/** A random unsigned seed below 2^63, as decimal text (fal-style 64-bit seeds). */
export function randomSeed64(): string {
  const n = randomBytes(8).readBigUInt64BE() & 0x7fffffffffffffffn;
  return (n === 0n ? 1n : n).toString();
}

/** A random seed below 2^32. */
export function randomSeed32(): string {
  return String(randomBytes(4).readUInt32BE());
}

/**
 * JSON.stringify, but `seedField` at the top level is written as the bare decimal integer `seedDigits`, so seeds
 * above 2^53 keep every digit (as fal/AI-ML API write them).
 */
export function stringifyWithBigSeed(body: Record<string, unknown>, seedField: string, seedDigits: string): string {
  const marker = `__emulator_seed_${randomBytes(6).toString("hex")}__`;
  const text = JSON.stringify({ ...body, [seedField]: marker });
  return text.replace(`"${marker}"`, /^-?\d+$/.test(seedDigits) ? seedDigits : JSON.stringify(seedDigits));
}

/**
 * The exact digits of a top-level integer field in the raw JSON text, so 64-bit seeds are echoed without the
 * precision JSON.parse loses. Falls back to String(parsed).
 */
export function rawIntegerText(raw: string, field: string, parsed: number): string {
  const re = new RegExp(`"${field}"\\s*:\\s*"?(-?\\d+)"?\\s*[,}]`);
  const m = re.exec(raw);
  const digits = m?.[1];
  if (digits !== undefined && Number(digits) === parsed) return digits.replace(/^(-?)0+(?=\d)/, "$1");
  return Number.isSafeInteger(parsed) ? String(parsed) : BigInt(Math.trunc(parsed)).toString();
}

export function describe(v: unknown): string {
  if (v === undefined) return "undefined";
  const s = typeof v === "string" ? `'${v}'` : JSON.stringify(v);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

export function typeName(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  return typeof v;
}

/** A multipart/form-data body parsed (Stability's protocol); null when it is not one or does not parse. */
export async function readMultipart(contentType: string | undefined, body: Buffer): Promise<FormData | null> {
  if (!contentType || !/^multipart\/form-data\b/i.test(contentType)) return null;
  try {
    return await new Response(new Uint8Array(body), { headers: { "content-type": contentType } }).formData();
  } catch {
    return null;
  }
}

/** Form fields as the request log shows them: text as sent, files as a short note. */
export function formFields(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of form.entries()) out[name] = typeof value === "string" ? value : `<file ${value.type || "unknown"}, ${value.size} bytes>`;
  return out;
}
