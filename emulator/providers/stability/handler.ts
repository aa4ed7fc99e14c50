/**
 * Stability AI v2beta: POST /v2beta/stable-image/generate/sd3, `Authorization: Bearer`, multipart/form-data only
 * (a JSON body is a 400). `Accept: image/*` answers raw bytes with `seed` and `finish-reason` headers;
 * `Accept: application/json` answers `{image, finish_reason, seed}`. Errors are `{id, name, errors: [...]}`.
 */
import { performance } from "node:perf_hooks";
import sharp from "sharp";
import { has, makePlan } from "../../faults";
import { contentTypeFor, renderImage, type ImageFormat } from "../../images";
import { Checker } from "../../validate";
import { bearer, garbageBytes, gone, hang, header, keyStatus, randomSeed32, sendBody, sendJson, sendTruncatedJson, trackRequest, uuid, wait, type Ctx } from "../../wire";
import { imageOwner } from "../../parity";

const MODELS = ["sd3.5-large", "sd3.5-large-turbo", "sd3.5-medium", "sd3-large", "sd3-large-turbo", "sd3-medium"] as const;
const CREDITS: Record<(typeof MODELS)[number], number> = {
  "sd3.5-large": 6.5,
  "sd3.5-large-turbo": 4,
  "sd3.5-medium": 3.5,
  "sd3-large": 6.5,
  "sd3-large-turbo": 4,
  "sd3-medium": 3.5,
};
/** 1 MP per aspect ratio, as SD3 outputs them. */
const SIZES = {
  "21:9": [1536, 640],
  "16:9": [1344, 768],
  "3:2": [1216, 832],
  "5:4": [1088, 896],
  "1:1": [1024, 1024],
  "4:5": [896, 1088],
  "2:3": [832, 1216],
  "9:16": [768, 1344],
  "9:21": [640, 1536],
} as const satisfies Record<string, readonly [number, number]>;
const ASPECTS = Object.keys(SIZES) as (keyof typeof SIZES)[];
const MAX_SEED = 4_294_967_294;
const MIN_IMAGE_SIDE = 64;

/** An uploaded file's pixel size, or undefined when it is not an image sharp can read. */
async function imageSize(file: File): Promise<{ width: number; height: number } | undefined> {
  try {
    const meta = await sharp(Buffer.from(await file.arrayBuffer())).metadata();
    return meta.width && meta.height ? { width: meta.width, height: meta.height } : undefined;
  } catch {
    return undefined;
  }
}

/** The input image's size; [C] "every side ≥ 64 px", and an upload that is not an image is refused the same way. */
async function checkedImage(c: Checker, image: File): Promise<{ width: number; height: number } | undefined> {
  const size = await imageSize(image);
  if (!size) c.add("image", "could not be read as an image", "png | jpeg | webp", "(file)");
  else if (size.width < MIN_IMAGE_SIDE || size.height < MIN_IMAGE_SIDE) {
    c.add("image", `every side must be at least ${MIN_IMAGE_SIDE} pixels`, `>= ${MIN_IMAGE_SIDE}x${MIN_IMAGE_SIDE}`, `${size.width}x${size.height}`);
  }
  return size;
}

/** About one megapixel at `ratio` (width / height), each side a multiple of 64. */
function oneMegapixel(ratio: number): [number, number] {
  const side = (n: number) => Math.max(64, Math.round(n / 64) * 64);
  return [side(Math.sqrt(1024 * 1024 * ratio)), side(Math.sqrt((1024 * 1024) / ratio))];
}

const fail = (ctx: Ctx, status: number, name: string, errors: string[], headers: Record<string, string> = {}) =>
  sendJson(ctx, status, { id: uuid().replace(/-/g, ""), name, errors }, headers);

