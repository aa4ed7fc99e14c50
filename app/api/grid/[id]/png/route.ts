import { z } from "zod";
import { exportGridPng } from "@/lib/grid/export";
import { ImageStoreError, unreadableImage } from "@/lib/storage/backend";

/** `GET /api/grid/<runId>/png`: the whole grid as one labelled PNG with its A1111 parameters embedded. */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const id = z.uuid().safeParse((await params).id);
  if (!id.success) return Response.json({ error: "not_found", message: "No such grid." }, { status: 404 });
  let png: Buffer | null;
  try {
    png = await exportGridPng(id.data);
  } catch (error) {
    if (error instanceof ImageStoreError) return unreadableImage(error.cause, "grid/png");
    throw error;
  }
  if (!png) return Response.json({ error: "not_found", message: "No such grid." }, { status: 404 });
  return new Response(new Uint8Array(png), {
    headers: {
      "Content-Type": "image/png",
      "Content-Disposition": `attachment; filename="grid-${id.data.slice(0, 8)}.png"`,
      "Cache-Control": "no-store",
    },
  });
}
