import { z } from "zod";
import { fail, statusOf } from "@/lib/actions/result";
import { readJson } from "@/lib/http/body";
import { startSuiteRun } from "@/lib/actions/start-suite-run";
import { keyOf, replayHeaders } from "@/lib/actions/idempotency";

const suiteId = z.uuid();

/**
 * Runs a suite for scripts: `{shared, targets: [{provider, model, overrides}], confirmed}` → `{ok, runId, images}`.
 * The suite is the one in the URL: an id that names none (whatever its form) is a 404, and a body that names a suite
 * too is refused rather than overruled. Takes `Idempotency-Key` like `POST /api/generations`.
 */
export async function POST(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!suiteId.safeParse(id).success) return Response.json(fail("not_found", "This suite no longer exists."), { status: 404 });
  const body = await readJson(req);
  if (!body.ok) return body.response;
  const value = body.value;
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    return Response.json(fail("invalid_input", "The body must be a JSON object: {shared, targets, confirmed}."), { status: 400 });
  }
  if ("suiteId" in value) {
    const refused = fail("invalid_input", "The suite is the one in the URL: leave suiteId out of the body.", { suiteId: "Unknown field." });
    return Response.json(refused, { status: 400 });
  }
  const result = await startSuiteRun({ ...value, suiteId: id }, { idempotencyKey: keyOf(req) });
  return Response.json(result, { status: statusOf(result), headers: replayHeaders(result) });
}
