import "server-only";
import sharp from "sharp";
import { stripMetadata, UnsupportedImageFormatError } from "@/lib/metadata";
import type { SharedImageFile } from "@/lib/db/shares";
import { imageBytes, type Rendition } from "@/lib/storage/images";

/**
 * The one 404 every shared route gives, whether the token never existed, was revoked, or names something outside the
 * share: same status, same body, same headers.
 */
export function shareNotFound(): Response {
  return new Response("Not found", {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

/**
 * Bytes of a shared image. When the share hides the prompt, every text/EXIF/XMP block is removed (providers may have
 * embedded the prompt); a format the byte-level stripper does not know is re-encoded, which drops all metadata.
 */
export async function sharedImageBytes(image: SharedImageFile, size: Rendition | "original"): Promise<{ data: Uint8Array; mime: string }> {
  const { data: raw, mime } = await imageBytes(image, size);
  if (image.includePrompt) return { data: raw, mime };
  try {
    return { data: await stripMetadata(raw, mime), mime };
  } catch (error) {
    if (!(error instanceof UnsupportedImageFormatError)) throw error;
    return { data: new Uint8Array(await sharp(raw).png().toBuffer()), mime: "image/png" };
  }
}

export const PREVIEW_WIDTH = 1200;
export const PREVIEW_HEIGHT = 630;
const GAP = 8;
const BACKGROUND = { r: 10, g: 10, b: 10, alpha: 1 };

/**
 * The link-preview picture (1200×630, the size chat apps expect for a large card): one image filling the frame, or a
 * grid of the targets' first images. Re-encoded by sharp, so it carries no metadata at all.
 */
export async function previewImage(images: SharedImageFile[]): Promise<Uint8Array> {
  // Up to four images make one row of tiles taller than a thumbnail: start from the originals; more use thumbnails.
  const useOriginals = images.length <= 4;
  const sources = await Promise.all(images.map(async (img) => (await imageBytes(img, useOriginals ? "original" : "thumb")).data));
  const n = sources.length;
  if (n === 0) return placeholder();
  const rows = n > 4 ? 2 : 1;
  const cols = Math.max(1, Math.ceil(n / rows));
  const tileW = Math.floor((PREVIEW_WIDTH - GAP * (cols + 1)) / cols);
  const tileH = Math.floor((PREVIEW_HEIGHT - GAP * (rows + 1)) / rows);
  const single = n === 1;
  const tiles = await Promise.all(
    sources.map((src, i) =>
      sharp(src)
        .resize(single ? PREVIEW_WIDTH : tileW, single ? PREVIEW_HEIGHT : tileH, { fit: "cover", position: "centre" })
        .toBuffer()
        .then((input) => ({
          input,
          left: single ? 0 : GAP + (i % cols) * (tileW + GAP),
          top: single ? 0 : GAP + Math.floor(i / cols) * (tileH + GAP),
        })),
    ),
  );
  const out = await sharp({ create: { width: PREVIEW_WIDTH, height: PREVIEW_HEIGHT, channels: 4, background: BACKGROUND } })
    .composite(tiles)
    .jpeg({ quality: 82, mozjpeg: true })
    .toBuffer();
  return new Uint8Array(out);
}

/** Nothing finished yet: a quiet card rather than a broken preview. */
async function placeholder(): Promise<Uint8Array> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${PREVIEW_WIDTH}" height="${PREVIEW_HEIGHT}">
    <rect width="100%" height="100%" fill="#0a0a0a"/>
    <text x="50%" y="50%" fill="#a3a3a3" font-family="DejaVu Sans, sans-serif" font-size="40" text-anchor="middle"
      dominant-baseline="middle">SD3 Playground</text></svg>`;
  return new Uint8Array(await sharp(Buffer.from(svg)).jpeg({ quality: 82 }).toBuffer());
}
