import { getActiveSharedImage } from "@/lib/db/shares";
import { sharedImageBytes, shareNotFound } from "@/lib/share/serve";
import { isMissingImage, unreadableImage } from "@/lib/storage/backend";
import { requestedSize } from "@/lib/storage/images";

export const dynamic = "force-dynamic";

/** An image of a shared generation or run, while the share is active; metadata stripped when the prompt is hidden. */
export async function GET(req: Request, { params }: { params: Promise<{ token: string; imageId: string }> }) {
  const { token, imageId } = await params;
  const size = requestedSize(req.url);
  if (size instanceof Response) return size;
  const image = await getActiveSharedImage(token, imageId);
  if (!image) return shareNotFound();
  const etag = `"${image.sha256}${size === "original" ? "" : `-${size}`}${image.includePrompt ? "" : "-s"}"`;
  // Revalidated on every use (no-cache), so a revoked link stops serving from the browser's cache as well.
  const cacheControl = "private, no-cache";
  if (req.headers.get("if-none-match") === etag) {
    return new Response(null, { status: 304, headers: { ETag: etag, "Cache-Control": cacheControl } });
  }
  try {
    const { data, mime } = await sharedImageBytes(image, size);
    return new Response(new Uint8Array(data), {
      headers: {
        "Content-Type": mime,
        "Content-Length": String(data.byteLength),
        "Cache-Control": cacheControl,
        ETag: etag,
        "X-Content-Type-Options": "nosniff",
        "X-Robots-Tag": "noindex",
      },
    });
  } catch (error) {
    // Gone: the share's one 404. A store that failed still holds the image: 503, so the viewer tries again.
    if (!isMissingImage(error)) return unreadableImage(error, "share/image");
    console.error("[share] image file missing", error);
    return shareNotFound();
  }
}
