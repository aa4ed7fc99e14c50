import { getScorecard } from "@/lib/db/scores";
import { parseScoreFilters } from "@/lib/scores/filters";
import { scorecardCsv } from "@/lib/scores/csv";

export const dynamic = "force-dynamic";

/** The scorecard as CSV, one row per provider and model; the same filters as /scores (unknown ones are a 400). */
export async function GET(req: Request) {
  const parsed = parseScoreFilters(new URL(req.url).searchParams);
  if (!parsed.ok) return Response.json({ error: "invalid_input", message: parsed.error }, { status: 400 });
  const card = await getScorecard(parsed.filters);
  return new Response(scorecardCsv(card), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="scorecard-${card.source}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
