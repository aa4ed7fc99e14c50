import { getActiveSharePreviewImages } from "@/lib/db/shares";
import { previewImage, shareNotFound } from "@/lib/share/serve";
import { isMissingImage, unreadableImage } from "@/lib/storage/backend";

export const dynamic = "force-dynamic";

/** The og:image / twitter:image of a shared link: 1200×630 JPEG without metadata. */
export async function GET(_req: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const images = await getActiveSharePreviewImages(token);
  if (!images) return shareNotFound();
  try {
    const data = await previewImage(images);
    return new Response(new Uint8Array(data), {
      headers: {
        "Content-Type": "image/jpeg",
        "Content-Length": String(data.byteLength),
        "Cache-Control": "public, max-age=0, must-revalidate",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (error) {
    // A store that failed still holds the images: 503, so a link preview is fetched again rather than dropped.
    if (!isMissingImage(error)) return unreadableImage(error, "share/preview");
    console.error("[share] preview could not be made", error);
    return shareNotFound();
  }
}
