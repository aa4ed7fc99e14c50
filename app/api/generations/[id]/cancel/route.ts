import { z } from "zod";
import { statusOf } from "@/lib/actions/result";
import { cancelGenerations } from "@/lib/actions/cancel";

const generationId = z.string().uuid();

/**
 * `POST /api/generations/<id>/cancel`: queued work ends at once (never sent); running work is cancelled at the
 * provider by its worker, and the generation then reads `failed` / `canceled` (or keeps its image when too late).
 * An id that names no generation (whatever its form) is a 404, like `GET /api/generations/<id>`.
 */
export async function POST(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!generationId.safeParse(id).success) {
    return Response.json({ ok: false, code: "not_found", message: "Unknown generation.", fieldErrors: {} }, { status: 404 });
  }
  const result = await cancelGenerations({ generationId: id });
  const status = statusOf(result);
  return Response.json(result, { status });
}
