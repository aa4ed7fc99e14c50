import { MetadataTooLargeError, readSettings } from "@/lib/metadata";
import { mediaType, readBytes } from "@/lib/http/body";
import { IMAGE_MIME_TYPES, MAX_IMAGE_BYTES, MAX_METADATA_TEXT_BYTES } from "@/lib/limits";
import { formatBytes } from "@/lib/format";

/**
 * The settings embedded in an image (our JSON and/or A1111 `parameters`), read on the server because the PNG reader
 * uses node:zlib for compressed text chunks. The body is the file itself, with its image Content-Type (which a
 * cross-site no-cors request cannot send). Mapping onto a form happens in the browser.
 */
export async function POST(req: Request) {
  if (!(IMAGE_MIME_TYPES as readonly string[]).includes(mediaType(req.headers.get("content-type")))) {
    return Response.json(
      { error: "unsupported_media_type", message: "Send the image itself (Content-Type: image/png, image/jpeg or image/webp)." },
      { status: 415 },
    );
  }
  const body = await readBytes(req, MAX_IMAGE_BYTES);
  if (!body.ok) return body.response;
  try {
    const found = await readSettings(body.value);
    return Response.json({ a1111: found.a1111 ?? null, json: found.json ?? null });
  } catch (error) {
    if (!(error instanceof MetadataTooLargeError)) throw error;
    return Response.json(
      { error: "metadata_too_large", message: `The image carries more than ${formatBytes(MAX_METADATA_TEXT_BYTES)} of text.` },
      { status: 413 },
    );
  }
}
