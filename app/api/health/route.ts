import { db } from "@/lib/db/client";
import { connectionCause, databaseProblem } from "@/lib/db/health";
import { env } from "@/lib/env";
import { storageProblem } from "@/lib/storage/images";

export const dynamic = "force-dynamic";

/**
 * Ready when the database is open and migrated and both stores can be written right now; otherwise 503 naming
 * what is wrong, so a supervisor can act. It says nothing else (it is public behind the password gate).
 */
export async function GET() {
  const problems: string[] = [];
  try {
    await db();
    const dbProblem = await databaseProblem(1500);
    if (dbProblem) problems.push(`database: ${dbProblem}`);
  } catch (error) {
    problems.push(`database: cannot be opened (${connectionCause(error)})`);
  }
  if (await storageProblem()) problems.push(`image store: ${env().storage.kind === "s3" ? "bucket unreachable" : "cannot be written"}`);
  if (problems.length > 0) return Response.json({ ok: false, problems }, { status: 503 });
  return Response.json({ ok: true });
}
