import { imageFile } from "@/lib/db/generations";
import { unreadableImage } from "@/lib/storage/backend";
import { imageBytes, requestedSize } from "@/lib/storage/images";

export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const size = requestedSize(req.url);
  if (size instanceof Response) return size;
  const row = await imageFile(id);
  if (!row) return new Response("Not found", { status: 404 });
  const etag = `"${row.sha256}${size === "original" ? "" : `-${size}`}"`;
  if (req.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers: { ETag: etag } });
  try {
    const { data, mime } = await imageBytes(row, size);
    // The bytes as read (a Buffer over its own ArrayBuffer): not copied again.
    return new Response(data as Uint8Array<ArrayBuffer>, {
      headers: {
        "Content-Type": mime,
        "Content-Length": String(data.byteLength),
        // Content-addressed: the bytes behind an id never change.
        "Cache-Control": "private, max-age=31536000, immutable",
        ETag: etag,
      },
    });
  } catch (error) {
    return unreadableImage(error, "images");
  }
}
