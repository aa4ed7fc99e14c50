import { z } from "zod";
import { listGenerations } from "@/lib/db/generations";
import { startGeneration } from "@/lib/actions/start-generation";

const query = z.object({
  cursor: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});

export async function GET(req: Request) {
  const parsed = query.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!parsed.success) return Response.json({ error: "invalid_query" }, { status: 400 });
  const page = await listGenerations(parsed.data);
  return Response.json(page, { headers: { "Cache-Control": "no-store" } });
}

/** The same entry point as the playground's server action, for scripts: `{provider, model, input}`. */
export async function POST(req: Request) {
  // JSON only: a cross-site form or no-cors fetch cannot send it without a CORS preflight, which we never grant.
  if (!req.headers.get("content-type")?.toLowerCase().startsWith("application/json")) {
    return Response.json({ error: "unsupported_media_type", message: "Send JSON (Content-Type: application/json)." }, { status: 415 });
  }
  const body: unknown = await req.json().catch(() => null);
  const result = await startGeneration(body);
  const status = result.ok ? 202 : result.code === "not_found" ? 404 : result.code === "internal" ? 500 : 400;
  return Response.json(result, { status });
}
