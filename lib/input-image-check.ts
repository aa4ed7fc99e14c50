import "server-only";
import sharp from "sharp";
import { z } from "zod";
import { fieldMeta, type ImageLimits } from "@/lib/params/field-meta";

/*
 * What a model's schema cannot see in an uploaded input image: whether its bytes are an image at all, and its pixel
 * size against the provider's documented limits (a field's `imageLimits`). Read from the image header by sharp, on
 * the server only (the browser bundle stays zod-and-form only), before anything is stored or sent, so a too-small
 * image is refused on its field instead of by the provider after a round trip. Links (https://) are the provider's to
 * fetch and are not read here.
 */

const px = (n: number) => n.toLocaleString("en-US");

/** The problem with one image's size against `limits`, in words on the field; null when it fits. */
export function imageSizeProblem(label: string, size: { width: number; height: number }, limits: ImageLimits): string | null {
  const { width, height } = size;
  const actual = `this one is ${px(width)} × ${px(height)} px`;
  const subject = `The ${label.toLowerCase()}`;
  if (limits.minSide !== undefined && Math.min(width, height) < limits.minSide) {
    return `${subject} must be at least ${px(limits.minSide)} px on each side; ${actual}.`;
  }
  if (limits.maxSide !== undefined && Math.max(width, height) > limits.maxSide) {
    return `${subject} must be at most ${px(limits.maxSide)} px on each side; ${actual}.`;
  }
  if (limits.maxPixels !== undefined && width * height > limits.maxPixels) {
    return `${subject} must have at most ${px(limits.maxPixels)} pixels; ${actual} (${px(width * height)} pixels).`;
  }
  return null;
}

type Size = { width: number; height: number; format?: string };

async function metadataOf(bytes: Buffer): Promise<Size | null> {
  try {
    const meta = await sharp(bytes).metadata();
    return meta.width && meta.height ? { width: meta.width, height: meta.height, format: meta.format } : null;
  } catch {
    return null;
  }
}

/** Base64 characters of the image's first 256 KiB, where its header (and so its size) almost always is. */
const HEAD_CHARS = 4 * Math.floor((256 * 1024) / 3);

/**
 * A base64 data URL's pixel size and format from its header: the head of the image first (a 10 MB upload is not
 * decoded whole on every request), all of it when the header lies further in (a large metadata block first).
 */
async function readSize(dataUrl: string): Promise<Size | null> {
  const comma = dataUrl.indexOf(",");
  if (comma < 0 || !/;base64$/i.test(dataUrl.slice(0, comma))) return null;
  const payload = dataUrl.slice(comma + 1);
  if (payload.length > HEAD_CHARS) {
    const head = await metadataOf(Buffer.from(payload.slice(0, HEAD_CHARS), "base64"));
    if (head) return head;
  }
  return metadataOf(Buffer.from(payload, "base64"));
}

const readableFormats = new Set(["png", "jpeg", "webp"]);

/**
 * Field (prefixed with `prefix`) → message for every uploaded input image of `input` that is not a readable PNG, JPEG
 * or WebP image, or falls outside its field's documented pixel limits. Empty when all are fine.
 */
export async function inputImageProblems(schema: z.ZodObject, input: Record<string, unknown>, prefix = ""): Promise<Record<string, string>> {
  const problems: Record<string, string> = {};
  for (const [key, fieldSchema] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    const meta = fieldMeta.get(fieldSchema);
    if (meta?.widget !== "image") continue;
    const value = input[key];
    if (typeof value !== "string" || !value.startsWith("data:")) continue;
    const size = await readSize(value);
    const path = prefix ? `${prefix}.${key}` : key;
    if (!size || !size.format || !readableFormats.has(size.format)) {
      problems[path] = `The ${meta.label.toLowerCase()} could not be read as a PNG, JPEG or WebP image.`;
      continue;
    }
    const problem = meta.imageLimits && imageSizeProblem(meta.label, size, meta.imageLimits);
    if (problem) problems[path] = problem;
  }
  return problems;
}
