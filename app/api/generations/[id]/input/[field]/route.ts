import { getGeneration } from "@/lib/db/generations";
import { decodeImageDataUrl } from "@/lib/input-images";
import { IMAGE_MIME_TYPES } from "@/lib/limits";

/** An uploaded input image of a generation, served from where it is stored (its input) so pages can link to it. */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string; field: string }> }) {
  const { id, field } = await params;
  const g = await getGeneration(id);
  const image = g && Object.hasOwn(g.input, field) ? decodeImageDataUrl(g.input[field], IMAGE_MIME_TYPES) : null;
  if (!image) return Response.json({ error: "not_found" }, { status: 404 });
  return new Response(image.bytes, {
    headers: {
      "Content-Type": image.mime,
      "Content-Length": String(image.bytes.byteLength),
      // A generation's input never changes.
      "Cache-Control": "private, max-age=31536000, immutable",
    },
  });
}
