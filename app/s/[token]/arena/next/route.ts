import { nextPairResponse } from "@/lib/arena/handlers";
import { sharedArenaContext } from "@/lib/arena/shared-context";
import { shareNotFound } from "@/lib/share/serve";

export const dynamic = "force-dynamic";

/** Deals a visitor of a shared arena link the next pair. */
export async function POST(req: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const ctx = await sharedArenaContext(token);
  return ctx ? nextPairResponse(req, ctx, `/s/${token}/arena/pairs`) : shareNotFound();
}
