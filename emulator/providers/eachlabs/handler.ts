/**
 * Eachlabs: POST /v1/prediction[/] creates, GET /v1/prediction/{id} polls, POST /v1/prediction/{id}/cancel cancels.
 * Auth `X-API-Key` (model pages) or `Authorization: Bearer` (authentication page): both accepted.
 */
import { has, makePlan, type Plan } from "../../faults";
import { cancelJob, jobPhase, readyAt, startJob } from "../../jobs";
import { prewarmImage, type ImageFormat } from "../../images";
import type { Job } from "../../state";
import { Checker } from "../../validate";
import {
  bearer,
  hang,
  header,
  isObject,
  keyStatus,
  randomSeed32,
  rawIntegerText,
  sendJson,
  sendTruncatedJson,
  uuid,
  type Ctx,
} from "../../wire";
import { imageOwner } from "../../parity";

/**
 * Steps range per model slug (Large and Medium 1–50; Turbo 1–10, as the playground assumes), and the USD cost reported
 * in `metrics.cost`: Medium is documented at a fixed $0.035 per execution; Large and Large Turbo were not captured, so
 * Stability's list prices (6.5 and 4 credits) stand in.
 */
const MODELS: Record<string, { maxSteps: number; costUsd: number }> = {
  "stable-diffusion-3.5-large": { maxSteps: 50, costUsd: 0.065 },
  "stable-diffusion-3.5-large-turbo": { maxSteps: 10, costUsd: 0.04 },
  "stable-diffusion-3.5-medium": { maxSteps: 50, costUsd: 0.035 },
};
const VERSION = "0.0.1";
/** SD3-family ~1 MP resolutions per aspect ratio. */
const SIZES = {
  "1:1": [1024, 1024],
  "16:9": [1344, 768],
  "21:9": [1536, 640],
  "3:2": [1216, 832],
  "2:3": [832, 1216],
  "4:5": [896, 1088],
  "5:4": [1088, 896],
  "3:4": [896, 1152],
  "4:3": [1152, 896],
  "9:16": [768, 1344],
  "9:21": [640, 1536],
} as const satisfies Record<string, readonly [number, number]>;
type Aspect = keyof typeof SIZES;
const ASPECTS = Object.keys(SIZES) as Aspect[];
const FORMATS = ["webp", "jpg", "png"] as const;
const FORMAT_OF: Record<(typeof FORMATS)[number], ImageFormat> = { webp: "webp", jpg: "jpeg", png: "png" };

const err = (ctx: Ctx, status: number, error: string, headers: Record<string, string> = {}) =>
  sendJson(ctx, status, { error }, headers);

/** 401/quota/429/500/hang/malformed shared by create and poll; returns true when the request was answered. */
function earlyFault(ctx: Ctx, plan: Plan): boolean {
  if (has(plan, "401")) err(ctx, 401, "Invalid or missing API key");
  else if (has(plan, "quota")) err(ctx, 403, "Insufficient balance");
  else if (has(plan, "429")) err(ctx, 429, "Rate limit exceeded. Please retry after 60 seconds.", { "retry-after": "60" });
  else return false;
  return true;
}

export async function handleEachlabs(ctx: Ctx): Promise<void> {
  const create = /^\/v1\/prediction\/?$/.test(ctx.path);
  const get = /^\/v1\/prediction\/([^/]+)\/?$/.exec(ctx.path);
  const cancel = /^\/v1\/prediction\/([^/]+)\/cancel\/?$/.exec(ctx.path);
  if (!(create && ctx.method === "POST") && !(get && ctx.method === "GET") && !(cancel && ctx.method === "POST")) {
    return err(ctx, 404, "Not found");
  }
  if (keyStatus(header(ctx, "x-api-key") ?? bearer(ctx)) !== "ok") return err(ctx, 401, "Invalid or missing API key");
  if (create) return createPrediction(ctx);
  const id = decodeURIComponent((get ?? cancel)?.[1] ?? "");
  const job = ctx.state.jobs.get(id);
  if (cancel) {
    if (!job || job.provider !== "eachlabs") return err(ctx, 404, "Prediction not found");
    const phase = jobPhase(job);
    if (phase === "done" || phase === "cancelled") return err(ctx, 400, "Prediction is already finished");
    cancelJob(job);
    return sendJson(ctx, 200, { status: "success", message: "Prediction cancelled successfully" });
  }
  const plan = makePlan(ctx.state.configFor("eachlabs"), "poll", undefined);
  if (earlyFault(ctx, plan)) return;
  if (has(plan, "hang", "never-finish")) return hang(ctx);
  if (has(plan, "500", "fail")) return err(ctx, 500, "Internal server error");
  if (!job || job.provider !== "eachlabs") return err(ctx, 404, "Prediction not found");
  const text = JSON.stringify(view(ctx, job));
  if (has(plan, "malformed")) return sendTruncatedJson(ctx, text);
  sendJson(ctx, 200, JSON.parse(text));
}

