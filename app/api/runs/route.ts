import { statusOf } from "@/lib/actions/result";
import { issuesText, parseRequest } from "@/lib/forms/request-errors";
import { z } from "zod";
import { readJson } from "@/lib/http/body";
import { unknownParams } from "@/lib/http/query";
import { listRuns, resolveRunCursor } from "@/lib/db/runs";
import { galleryQuerySchema, parseGalleryFiltersStrict } from "@/lib/gallery/filters";
import { startComparison } from "@/lib/actions/start-comparison";
import { keyOf, replayHeaders } from "@/lib/actions/idempotency";

const paging = z.object({
  cursor: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});

/** A page of the gallery: `?cursor=&limit=` plus the gallery's filters (`q, provider, model, status, fav, from, to`). */
export async function GET(req: Request) {
  const params = new URL(req.url).searchParams;
  const unknown = unknownParams(params.keys(), [...Object.keys(paging.shape), ...Object.keys(galleryQuerySchema.shape)], "GET /api/runs");
  if (unknown) return unknown;
  const page = parseRequest(paging, { cursor: params.get("cursor") ?? undefined, limit: params.get("limit") ?? undefined }, "GET /api/runs");
  const filters = parseGalleryFiltersStrict(params);
  if (!page.success || !filters.ok) {
    return Response.json({ error: "invalid_query", message: [page.success ? "" : issuesText(page.error), filters.ok ? "" : filters.error].filter(Boolean).join(" ") }, { status: 400 });
  }
  const t0 = performance.now();
  const cursor = page.data.cursor ? await resolveRunCursor(page.data.cursor) : undefined;
  if (cursor === null) {
    const message = "`cursor` names no run: pass the nextCursor of the page before, or none for the newest.";
    return Response.json({ error: "invalid_query", message }, { status: 400 });
  }
  const result = await listRuns({ ...filters.filters, ...page.data, cursor });
  const ms = (performance.now() - t0).toFixed(1);
  return Response.json(result, { headers: { "Cache-Control": "no-store", "Server-Timing": `db;dur=${ms}` } });
}

/** The comparison entry point for scripts: `{shared, targets: [{provider, model, overrides}]}`; takes `Idempotency-Key`. */
export async function POST(req: Request) {
  const body = await readJson(req);
  if (!body.ok) return body.response;
  const result = await startComparison(body.value, { idempotencyKey: keyOf(req) });
  return Response.json(result, { status: statusOf(result), headers: replayHeaders(result) });
}
