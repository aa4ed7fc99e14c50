/**
 * AI/ML API: POST /v1/images/generations, `Authorization: Bearer <key>`, synchronous JSON.
 *
 * The docs show two response shapes; the emulator answers with both, deterministically:
 *  - stable-diffusion-v35-large: HTTP 200 `{data:[{url,b64_json}], meta:{usage:{credits_used}}}` (OpenAPI at HEAD)
 *  - stable-diffusion-v3-medium: HTTP 201 fal shape `{images, timings, seed, has_nsfw_concepts, prompt, num_images}`
 *    (the doc examples; 201 from the older OpenAPI copy).
 * `[[emulate:shape:data]]` / `[[emulate:shape:images]]` force either; `nsfw` forces the fal shape with flags set.
 */
import { performance } from "node:perf_hooks";
import { has, makePlan, type Plan } from "../../faults";
import { prewarmImage, type ImageFormat } from "../../images";
import { Checker, type Issue } from "../../validate";
import {
  bearer,
  gone,
  hang,
  isObject,
  keyStatus,
  randomSeed64,
  rawIntegerText,
  sendJson,
  sendJsonText,
  sendTruncatedJson,
  stringifyWithBigSeed,
  trackRequest,
  uuid,
  wait,
  type Ctx,
} from "../../wire";
import { imageOwner } from "../../parity";

const PATH = "/v1/images/generations";
const MODELS = ["stable-diffusion-v35-large", "stable-diffusion-v3-medium"] as const;
type Model = (typeof MODELS)[number];
const SIZE_PRESETS = {
  square_hd: [1024, 1024],
  square: [512, 512],
  portrait_4_3: [768, 1024],
  portrait_16_9: [576, 1024],
  landscape_4_3: [1024, 768],
  landscape_16_9: [1024, 576],
} as const satisfies Record<string, readonly [number, number]>;
type SizePreset = keyof typeof SIZE_PRESETS;
const PRESET_NAMES = Object.keys(SIZE_PRESETS) as SizePreset[];
const CREDITS_PER_IMAGE: Record<Model, number> = { "stable-diffusion-v35-large": 136500, "stable-diffusion-v3-medium": 73500 };

const MESSAGES = {
  401: "This request requires a valid API key. You can create a new API key on the Billing page: https://aimlapi.com/app/keys",
  403: "You've run out of credits. Please top up your balance or update your payment method to continue: https://aimlapi.com/app/billing/",
  429: "Too Many Requests",
  500: "Internal server error",
  fail: "Something wrong with the server. Please, try again later.",
};

function sendError(ctx: Ctx, status: number, message: string, headers: Record<string, string> = {}): void {
  sendJson(
    ctx,
    status,
    { message, path: ctx.path, requestId: uuid(), statusCode: status, timestamp: new Date().toISOString() },
    headers,
  );
}

interface Request {
  model: Model;
  prompt: string;
  numImages: number;
  seed: string | undefined;
  width: number;
  height: number;
  format: ImageFormat;
}

function validate(ctx: Ctx, body: Record<string, unknown>): { req?: Request; issues: Issue[]; unknown: string[] } {
  const c = new Checker(body);
  const model = c.oneOf("model", MODELS, { required: true });
  const prompt = c.string("prompt", { required: true, maxLength: 4000 });
  const numImages = c.number("num_images", { integer: true, min: 1, max: 4 });
  const seed = c.number("seed", { integer: true, min: 1 });
  c.string("negative_prompt");
  c.number("guidance_scale", { min: 1, max: 20 });
  c.number("num_inference_steps", { integer: true, min: 1, max: 50 });
  c.boolean("enable_safety_checker");
  let format: ImageFormat = "jpeg";
  if (model === "stable-diffusion-v3-medium") {
    c.boolean("prompt_expansion");
    c.forbidden("output_format", `for model 'stable-diffusion-v3-medium'`);
  } else if (model === "stable-diffusion-v35-large") {
    format = c.oneOf("output_format", ["jpeg", "png"] as const) ?? "jpeg";
    c.forbidden("prompt_expansion", `for model 'stable-diffusion-v35-large'`);
  } else {
    c.allow("output_format", "prompt_expansion");
  }

  let width = 1024;
  let height = 1024;
  const size = body.image_size;
  c.allow("image_size");
  if (typeof size === "string") {
    if ((PRESET_NAMES as string[]).includes(size)) [width, height] = SIZE_PRESETS[size as SizePreset];
    else c.oneOf("image_size", PRESET_NAMES);
  } else if (isObject(size)) {
    const sc = new Checker(size, {}, "image_size.");
    width = sc.number("width", { integer: true, min: 64, max: 1536, multipleOf: 32 }) ?? 1024;
    height = sc.number("height", { integer: true, min: 64, max: 1536, multipleOf: 32 }) ?? 768;
    c.issues.push(...sc.issues);
  } else if (size !== undefined) {
    c.add("image_size", "Invalid input", `{ width, height } | ${PRESET_NAMES.map((p) => `'${p}'`).join(" | ")}`, size);
  }

  if (c.issues.length || !model || prompt === undefined) return { issues: c.issues, unknown: c.unknownFields() };
  return {
    req: {
      model,
      prompt,
      numImages: numImages ?? 1,
      seed: seed === undefined ? undefined : rawIntegerText(ctx.rawBody, "seed", seed),
      width,
      height,
      format,
    },
    issues: [],
    unknown: c.unknownFields(),
  };
}

