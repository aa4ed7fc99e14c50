import { statusOf } from "@/lib/actions/result";
import { cancelGenerations } from "@/lib/actions/cancel";

/**
 * `POST /api/generations/<id>/cancel`: queued work ends at once (never sent); running work is cancelled at the
 * provider by its worker, and the generation then reads `failed` / `canceled` (or keeps its image when too late).
 */
export async function POST(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const result = await cancelGenerations({ generationId: id });
  const status = statusOf(result);
  return Response.json(result, { status });
}
