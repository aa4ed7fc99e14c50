import { pairImageResponse } from "@/lib/arena/handlers";

export const dynamic = "force-dynamic";

/** One side of a dealt pair, with no metadata and no name that says where it came from. */
export async function GET(req: Request, { params }: { params: Promise<{ pairId: string; side: string }> }) {
  const { pairId, side } = await params;
  return pairImageResponse(pairId, side, { shareId: null, runId: null }, req.headers.get("if-none-match"));
}
