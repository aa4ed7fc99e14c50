import { readJson } from "@/lib/http/body";
import { issuesText } from "@/lib/forms/request-errors";
import { estimateRequest, parseEstimateRequest } from "@/lib/cost/request";

/**
 * What a submission would cost, before it is sent: `{targets: [{provider, model, input}]}` or
 * `{comparison: {shared, targets: [{provider, model, overrides}]}}` → `{usd, unknown, items}`. Nothing is stored.
 */
export async function POST(req: Request) {
  const body = await readJson(req);
  if (!body.ok) return body.response;
  const parsed = parseEstimateRequest(body.value);
  if (!parsed.success) {
    return Response.json({ error: "invalid_input", message: issuesText(parsed.error) }, { status: 400 });
  }
  return Response.json(await estimateRequest(parsed.data), { headers: { "Cache-Control": "no-store" } });
}