function validationMessage(issues: Issue[]): string {
  const details = issues.map((i) => `[${i.field}] ${i.message}. Expected ${i.expected}, Received ${i.received}`);
  return `Body validation error! ${details.join("; ")}`;
}

export async function handleAimlapi(ctx: Ctx): Promise<void> {
  if (ctx.path !== PATH || ctx.method !== "POST") {
    sendJson(ctx, 404, { message: `Cannot ${ctx.method} ${ctx.path}`, error: "Not Found", statusCode: 404 });
    return;
  }
  if (keyStatus(bearer(ctx)) !== "ok") return sendError(ctx, 401, MESSAGES[401]);
  const started = performance.now();
  trackRequest(ctx);

  const body = ctx.json;
  if (!ctx.jsonOk || !isObject(body)) {
    return sendError(ctx, 400, `Body validation error! Expected object, Received ${ctx.jsonOk ? typeof body : "invalid JSON"}`);
  }
  const plan = makePlan(ctx.state.configFor("aimlapi"), "submit", body.prompt);
  if (plan.unknown.length) ctx.extraHeaders["x-emulator-unknown-directives"] = plan.unknown.join(",");
  if (has(plan, "401")) return sendError(ctx, 401, MESSAGES[401]);
  if (has(plan, "quota")) return sendError(ctx, 403, MESSAGES[403]);
  if (has(plan, "429")) return sendError(ctx, 429, MESSAGES[429], { "retry-after": "30" });

  const { req, issues, unknown } = validate(ctx, body);
  if (unknown.length) ctx.extraHeaders["x-emulator-unknown-fields"] = unknown.join(",");
  if (!req) return sendError(ctx, 400, validationMessage(issues));

  if (has(plan, "hang", "never-finish")) return hang(ctx);
  if (!(await wait(ctx, plan.latencyMs)) || gone(ctx)) return;
  if (has(plan, "500")) return sendError(ctx, 500, MESSAGES[500]);
  if (has(plan, "fail")) return sendError(ctx, 500, MESSAGES.fail);

  respond(ctx, req, plan, (performance.now() - started) / 1000);
}

function respond(ctx: Ctx, req: Request, plan: Plan, seconds: number): void {
  const expired = has(plan, "expired-url");
  const seed = req.seed ?? randomSeed64();
  const ext = req.format;
  const urls: string[] = [];
  for (let i = 0; i < req.numImages; i++) {
    const spec = { provider: imageOwner(ctx, "AI/ML API", req.model), prompt: req.prompt, seed, width: req.width, height: req.height, format: req.format, index: i };
    urls.push(ctx.state.addFile(ctx.baseUrl, spec, ext, { expired }));
    if (!expired) prewarmImage(spec);
  }

  const falShape = has(plan, "shape:images", "nsfw") || (!has(plan, "shape:data") && req.model === "stable-diffusion-v3-medium");
  let status: number;
  let text: string;
  if (falShape) {
    status = 201;
    const nsfw = has(plan, "nsfw");
    text = stringifyWithBigSeed(
      {
        images: urls.map((url) => ({ url, width: req.width, height: req.height, content_type: `image/${req.format}` })),
        timings: { inference: Math.max(0.05, seconds) },
        seed: 0,
        has_nsfw_concepts: urls.map(() => nsfw),
        prompt: req.prompt,
        // Only v3-medium's example carries it (providers.md section 1); v35-large's has no num_images.
        ...(req.model === "stable-diffusion-v3-medium" ? { num_images: req.numImages } : {}),
      },
      "seed",
      seed,
    );
  } else {
    status = 200;
    text = JSON.stringify({
      data: urls.map((url) => ({ url, b64_json: null })),
      meta: { usage: { credits_used: CREDITS_PER_IMAGE[req.model] * req.numImages } },
    });
  }
  if (has(plan, "malformed")) return sendTruncatedJson(ctx, text);
  sendJsonText(ctx, status, text);
}
