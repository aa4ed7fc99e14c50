import { z } from "zod";
import { issuesText, parseRequest } from "@/lib/forms/request-errors";
import { mediaType, readJson } from "@/lib/http/body";
import { unknownParams } from "@/lib/http/query";
import { ExportTooLargeError, exportRunsZip, MAX_EXPORT_RUNS } from "@/lib/export/export-runs";
import { localDay } from "@/lib/gallery/filters";
import { ImageStoreError, unreadableImage } from "@/lib/storage/backend";

/**
 * A zip of runs (images + manifest.json): `GET /api/export?runs=<id>,<id>` for a run or a few, or `POST` with
 * `{runs: [...]}` (JSON) or `runs=<id>,<id>` (a form) for a large selection. The images carry their settings
 * (`embed=1`, the default, as for a single download) or no metadata at all (`embed=0`; see lib/export/image-bytes.ts).
 */
const request = z.object({
  runs: z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : v.split(",")).map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.uuid("Each of `runs` must be a run id (a UUID).")).min(1, "Name one or more run ids in `runs`.").max(MAX_EXPORT_RUNS)),
  embed: z
    .union([z.boolean(), z.enum(["1", "0", "true", "false"])])
    .optional()
    .transform((v) => v === undefined || v === true || v === "1" || v === "true"),
});

const fields = Object.keys(request.shape);

async function respond(input: unknown) {
  const parsed = parseRequest(request, input, "An export");
  if (!parsed.success) return Response.json({ error: "invalid_request", message: issuesText(parsed.error) }, { status: 400 });
  let zip: Awaited<ReturnType<typeof exportRunsZip>>;
  try {
    zip = await exportRunsZip(parsed.data.runs, { embed: parsed.data.embed });
  } catch (error) {
    if (error instanceof ExportTooLargeError) return Response.json({ error: "too_large", message: error.message }, { status: 413 });
    if (error instanceof ImageStoreError) return unreadableImage(error.cause, "export");
    throw error;
  }
  if (!zip) return Response.json({ error: "not_found", message: "None of these runs exist." }, { status: 404 });
  const name = `sd3-playground-${localDay(new Date())}-${zip.runs}-item${zip.runs === 1 ? "" : "s"}.zip`;
  return new Response(zip.stream, {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "no-store",
    },
  });
}

export async function GET(req: Request) {
  const params = new URL(req.url).searchParams;
  const unknown = unknownParams(params.keys(), fields, "GET /api/export");
  if (unknown) return unknown;
  return respond({ runs: params.get("runs") ?? "", embed: params.get("embed") ?? undefined });
}

export async function POST(req: Request) {
  const type = mediaType(req.headers.get("content-type"));
  if (type === "application/json") {
    const body = await readJson(req);
    if (!body.ok) return body.response;
    const keys = body.value && typeof body.value === "object" && !Array.isArray(body.value) ? Object.keys(body.value) : [];
    return unknownParams(keys, fields, "POST /api/export") ?? respond(body.value);
  }
  if (type !== "application/x-www-form-urlencoded" && type !== "multipart/form-data") {
    return Response.json({ error: "unsupported_media_type", message: "Send JSON or a form." }, { status: 415 });
  }
  const form = await req.formData().catch(() => null);
  const unknown = unknownParams(form?.keys() ?? [], fields, "POST /api/export");
  if (unknown) return unknown;
  return respond({ runs: form?.get("runs")?.toString() ?? "", embed: form?.get("embed")?.toString() || undefined });
}
