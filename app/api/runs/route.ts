import { z } from "zod";
import { listRuns } from "@/lib/db/runs";
import { startComparison } from "@/lib/actions/start-comparison";

const query = z.object({
  cursor: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});

export async function GET(req: Request) {
  const parsed = query.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!parsed.success) return Response.json({ error: "invalid_query" }, { status: 400 });
  return Response.json(await listRuns(parsed.data), { headers: { "Cache-Control": "no-store" } });
}

/** The comparison entry point for scripts: `{shared, targets: [{provider, model, overrides}]}`. */
export async function POST(req: Request) {
  const body: unknown = await req.json().catch(() => null);
  const result = await startComparison(body);
  return Response.json(result, { status: result.ok ? 202 : result.code === "internal" ? 500 : 400 });
}
