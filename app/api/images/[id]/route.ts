import fs from "node:fs/promises";
import { imageFile } from "@/lib/db/generations";
import { ensureThumbnail, imagePath } from "@/lib/storage/images";

export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const thumb = new URL(req.url).searchParams.has("thumb");
  const row = await imageFile(id);
  if (!row) return new Response("Not found", { status: 404 });
  const etag = `"${row.sha256}${thumb ? "-t" : ""}"`;
  if (req.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers: { ETag: etag } });
  try {
    if (thumb) await ensureThumbnail(row.thumbFile, row.file);
    const data = await fs.readFile(imagePath(thumb ? row.thumbFile : row.file));
    return new Response(new Uint8Array(data), {
      headers: {
        "Content-Type": thumb ? "image/webp" : row.mime,
        "Content-Length": String(data.byteLength),
        // Content-addressed: the bytes behind an id never change.
        "Cache-Control": "private, max-age=31536000, immutable",
        ETag: etag,
      },
    });
  } catch {
    return new Response("Image file missing", { status: 404 });
  }
}
