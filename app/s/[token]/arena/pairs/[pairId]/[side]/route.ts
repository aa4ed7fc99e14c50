import { pairImageResponse } from "@/lib/arena/handlers";
import { sharedArenaContext } from "@/lib/arena/shared-context";
import { shareNotFound } from "@/lib/share/serve";

export const dynamic = "force-dynamic";

/** One side of a pair dealt through a shared arena link, while the link is active. */
export async function GET(req: Request, { params }: { params: Promise<{ token: string; pairId: string; side: string }> }) {
  const { token, pairId, side } = await params;
  const ctx = await sharedArenaContext(token);
  return ctx ? pairImageResponse(pairId, side, ctx, req.headers.get("if-none-match")) : shareNotFound();
}