export async function handleStability(ctx: Ctx): Promise<void> {
  if (ctx.path !== "/v2beta/stable-image/generate/sd3") return fail(ctx, 404, "not_found", ["The requested resource was not found."]);
  if (ctx.method !== "POST") return fail(ctx, 405, "method_not_allowed", ["Only POST is allowed."]);
  if (ctx.bodyBytes > 10 * 1024 * 1024) return fail(ctx, 413, "payload_too_large", ["body: larger than 10MiB"]);
  const auth = keyStatus(bearer(ctx));
  if (auth === "missing") return fail(ctx, 401, "unauthorized", ["authorization: missing authorization header"]);
  if (auth !== "ok") return fail(ctx, 401, "unauthorized", ["authorization: invalid API key"]);
  const started = performance.now();
  trackRequest(ctx);

  if (!/^multipart\/form-data\b/i.test(header(ctx, "content-type") ?? "")) {
    return fail(ctx, 400, "bad_request", ["content-type: must be multipart/form-data"]);
  }
  const form = ctx.form;
  if (!form) return fail(ctx, 400, "bad_request", ["body: could not parse multipart/form-data"]);
  const fields: Record<string, unknown> = {};
  let image: File | undefined;
  for (const [name, value] of form.entries()) {
    if (typeof value === "string") fields[name] = value;
    else if (name === "image") image = value;
    else fields[name] = "(file)";
  }

  const plan = makePlan(ctx.state.configFor("stability"), "submit", fields.prompt);
  if (plan.unknown.length) ctx.extraHeaders["x-emulator-unknown-directives"] = plan.unknown.join(",");
  if (has(plan, "401")) return fail(ctx, 401, "unauthorized", ["authorization: invalid API key"]);
  if (has(plan, "quota")) return fail(ctx, 402, "payment_required", ["You lack sufficient credits to make this request."]);
  if (has(plan, "429")) return fail(ctx, 429, "rate_limit_exceeded", ["You have exceeded the rate limit of 150 requests within a 10 second period."]);
  if (has(plan, "moderation")) {
    return fail(ctx, 403, "content_moderation", ["Your request was flagged by our content moderation system, as a result your request was denied and you were not charged."]);
  }

  const c = new Checker(fields, { numericStrings: true });
  const prompt = c.string("prompt", { required: true, minLength: 1, maxLength: 10_000 });
  const mode = c.oneOf("mode", ["text-to-image", "image-to-image"] as const) ?? "text-to-image";
  const model = c.oneOf("model", MODELS) ?? "sd3.5-large";
  const aspect = c.oneOf("aspect_ratio", ASPECTS) ?? "1:1";
  const seedNum = c.number("seed", { integer: true, min: 0, max: MAX_SEED }) ?? 0;
  const format: ImageFormat = c.oneOf("output_format", ["png", "jpeg"] as const) ?? "png";
  c.number("cfg_scale", { min: 1, max: 10 });
  c.string("negative_prompt", { maxLength: 10_000 });
  const strength = c.number("strength", { min: 0, max: 1 });
  c.allow("image");
  const input = image ? await checkedImage(c, image) : undefined;
  if (mode === "image-to-image") {
    if (!image) c.missing("image", "binary");
    if (strength === undefined) c.missing("strength", "number");
    if (fields.aspect_ratio !== undefined) c.add("aspect_ratio", "is not allowed with image-to-image", "absent", fields.aspect_ratio);
  } else if (image) {
    c.add("image", "is only allowed with mode image-to-image", "absent", "(file)");
  }
  if (model === "sd3-large-turbo" && fields.negative_prompt !== undefined) {
    c.add("negative_prompt", "does not work with sd3-large-turbo", "absent", fields.negative_prompt);
  }
  const unknown = c.unknownFields();
  if (unknown.length) ctx.extraHeaders["x-emulator-unknown-fields"] = unknown.join(",");
  if (c.issues.length || prompt === undefined) {
    return fail(ctx, 400, "bad_request", c.issues.map((i) => `${i.field}: ${i.message}`));
  }

  if (has(plan, "hang", "never-finish")) return hang(ctx);
  const seed = seedNum === 0 ? randomSeed32() : String(seedNum);
  // Image-to-image keeps the input's shape at about 1 MP (aspect_ratio is text-to-image only).
  const [width, height] = input ? oneMegapixel(input.width / input.height) : SIZES[aspect];
  const rendering = renderImage({ provider: imageOwner(ctx, "Stability AI", model), prompt, seed, width, height, format, quality: 90 });
  rendering.catch(() => undefined);
  if (!(await wait(ctx, plan.latencyMs)) || gone(ctx)) return;
  if (has(plan, "500", "fail")) return fail(ctx, 500, "internal_error", ["An unexpected server error has occurred, please try again later."]);
  const bytes = await rendering;
  if (gone(ctx)) return;

  const finishReason = has(plan, "nsfw") ? "CONTENT_FILTERED" : "SUCCESS";
  ctx.state.credits.stability = Math.max(0, ctx.state.credits.stability - CREDITS[model]);
  const requestId = uuid().replace(/-/g, "");
  ctx.extraHeaders["x-emulator-generation-seconds"] = ((performance.now() - started) / 1000).toFixed(3);
  if (/application\/json/i.test(header(ctx, "accept") ?? "")) {
    const text = JSON.stringify({ image: bytes.toString("base64"), finish_reason: finishReason, seed: Number(seed) });
    const headers = { "x-request-id": requestId };
    if (has(plan, "malformed")) return sendTruncatedJson(ctx, text, headers);
    return sendBody(ctx, 200, `application/json; type=${contentTypeFor(format)}`, text, headers);
  }
  const headers = { "finish-reason": finishReason, seed, "x-request-id": requestId };
  if (has(plan, "malformed")) return sendBody(ctx, 200, contentTypeFor(format), garbageBytes(), headers);
  sendBody(ctx, 200, contentTypeFor(format), bytes, headers);
}
