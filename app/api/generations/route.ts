import { statusOf } from "@/lib/actions/result";
import { issuesText, parseRequest } from "@/lib/forms/request-errors";
import { z } from "zod";
import { readJson } from "@/lib/http/body";
import { unknownParams } from "@/lib/http/query";
import { listGenerations } from "@/lib/db/generations";
import { startGeneration } from "@/lib/actions/start-generation";
import { keyOf, replayHeaders } from "@/lib/actions/idempotency";

const query = z.object({
  cursor: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});

export async function GET(req: Request) {
  const params = new URL(req.url).searchParams;
  const unknown = unknownParams(params.keys(), Object.keys(query.shape), "GET /api/generations");
  if (unknown) return unknown;
  const parsed = parseRequest(query, Object.fromEntries(params), "GET /api/generations");
  if (!parsed.success) return Response.json({ error: "invalid_query", message: issuesText(parsed.error) }, { status: 400 });
  const page = await listGenerations(parsed.data);
  if (!page) {
    const message = "`cursor` names no generation: pass the nextCursor of the page before, or none for the newest.";
    return Response.json({ error: "invalid_query", message }, { status: 400 });
  }
  return Response.json(page, { headers: { "Cache-Control": "no-store" } });
}

/**
 * The same entry point as the playground's server action, for scripts: `{provider, model, input}`. With an
 * `Idempotency-Key` header, the same key and body answer the first answer again (README, "HTTP API").
 */
export async function POST(req: Request) {
  const body = await readJson(req);
  if (!body.ok) return body.response;
  const result = await startGeneration(body.value, { idempotencyKey: keyOf(req) });
  return Response.json(result, { status: statusOf(result), headers: replayHeaders(result) });
}
