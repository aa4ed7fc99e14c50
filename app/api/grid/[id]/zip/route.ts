import { z } from "zod";
import { exportGridZip } from "@/lib/grid/export-zip";

/** `GET /api/grid/<runId>/zip`: every cell's images with their settings, and a manifest of the axes and cells. */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const id = z.uuid().safeParse((await params).id);
  if (!id.success) return Response.json({ error: "not_found", message: "No such grid." }, { status: 404 });
  const stream = await exportGridZip(id.data);
  if (!stream) return Response.json({ error: "not_found", message: "No such grid." }, { status: 404 });
  return new Response(stream, {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="grid-${id.data.slice(0, 8)}.zip"`,
      "Cache-Control": "no-store",
    },
  });
}
