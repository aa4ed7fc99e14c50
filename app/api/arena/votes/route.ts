import { voteResponse } from "@/lib/arena/handlers";

export const dynamic = "force-dynamic";

/** Stores the owner's vote on a pair (once per idempotency key) and reveals the targets. */
export async function POST(req: Request) {
  return voteResponse(req, { shareId: null, runId: null });
}
