import { z } from "zod";
import { listGenerations } from "@/lib/db/generations";

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
