/**
 * Segmind v1 (synchronous): POST /v1/<model-slug>, `x-api-key`, JSON in; raw image bytes out (base64:false, the
 * default) or JSON `{image, status, infer_time}` (base64:true). Accounting rides in x-* response headers.
 */
import { performance } from "node:perf_hooks";
import { has, makePlan, type Plan } from "../../faults";
import { contentTypeFor, renderImage, type ImageFormat, type ImageSpec } from "../../images";
import { Checker } from "../../validate";
import {
  garbageBytes,
  gone,
  hang,
  header,
  isObject,
  keyStatus,
  randomSeed32,
  rawIntegerText,
  sendBody,
  sendJson,
  sendTruncatedJson,
  trackRequest,
  uuid,
  wait,
  type Ctx,
} from "../../wire";
import { imageOwner } from "../../parity";

const SLUG = "stable-diffusion-3.5-large-txt2img";
const TURBO_SLUG = "stable-diffusion-3.5-turbo-txt2img";
const SD3_MEDIUM_SLUG = "stable-diffusion-3-medium-txt2img";

/** docs/providers/segmind.md, "Samplers": ComfyUI's late-2024 KSAMPLER_NAMES without ddim/uni_pc/uni_pc_bh2 (26 values). */
export const SEGMIND_SAMPLERS = [
  "euler", "euler_cfg_pp", "euler_ancestral", "euler_ancestral_cfg_pp", "heun", "heunpp2", "dpm_2", "dpm_2_ancestral",
  "lms", "dpm_fast", "dpm_adaptive", "dpmpp_2s_ancestral", "dpmpp_2s_ancestral_cfg_pp", "dpmpp_sde", "dpmpp_sde_gpu",
  "dpmpp_2m", "dpmpp_2m_cfg_pp", "dpmpp_2m_sde", "dpmpp_2m_sde_gpu", "dpmpp_3m_sde", "dpmpp_3m_sde_gpu", "ddpm", "lcm",
  "ipndm", "ipndm_v", "deis",
] as const;
export const SEGMIND_SCHEDULERS = ["sgm_uniform", "normal", "karras", "exponential", "simple", "ddim_uniform", "beta"] as const;
export const SEGMIND_ASPECT_RATIOS = [
  "custom",
  "1:1 square 1024x1024",
  "3:4 portrait 896x1152",
  "5:8 portrait 832x1216",
  "9:16 portrait 768x1344",
  "9:21 portrait 640x1536",
  "4:3 landscape 1152x896",
  "3:2 landscape 1216x832",
  "16:9 landscape 1344x768",
  "21:9 landscape 1536x640",
] as const;
const FORMATS = ["jpeg", "png", "webp"] as const;
/** The seed the SD3.5 Large page lists as its default (docs/providers/segmind.md, "Request fields"). */
const PAGE_DEFAULT_SEED = "98552302";
/**
 * USD per image in `x-cost`: the model pages show about $0.014 a run for SD3.5 Large and $0.039 for SD3 Medium;
 * Large Turbo's was not captured, so Stability's list price (4 credits) stands in.
 */
const COST_PER_IMAGE: Record<string, number> = { [SLUG]: 0.014, [TURBO_SLUG]: 0.04, [SD3_MEDIUM_SLUG]: 0.039 };

const err = (ctx: Ctx, status: number, error: string, headers: Record<string, string> = {}) =>
  sendJson(ctx, status, { error }, headers);

