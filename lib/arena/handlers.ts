import "server-only";
import { issuesText, parseRequest } from "@/lib/forms/request-errors";
import { unknownFieldsMessage } from "@/lib/forms/words";
import { randomUUID } from "node:crypto";
import { cookies, headers } from "next/headers";
import sharp from "sharp";
import { z } from "zod";
import { authConfig } from "@/lib/auth/config";
import { isHttpsRequest } from "@/lib/auth/request";
import { castVote, dealPair, pairImage } from "@/lib/db/arena";
import { readJson } from "@/lib/http/body";
import { FailureLimiter } from "@/lib/auth/rate-limit";
import { unknownFields } from "@/lib/params/field-errors";
import { isMissingImage, unreadableImage } from "@/lib/storage/backend";
import { readImage } from "@/lib/storage/images";
import { voteOutcomes } from "./types";

/**
 * The arena's three requests (deal a pair, vote, one side's image), shared by the owner's /api/arena routes and a
 * shared arena link's /s/<token>/arena routes. Which one is calling is `ctx`: a share id (null for the owner) and
 * an optional run the pairs come from.
 */

export const VOTER_COOKIE = "arena_voter";
const voterShape = z.string().uuid();

export interface ArenaContext {
  shareId: string | null;
  runId: string | null;
}

/** The voter's cookie id, made on first use (a year; httpOnly). */
async function voter(): Promise<string> {
  const jar = await cookies();
  const current = voterShape.safeParse(jar.get(VOTER_COOKIE)?.value);
  if (current.success) return current.data;
  const id = randomUUID();
  const secure = isHttpsRequest(await headers(), authConfig().trustProxy);
  jar.set(VOTER_COOKIE, id, { httpOnly: true, secure, sameSite: "lax", path: "/", maxAge: 365 * 24 * 3600 });
  return id;
}

/** The voter id if the browser has one already (pages cannot set cookies). */
export async function currentVoter(): Promise<string | null> {
  const parsed = voterShape.safeParse((await cookies()).get(VOTER_COOKIE)?.value);
  return parsed.success ? parsed.data : null;
}

const json = (status: number, body: unknown) =>
  Response.json(body, { status, headers: { "Cache-Control": "no-store" } });

/** A shared link's deals and votes are counted per share: 600 per 10 minutes each, 3,000 in all. */
const sharedLimiter = () => {
  const holder = globalThis as { __arenaLimiter?: FailureLimiter };
  holder.__arenaLimiter ??= new FailureLimiter({ perKey: 600, global: 3000, windowMs: 10 * 60 * 1000 });
  return holder.__arenaLimiter;
};

function limited(ctx: ArenaContext): Response | null {
  if (!ctx.shareId) return null;
  // Checked before counting: a refused request is not recorded, so hammering a link cannot grow the limiter (every
  // request walks the entries it holds) nor push the link's window further out.
  const state = sharedLimiter().check(ctx.shareId);
  if (!state.limited) {
    sharedLimiter().recordFailure(ctx.shareId);
    return null;
  }
  const seconds = Math.ceil(state.retryAfterMs / 1000);
  return Response.json({ error: "rate_limited", message: `Too many votes through this link; try again in ${seconds} s.` }, { status: 429, headers: { "Retry-After": String(seconds) } });
}

async function parseBody<S extends z.ZodType>(req: Request, schema: S, where: string): Promise<{ ok: true; data: z.output<S> } | { ok: false; response: Response }> {
  const body = await readJson(req, 4096);
  if (!body.ok) return body;
  const extra = unknownFields(schema, body.value);
  if (extra.length > 0) return { ok: false, response: json(400, { error: "invalid_input", message: unknownFieldsMessage(extra, where, schema instanceof z.ZodObject ? Object.keys(schema.shape) : []) }) };
  const parsed = parseRequest(schema, body.value, where);
  if (!parsed.success) return { ok: false, response: json(400, { error: "invalid_input", message: issuesText(parsed.error) }) };
  return { ok: true, data: parsed.data };
}

const nextInput = z.object({ run: z.string().uuid().optional() }).strict();

/**
 * POST: deals a pair this voter has not voted on; 204 when there is none left (an answer, not an error: a browser logs
 * every 4xx to its console, and an empty arena is a normal state).
 */
export async function nextPairResponse(req: Request, ctx: ArenaContext, urlBase: string): Promise<Response> {
  const body = await parseBody(req, nextInput, "Dealing a pair");
  if (!body.ok) return body.response;
  const stop = limited(ctx);
  if (stop) return stop;
  const runId = ctx.runId ?? body.data.run ?? null;
  const pair = await dealPair({ voter: await voter(), shareId: ctx.shareId, runId }, urlBase);
  return pair ? json(200, pair) : new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
}

const voteInput = z
  .object({
    pairId: z.string().regex(/^[A-Za-z0-9_-]{32}$/),
    outcome: z.enum(voteOutcomes),
    key: z.string().uuid(),
  })
  .strict();

/** POST: stores the vote once (idempotency key from the client) and reveals the two targets. */
export async function voteResponse(req: Request, ctx: ArenaContext): Promise<Response> {
  const body = await parseBody(req, voteInput, "A vote");
  if (!body.ok) return body.response;
  const stop = limited(ctx);
  if (stop) return stop;
  const reveal = await castVote({ pairId: body.data.pairId, outcome: body.data.outcome, idempotencyKey: body.data.key, voter: await voter(), shareId: ctx.shareId });
  if (reveal === "gone") return json(410, { error: "gone", message: "One of these images was deleted after it was dealt: no vote was stored." });
  return reveal ? json(200, reveal) : json(404, { error: "not_found", message: "That pair is not yours to vote on." });
}

const notFound = () => new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

/**
 * GET: one side of a pair, re-encoded by sharp (which writes no metadata: no PNG text, EXIF or XMP) as WebP, 1024 px on
 * its longer side whatever size was delivered. Through a shared link it is revalidated on every use (no-cache, with an
 * ETag that names only the pair), so a revoked link stops showing it from the browser's cache too.
 */
export async function pairImageResponse(pairId: string, side: string, ctx: ArenaContext, ifNoneMatch?: string | null): Promise<Response> {
  if (!/^[A-Za-z0-9_-]{32}$/.test(pairId) || (side !== "left" && side !== "right")) return notFound();
  const image = await pairImage(pairId, side, ctx.shareId);
  if (!image) return notFound();
  const etag = `"${pairId}-${side}"`;
  const cache = { ETag: etag, "Cache-Control": ctx.shareId ? "private, no-cache" : "private, max-age=3600" };
  if (ifNoneMatch === etag) return new Response(null, { status: 304, headers: cache });
  let original: Uint8Array;
  try {
    original = await readImage(image.file);
  } catch (error) {
    // A store that failed still holds the image: 503, try again. Gone: 404, through a shared link the one it always gives.
    return ctx.shareId && isMissingImage(error) ? notFound() : unreadableImage(error, "arena");
  }
  // Enlarged as well as shrunk to the same box: a provider that delivers a smaller image than asked would otherwise be
  // told apart by the pixel size of its side.
  const data = await sharp(original)
    .rotate()
    .resize({ width: 1024, height: 1024, fit: "inside" })
    .webp({ quality: 82 })
    .toBuffer();
  return new Response(new Uint8Array(data), {
    headers: { "Content-Type": "image/webp", "Content-Length": String(data.byteLength), ...cache, "X-Content-Type-Options": "nosniff" },
  });
}
