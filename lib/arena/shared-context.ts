import "server-only";
import { getActiveViewShare } from "@/lib/db/view-shares";
import type { ArenaContext } from "./handlers";

/** The arena a shared link opens, or null when the token is unknown, revoked or not an arena share. */
export async function sharedArenaContext(token: string): Promise<ArenaContext | null> {
  const share = await getActiveViewShare(token);
  return share?.kind === "arena" ? { shareId: share.id, runId: share.runId ?? null } : null;
}
