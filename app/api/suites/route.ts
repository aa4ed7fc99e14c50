import { statusOf } from "@/lib/actions/result";
import { readJson } from "@/lib/http/body";
import { listSuites } from "@/lib/db/suites";
import { saveSuite } from "@/lib/actions/save-suite";

/** Every suite (name, prompt count, categories), most recently edited first. */
export async function GET() {
  return Response.json({ items: await listSuites() }, { headers: { "Cache-Control": "no-store" } });
}

/** Creates a suite for scripts: `{name, text, format: "lines"|"csv"}`; problems come back by line number. */
export async function POST(req: Request) {
  const body = await readJson(req);
  if (!body.ok) return body.response;
  const result = await saveSuite(body.value);
  return Response.json(result, { status: statusOf(result, 201) });
}