function presetSize(aspect: string): [number, number] | undefined {
  const m = /(\d+)x(\d+)$/.exec(aspect);
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

export async function handleSegmind(ctx: Ctx): Promise<void> {
  const m = /^\/v1\/([^/]+)\/?$/.exec(ctx.path);
  if (!m) return err(ctx, 404, "Not found");
  const slug = m[1] ?? "";
  if (slug !== SLUG && slug !== TURBO_SLUG && slug !== SD3_MEDIUM_SLUG) return err(ctx, 404, "Model not found");
  if (ctx.method !== "POST") {
    // Segmind answers 405 with an HTML page, not JSON.
    return sendBody(ctx, 405, "text/html; charset=utf-8", "<html><body><h1>405 Method Not Allowed</h1></body></html>");
  }
  const key = header(ctx, "x-api-key");
  const auth = keyStatus(key);
  if (auth === "missing" && !header(ctx, "authorization")) return err(ctx, 401, "Missing Authorization or x-api-key in header");
  if (auth !== "ok") return err(ctx, 401, "Unauthorized. API key is invalid");
  const started = performance.now();
  trackRequest(ctx);

  if (!/^application\/json\b/i.test(header(ctx, "content-type") ?? "")) return err(ctx, 406, "Invalid content type");
  const body = ctx.json;
  if (!ctx.jsonOk || !isObject(body)) return err(ctx, 400, "Invalid JSON body");

  const plan = makePlan(ctx.state.configFor("segmind"), "submit", body.prompt);
  if (plan.unknown.length) ctx.extraHeaders["x-emulator-unknown-directives"] = plan.unknown.join(",");
  if (has(plan, "401")) return err(ctx, 401, "Unauthorized. API key is invalid");
  if (has(plan, "quota")) return err(ctx, 406, "Not enough credits");
  if (has(plan, "429")) {
    return err(ctx, 429, "Rate limit exceeded", {
      "x-rate-limit-remaining": "0",
      "x-rate-limit-reset-at-utc": new Date(Date.now() + 30_000).toISOString(),
    });
  }

  const params = slug === SD3_MEDIUM_SLUG ? readSd3MediumParams(ctx, body) : readParams(ctx, body, slug === TURBO_SLUG ? 4 : 10);
  if (!params) return;
  const { prompt, seedNum, width, height, aspect, batch, format, quality, base64 } = params;

  if (has(plan, "hang", "never-finish")) return hang(ctx);
  // −1 is random [C3]; a seed left out is the page's default (98552302) on Large and Turbo, not a random one.
  const seed =
    seedNum === -1 || (seedNum === undefined && slug === SD3_MEDIUM_SLUG)
      ? randomSeed32()
      : seedNum === undefined
        ? PAGE_DEFAULT_SEED
        : rawIntegerText(ctx.rawBody, "seed", seedNum);
  const [w, h] = aspect === "custom" ? [width, height] : (presetSize(aspect) ?? [1024, 1024]);
  const returned = base64 && !has(plan, "short-batch") ? batch : 1;
  const specs: ImageSpec[] = Array.from({ length: returned }, (_, i) => ({
    provider: imageOwner(ctx, "Segmind", slug),
    prompt,
    seed,
    width: w,
    height: h,
    format,
    quality,
    index: i,
  }));
  // Render while the latency runs, so zero-latency overhead is the render alone.
  const rendering = Promise.all(specs.map(renderImage));
  rendering.catch(() => undefined);
  if (!(await wait(ctx, plan.latencyMs)) || gone(ctx)) return;
  if (has(plan, "500")) return err(ctx, 500, "Internal server error");
  if (has(plan, "fail")) return err(ctx, 500, "Inference failed");
  const images = await rendering;
  if (gone(ctx)) return;

  answer(ctx, plan, { images, seconds: (performance.now() - started) / 1000, batch, seed, base64, format, usdPerImage: COST_PER_IMAGE[slug]! });
}

/** The body checked as Segmind checks it; answers 422 and returns undefined when something is wrong. */
function readParams(ctx: Ctx, body: Record<string, unknown>, minSteps: number) {
  const c = new Checker(body);
  const prompt = c.string("prompt", { required: true, minLength: 1 });
  c.string("negative_prompt");
  // Turbo: the page's example runs 4 steps although its range says min 10 (docs/providers/segmind.md).
  c.number("steps", { integer: true, min: minSteps, max: 70 });
  c.number("guidance_scale", { min: 1, max: 15 });
  const seedNum = c.number("seed", { integer: true });
  c.oneOf("sampler", SEGMIND_SAMPLERS, { required: true });
  c.oneOf("scheduler", SEGMIND_SCHEDULERS, { required: true });
  const width = c.number("width", { integer: true, min: 64, max: 2048 }) ?? 1024;
  const height = c.number("height", { integer: true, min: 64, max: 2048 }) ?? 1024;
  const aspect = c.oneOf("aspect_ratio", SEGMIND_ASPECT_RATIOS) ?? "custom";
  const batch = c.number("batch_size", { integer: true, min: 1, max: 10 }) ?? 1;
  const format: ImageFormat = c.oneOf("image_format", FORMATS) ?? "jpeg";
  const quality = c.number("image_quality", { integer: true, min: 10, max: 100 }) ?? 95;
  const base64 = c.boolean("base64") ?? false;
  if (!checked(ctx, c, prompt)) return undefined;
  return { prompt, seedNum, width, height, aspect, batch, format, quality, base64 };
}

/** SD3 Medium's own schema (the model page's example); it answers a JPEG. */
function readSd3MediumParams(ctx: Ctx, body: Record<string, unknown>) {
  const c = new Checker(body);
  const prompt = c.string("prompt", { required: true, minLength: 1 });
  c.string("negative_prompt");
  const batch = c.number("samples", { integer: true, min: 1, max: 4 }) ?? 1;
  c.string("scheduler");
  c.number("num_inference_steps", { integer: true, min: 1, max: 100 });
  c.number("guidance_scale", { min: 1, max: 25 });
  c.number("denoise", { min: 0, max: 1 });
  const seedNum = c.number("seed", { integer: true });
  const width = c.number("img_width", { integer: true, min: 256, max: 2048 }) ?? 1024;
  const height = c.number("img_height", { integer: true, min: 256, max: 2048 }) ?? 1024;
  c.number("modelsamplingsd3_shift", { min: 0, max: 20 });
  c.number("conditioningsettimesteprange_start", { min: 0, max: 1 });
  c.number("conditioningsettimesteprange_stop", { min: 0, max: 1 });
  const base64 = c.boolean("base64") ?? false;
  if (!checked(ctx, c, prompt)) return undefined;
  return { prompt, seedNum, width, height, aspect: "custom", batch, format: "jpeg" as ImageFormat, quality: 95, base64 };
}

/** Answers 422 with every issue when the body has any; unknown fields are reported in a header. */
function checked(ctx: Ctx, c: Checker, prompt: string | undefined): prompt is string {
  const unknown = c.unknownFields();
  if (unknown.length) ctx.extraHeaders["x-emulator-unknown-fields"] = unknown.join(",");
  if (c.issues.length || prompt === undefined) {
    const msg = c.issues.map((i) => `${i.field}: ${i.message} (expected ${i.expected}, received ${i.received})`).join("; ");
    err(ctx, 422, msg);
    return false;
  }
  return true;
}

/** The success answer: raw image bytes, or base64 JSON when asked, with Segmind's accounting headers. */
function answer(
  ctx: Ctx,
  plan: Plan,
  r: { images: Buffer[]; seconds: number; batch: number; seed: string; base64: boolean; format: ImageFormat; usdPerImage: number },
): void {
  const { images, seconds, batch, seed, base64, format } = r;
  const cost = r.usdPerImage * batch;
  const credits = (ctx.state.credits.segmind = Math.max(0, ctx.state.credits.segmind - cost));
  const headers = {
    "x-remaining-credits": credits.toFixed(4),
    "x-cost": cost.toFixed(4),
    "x-generation-time": seconds.toFixed(3),
    "x-seed-value": seed,
    "x-request-id": uuid(),
    "x-rate-limit-remaining": String(Math.max(0, 50 - ctx.state.recentRequests("segmind"))),
  };

  if (base64) {
    const encoded = images.map((b) => b.toString("base64"));
    const text = JSON.stringify({ image: encoded.length === 1 ? encoded[0] : encoded, status: "Success", infer_time: Number(seconds.toFixed(3)) });
    if (has(plan, "malformed")) return sendTruncatedJson(ctx, text, headers);
    return sendBody(ctx, 200, "application/json", text, headers);
  }
  if (has(plan, "malformed")) return sendBody(ctx, 200, "image/png", garbageBytes(), headers);
  // batch_size > 1 without base64 is undocumented; answer with the first image.
  sendBody(ctx, 200, contentTypeFor(format), images[0] ?? Buffer.alloc(0), headers);
}