function view(ctx: Ctx, job: Job) {
  const phase = jobPhase(job);
  const self = `${ctx.baseUrl}/eachlabs/v1/prediction/${job.id}`;
  const seconds = Number.isFinite(job.durationMs) ? Math.max(0.01, job.durationMs / 1000) : null;
  const base = { id: job.id, input: job.input, logs: null, urls: { cancel: `${self}/cancel`, get: self } };
  switch (phase) {
    case "queued":
    case "starting":
    case "running":
      return { ...base, status: ({ queued: "created", starting: "starting", running: "processing" } as const)[phase], output: null, metrics: { predict_time: null, cost: null } };
    case "cancelled":
      return { ...base, status: "cancelled", output: null, metrics: { predict_time: null, cost: 0 } };
    case "done":
      if (job.outcome === "fail") {
        return { ...base, status: "error", output: { error_code: "PROVIDER_FAILED", error_message: "The model provider failed to generate the image." }, metrics: { predict_time: seconds, cost: 0 } };
      }
      if (job.outcome === "nsfw") {
        return { ...base, status: "error", output: { error_code: "PROVIDER_REJECTED", error_message: "The request was rejected by the content safety checker." }, metrics: { predict_time: seconds, cost: 0 } };
      }
      return { ...base, status: "success", output: job.urls[0] ?? null, metrics: { predict_time: seconds, cost: MODELS[job.model ?? ""]?.costUsd ?? null } };
  }
}

function createPrediction(ctx: Ctx): void {
  const body = ctx.json;
  if (!ctx.jsonOk || !isObject(body)) return err(ctx, 400, "Invalid request body");
  const input = isObject(body.input) ? body.input : undefined;
  const plan = makePlan(ctx.state.configFor("eachlabs"), "submit", input?.prompt);
  if (plan.unknown.length) ctx.extraHeaders["x-emulator-unknown-directives"] = plan.unknown.join(",");
  if (earlyFault(ctx, plan)) return;

  for (const field of ["model", "version", "input"] as const) {
    if (body[field] === undefined || body[field] === null || body[field] === "") return err(ctx, 400, `${field} field is required`);
  }
  const rules = typeof body.model === "string" ? MODELS[body.model] : undefined;
  if (!rules) return err(ctx, 404, "Model not found");
  if (body.version !== VERSION || !input) {
    ctx.extraHeaders["x-emulator-detail"] = !input ? "input must be an object" : `version must be '${VERSION}'`;
    return err(ctx, 400, "Invalid input for model");
  }

  const c = new Checker(input, { numericStrings: true, nullIsMissing: true }, "input.");
  const prompt = c.string("prompt", { required: true, minLength: 1 });
  const cfgSeed = c.number("seed", { integer: true });
  c.number("cfg", { min: 0, max: 20 });
  c.number("steps", { integer: true, min: 1, max: rules.maxSteps });
  const aspect = c.oneOf("aspect_ratio", ASPECTS) ?? "1:1";
  const outFormat = c.oneOf("output_format", FORMATS) ?? "webp";
  const quality = c.number("output_quality", { integer: true, min: 0, max: 100 }) ?? 90;
  c.number("prompt_strength", { min: 0, max: 1 });
  c.string("image");
  c.boolean("enable_safety_checker");
  const unknown = c.unknownFields();
  if (unknown.length) ctx.extraHeaders["x-emulator-unknown-fields"] = unknown.join(",");
  if (c.issues.length || prompt === undefined) {
    ctx.extraHeaders["x-emulator-detail"] = c.issues.map((i) => `${i.field}: ${i.message}`).join("; ");
    return err(ctx, 400, "Invalid input for model");
  }

  if (has(plan, "hang")) return hang(ctx);
  if (has(plan, "500")) return err(ctx, 500, "Failed to create prediction");

  const neverFinish = has(plan, "never-finish");
  const durationMs = neverFinish ? Infinity : plan.latencyMs;
  const seed = cfgSeed === undefined ? randomSeed32() : rawIntegerText(ctx.rawBody, "seed", cfgSeed);
  const [width, height] = SIZES[aspect];
  const format = FORMAT_OF[outFormat];
  const spec = { provider: imageOwner(ctx, "Eachlabs", String(body.model)), prompt, seed, width, height, format, quality: Math.max(1, quality) };
  const expired = has(plan, "expired-url");
  const url = ctx.state.addFile(ctx.baseUrl, spec, outFormat, { expired, readyAt: readyAt(durationMs) });
  if (!expired && !neverFinish) prewarmImage(spec);

  const job = startJob(ctx, {
    id: uuid(),
    durationMs,
    outcome: has(plan, "fail") ? "fail" : has(plan, "nsfw") ? "nsfw" : "success",
    urls: [url],
    seed,
    input,
    altWords: false,
    model: String(body.model),
  });
  const text = JSON.stringify({ status: "success", message: "Prediction created successfully", predictionID: job.id });
  if (has(plan, "malformed")) return sendTruncatedJson(ctx, text);
  sendJson(ctx, 200, JSON.parse(text));
}
