import { z } from "zod";
import { dataUrlBytes } from "@/lib/input-images";
import { MAX_IMAGE_BYTES } from "@/lib/limits";
import { formatBytes } from "@/lib/format";

const tooBig = `The image must be at most ${formatBytes(MAX_IMAGE_BYTES)}.`;

/**
 * An input image field: empty, or a value `accepted` allows (an upload as a data URL, or a URL where the provider
 * fetches one), of at most MAX_IMAGE_BYTES once decoded. The length cap comes first, so an oversized upload is refused
 * before any pattern runs over it.
 */
export function imageInput(accepted: (value: string) => boolean, unaccepted: string) {
  return z
    .string()
    .max(Math.ceil(MAX_IMAGE_BYTES / 3) * 4 + 100, tooBig)
    .refine((v) => v === "" || accepted(v), unaccepted)
    .refine((v) => !v.startsWith("data:") || dataUrlBytes(v) <= MAX_IMAGE_BYTES, tooBig)
    .optional();
}
