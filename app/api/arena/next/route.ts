import { nextPairResponse } from "@/lib/arena/handlers";

export const dynamic = "force-dynamic";

/** Deals the owner's next blind pair (`{run}` scopes it to one run). */
export async function POST(req: Request) {
  return nextPairResponse(req, { shareId: null, runId: null }, "/api/arena/pairs");
}
