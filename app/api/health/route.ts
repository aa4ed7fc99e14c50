import { db } from "@/lib/db/client";

export const dynamic = "force-dynamic";

/** Ready when the database is open and migrated. */
export async function GET() {
  await db();
  return Response.json({ ok: true });
}
