// Size limits shared by the form, the server actions, the API routes and the proxy, so they all agree. Client-safe.

const MiB = 1024 * 1024;

/** The largest input image (decoded file) the playground accepts, from the form, an action or the API. */
export const MAX_IMAGE_BYTES = 10 * MiB;

/**
 * The largest request body anything accepts: a JSON API body, a server action, or an image posted to
 * /api/settings-from-image. An input image travels as base64 in a data URL (4/3 of the file: 13.3 MiB at the
 * limit) next to the other fields, so 14 MiB lets every valid request through and refuses an 11 MiB image.
 * next.config.ts repeats this figure (serverActions.bodySizeLimit); lib/limits.test.ts keeps them equal.
 */
export const MAX_BODY_BYTES = 14 * MiB;

/** Free-text fields without a documented limit at the provider. */
export const MAX_TEXT_CHARS = 10_000;

/** Total text read out of one image's metadata (after decompression); a real settings block is a few kilobytes. */
export const MAX_METADATA_TEXT_BYTES = 1 * MiB;

/** The image types the playground accepts as input and reads settings from. */
export const IMAGE_MIME_TYPES = ["image/png", "image/jpeg", "image/webp"] as const;
