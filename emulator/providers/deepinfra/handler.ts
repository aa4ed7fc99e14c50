/**
 * DeepInfra: POST /v1/inference/stabilityai/sd3.5[-medium], `Authorization: bearer`, JSON in; JSON out with the
 * images as data URLs and the cost in `inference_status.cost` (USD). Errors are `{detail: {error}}`; a field error
 * is FastAPI's `{detail: [{loc, msg, type}]}`.
 */
import { performance } from "node:perf_hooks";
import { has, makePlan, type Plan } from "../../faults";
import { renderImage, type ImageSpec } from "../../images";
import { Checker } from "../../validate";
import { bearer, gone, hang, isObject, keyStatus, randomSeed64, rawIntegerText, sendJson, sendJsonText, sendTruncatedJson, stringifyWithBigSeed, trackRequest, uuid, wait, type Ctx } from "../../wire";
import { imageOwner } from "../../parity";

/** Dollars per image each model reports: sd3.5's model page price; Medium has none published, so the app's own
 * estimate (Stability's list price, lib/results/pricing.ts) stands in, and emulated figures agree with it. */
const PRICE_USD: Record<string, number> = { "stabilityai/sd3.5": 0.06, "stabilityai/sd3.5-medium": 0.035 };
const MODELS = new Set(Object.keys(PRICE_USD));
const SIZES: Record<string, readonly [number, number]> = {
  "1:1": [1024, 1024],
  "16:9": [1344, 768],
  "21:9": [1536, 640],
  "3:2": [1216, 832],
  "2:3": [832, 1216],
  "4:5": [896, 1088],
  "5:4": [1088, 896],
  "9:16": [768, 1344],
  "9:21": [640, 1536],
};

const fail = (ctx: Ctx, status: number, error: string, headers: Record<string, string> = {}) =>
  sendJson(ctx, status, { detail: { error } }, headers);

function earlyFault(ctx: Ctx, plan: Plan): boolean {
  if (has(plan, "401")) fail(ctx, 401, "Invalid or missing API token");
  else if (has(plan, "quota")) fail(ctx, 402, "Insufficient balance: add a payment method");
  else if (has(plan, "429")) fail(ctx, 429, "Rate limited: too many requests", { "retry-after": "10" });
  else return false;
  return true;
}

export async function handleDeepInfra(ctx: Ctx): Promise<void> {
  const m = /^\/v1\/inference\/(.+)$/.exec(ctx.path);
  if (!m || ctx.method !== "POST") return fail(ctx, 404, "Not found");
  if (keyStatus(bearer(ctx)) !== "ok") return fail(ctx, 401, "Invalid or missing API token");
  const model = decodeURIComponent(m[1] ?? "");
  if (!MODELS.has(model)) return fail(ctx, 404, `Model is not available: ${model}`);
  const body = ctx.json;
  if (!ctx.jsonOk || !isObject(body)) return fail(ctx, 400, "Request body must be JSON");

  trackRequest(ctx);
  const plan = makePlan(ctx.state.configFor("deepinfra"), "submit", body.prompt);
  if (plan.unknown.length) ctx.extraHeaders["x-emulator-unknown-directives"] = plan.unknown.join(",");
  if (earlyFault(ctx, plan)) return;

  const c = new Checker(body, { nullIsMissing: true });
  const prompt = c.string("prompt", { required: true, minLength: 1 });
  c.string("negative_prompt");
  const count = c.number("num_images", { integer: true, min: 1, max: 4 }) ?? 1;
  c.number("num_inference_steps", { integer: true, min: 1, max: 50 });
  c.number("guidance_scale", { min: 0, max: 20 });
  const aspect = c.oneOf("aspect_ratio", Object.keys(SIZES)) ?? "1:1";
  const seedNum = c.number("seed", { integer: true, min: 0 });
  // Below 2^64, read from the raw digits: a parsed number past 2^53 has lost the ones that decide it.
  const seedDigits = seedNum === undefined ? undefined : rawIntegerText(ctx.rawBody, "seed", seedNum);
  if (seedDigits !== undefined && /^\d+$/.test(seedDigits) && BigInt(seedDigits) > 2n ** 64n - 1n) {
    c.add("seed", "ensure this value is less than 18446744073709551616", "integer < 2^64", seedNum);
  }
  c.string("webhook");
  // vercel/ai sends width and height too; the model pages do not list them.
  c.number("width", { integer: true });
  c.number("height", { integer: true });
  const unknown = c.unknownFields();
  if (unknown.length) ctx.extraHeaders["x-emulator-unknown-fields"] = unknown.join(",");
  if (c.issues.length || prompt === undefined) {
    return sendJson(ctx, 422, {
      detail: c.issues.map((i) => ({ loc: ["body", i.field], msg: i.message, type: "value_error" })),
    });
  }
  // A synchronous API: a job that never finishes is a request that never answers, and a failed job a 500.
  if (has(plan, "hang", "never-finish")) return hang(ctx);
  if (has(plan, "500", "fail")) return fail(ctx, 500, "Internal server error");

  const started = performance.now();
  const seed = seedDigits ?? randomSeed64();
  const [width, height] = SIZES[aspect] ?? [1024, 1024];
  const specs: ImageSpec[] = Array.from({ length: count }, (_, i) => ({
    provider: imageOwner(ctx, "DeepInfra", model),
    prompt: `${prompt}${i ? ` #${i + 1}` : ""}`,
    seed,
    width,
    height,
    format: "png",
    quality: 90,
  }));
  const rendering = Promise.all(specs.map(renderImage));
  rendering.catch(() => undefined);
  if (!(await wait(ctx, plan.latencyMs)) || gone(ctx)) return;
  const images = await rendering;
  const nsfw = has(plan, "nsfw");
  const answer = {
    // A flagged image comes back black on the real API; the emulator keeps the picture and sets the flag.
    images: images.map((b) => `data:image/png;base64,${b.toString("base64")}`),
    nsfw_content_detected: images.map(() => nsfw),
    seed: 0,
    request_id: `RDI${uuid().replace(/-/g, "").slice(0, 20)}`,
    inference_status: {
      status: "succeeded",
      runtime_ms: Math.round(performance.now() - started),
      cost: Math.round(PRICE_USD[model]! * count * 1e6) / 1e6,
      tokens_generated: 0,
      tokens_input: 0,
    },
  };
  const text = stringifyWithBigSeed(answer, "seed", seed);
  if (has(plan, "malformed")) return sendTruncatedJson(ctx, text);
  sendJsonText(ctx, 200, text);
}
