import "server-only";
import type { GenerationDTO, ImageDTO, RunDTO } from "@/lib/db/dto";
import { embedForDownload } from "@/lib/metadata/settings-for-generation";

/** One stored image on its way into a download, with what it was generated from. */
export interface DownloadImage {
  /** The original bytes exactly as stored. */
  bytes: Uint8Array;
  mime: string;
  image: ImageDTO;
  generation: GenerationDTO;
  run: RunDTO;
}

/**
 * Extension point: the bytes a person downloads for a stored image, as a single download gives them. With `embed`,
 * the generation's settings are written into a copy (A1111 `parameters` + our JSON, pixels untouched; see
 * lib/metadata/settings-for-generation.ts); without it, a copy with every text and EXIF metadata stripped. GIF/AVIF
 * originals come back as stored either way. Never changes the stored file.
 */
export async function imageBytesForDownload(image: DownloadImage, opts: { embed: boolean }): Promise<Uint8Array> {
  return embedForDownload(image.bytes, image.mime, image.generation, opts.embed, image.image);
}
