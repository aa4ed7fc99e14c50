import { statusOf } from "@/lib/actions/result";
import { readJson } from "@/lib/http/body";
import { startSuiteRun } from "@/lib/actions/start-suite-run";

/** Runs a suite for scripts: `{shared, targets: [{provider, model, overrides}], confirmed}` → `{ok, runId, images}`. */
export async function POST(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const body = await readJson(req);
  if (!body.ok) return body.response;
  const value = body.value && typeof body.value === "object" && !Array.isArray(body.value) ? body.value : {};
  const result = await startSuiteRun({ ...value, suiteId: id });
  return Response.json(result, { status: statusOf(result) });
}
