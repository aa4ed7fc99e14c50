import { voteResponse } from "@/lib/arena/handlers";
import { sharedArenaContext } from "@/lib/arena/shared-context";
import { shareNotFound } from "@/lib/share/serve";

export const dynamic = "force-dynamic";

/** A visitor's vote through a shared arena link, counted apart from the owner's. */
export async function POST(req: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const ctx = await sharedArenaContext(token);
  return ctx ? voteResponse(req, ctx) : shareNotFound();
}
