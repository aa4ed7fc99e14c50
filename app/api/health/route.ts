import { db } from "@/lib/db/client";
import { writeProblem } from "@/lib/db/sqlite";
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
    const dbProblem = await writeProblem(env().databaseUrl, 1500);
    if (dbProblem) problems.push(`database: ${dbProblem}`);
  } catch (error) {
    problems.push(`database: cannot be opened (${(error as { code?: string }).code ?? "error"})`);
  }
  if (await storageProblem()) problems.push("image store: cannot be written");
  if (problems.length > 0) return Response.json({ ok: false, problems }, { status: 503 });
  return Response.json({ ok: true });
}
