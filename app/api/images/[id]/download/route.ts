import type { GenerationDTO, ImageDTO } from "@/lib/db/dto";
import { imageWithGeneration } from "@/lib/db/images";
import { detectImageFormat } from "@/lib/metadata";
import { embedForDownload } from "@/lib/metadata/settings-for-generation";
import { unreadableImage } from "@/lib/storage/backend";
import { readImage } from "@/lib/storage/images";
import { unknownParams } from "@/lib/http/query";

const EXTENSIONS: Record<string, string> = { png: "png", jpeg: "jpg", webp: "webp", "image/gif": "gif", "image/avif": "avif" };

/** `<provider>-<model>-<seed>.<ext>`, in characters every file system and browser accepts. */
function fileName(g: GenerationDTO, image: ImageDTO, bytes: Uint8Array) {
  const ext = EXTENSIONS[detectImageFormat(bytes, image.mime) ?? image.mime] ?? "bin";
  const parts = [g.provider, g.model, g.seed ?? "noseed", ...(g.images.length > 1 ? [String(image.index + 1)] : [])];
  return `${parts.join("-").replace(/[^A-Za-z0-9._-]+/g, "_")}.${ext}`;
}

/**
 * The stored original as an attachment: `meta=1` (default) with the generation's settings embedded (A1111
 * `parameters` + our JSON), `meta=0` with every text/EXIF metadata stripped. Pixels are never re-encoded.
 */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const query = new URL(req.url).searchParams;
  const refused = unknownParams(query.keys(), ["meta"], "An image download");
  if (refused) return refused;
  const meta = query.get("meta") ?? "1";
  // Anything else (`meta=false`) would otherwise embed the prompt in a file asked for without it.
  if (meta !== "0" && meta !== "1") {
    return Response.json({ error: "invalid_request", message: `"meta" is 1 (settings embedded, the default) or 0 (every metadata stripped), not "${meta.slice(0, 20)}".` }, { status: 400 });
  }
  const embed = meta === "1";
  const found = await imageWithGeneration(id);
  if (!found) return new Response("Not found", { status: 404 });
  let original: Uint8Array;
  try {
    original = await readImage(found.file);
  } catch (error) {
    return unreadableImage(error, "images/download");
  }
  const { image, generation } = found;
  const bytes = await embedForDownload(original, image.mime, generation, embed, image);
  const name = fileName(generation, image, bytes);
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": image.mime,
      "Content-Length": String(bytes.byteLength),
      "Content-Disposition": `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      "Cache-Control": "private, no-cache",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
