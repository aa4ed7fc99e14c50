/**
 * Replicate: POST /v1/models/stability-ai/<model>/predictions creates (with `Prefer: wait` it holds the answer
 * until the prediction ends or the wait runs out, then returns it as it stands), GET /v1/predictions/{id} polls,
 * POST /v1/predictions/{id}/cancel cancels. Auth `Authorization: Bearer`; errors are `{title, detail, status}`.
 */
import { has, makePlan, type Plan } from "../../faults";
import { cancelJob, jobPhase, readyAt, startJob } from "../../jobs";
import { prewarmImage, type ImageFormat } from "../../images";
import type { Job } from "../../state";
import { Checker } from "../../validate";
import { bearer, hang, isObject, keyStatus, randomSeed32, rawIntegerText, sendJson, sendTruncatedJson, uuid, wait, type Ctx } from "../../wire";
import { imageOwner } from "../../parity";

interface ModelRules {
  cfg: [number, number];
  steps?: [number, number];
  negativePrompt: boolean;
  quality: boolean;
  /** Large (version e6c4657f) answers with a list of URLs; Turbo and Medium with one URL. */
  arrayOutput: boolean;
}

const MODELS: Record<string, ModelRules> = {
  "stable-diffusion-3.5-large": { cfg: [0, 20], steps: [1, 50], negativePrompt: false, quality: true, arrayOutput: true },
  "stable-diffusion-3.5-large-turbo": { cfg: [1, 10], negativePrompt: true, quality: false, arrayOutput: false },
  "stable-diffusion-3.5-medium": { cfg: [1, 10], negativePrompt: true, quality: false, arrayOutput: false },
};

const SIZES: Record<string, readonly [number, number]> = {
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
};
const FORMATS = ["webp", "jpg", "png"] as const;
const FORMAT_OF: Record<(typeof FORMATS)[number], ImageFormat> = { webp: "webp", jpg: "jpeg", png: "png" };
const PRICE_NOTE = "Replicate reports no cost in the prediction.";

const problem = (ctx: Ctx, status: number, title: string, detail: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  sendJson(ctx, status, { title, detail, status, ...extra }, headers);

function earlyFault(ctx: Ctx, plan: Plan): boolean {
  if (has(plan, "401")) problem(ctx, 401, "Unauthenticated", "You did not pass a valid authentication token");
  else if (has(plan, "quota")) problem(ctx, 402, "Insufficient credit", "You have insufficient credit to run this model.");
  // The documented 429 says when the limit resets in its words only.
  else if (has(plan, "429")) problem(ctx, 429, "Request was throttled", "Request was throttled. Your rate limit resets in ~30s.");
  else return false;
  return true;
}

export async function handleReplicate(ctx: Ctx): Promise<void> {
  const create = /^\/v1\/models\/stability-ai\/([^/]+)\/predictions$/.exec(ctx.path);
  const get = /^\/v1\/predictions\/([^/]+)$/.exec(ctx.path);
  const cancel = /^\/v1\/predictions\/([^/]+)\/cancel$/.exec(ctx.path);
  if (!(create && ctx.method === "POST") && !(get && ctx.method === "GET") && !(cancel && ctx.method === "POST")) {
    return problem(ctx, 404, "Not found", "The requested resource could not be found.");
  }
  if (keyStatus(bearer(ctx)) !== "ok") return problem(ctx, 401, "Unauthenticated", "You did not pass a valid authentication token");
  if (create) return createPrediction(ctx, decodeURIComponent(create[1] ?? ""));
  const id = decodeURIComponent((get ?? cancel)?.[1] ?? "");
  const job = ctx.state.jobs.get(id);
  if (!job || job.provider !== "replicate") return problem(ctx, 404, "Not found", "The requested prediction could not be found.");
  if (cancel) {
    if (jobPhase(job) !== "done" && jobPhase(job) !== "cancelled") cancelJob(job);
    return sendJson(ctx, 200, view(ctx, job));
  }
  const plan = makePlan(ctx.state.configFor("replicate"), "poll", undefined);
  if (earlyFault(ctx, plan)) return;
  if (has(plan, "hang", "never-finish")) return hang(ctx);
  if (has(plan, "500", "fail")) return problem(ctx, 500, "Internal Server Error", "Something went wrong.");
  const text = JSON.stringify(view(ctx, job));
  if (has(plan, "malformed")) return sendTruncatedJson(ctx, text);
  sendJson(ctx, 200, JSON.parse(text));
}

function view(ctx: Ctx, job: Job) {
  const phase = jobPhase(job);
  const self = `${ctx.baseUrl}/replicate/v1/predictions/${job.id}`;
  const model = job.model ?? "";
  const base = {
    id: job.id,
    model: `stability-ai/${model}`,
    version: "emulated",
    input: job.input,
    logs: `Using seed: ${job.seed}\n`,
    error: null,
    output: null,
    created_at: new Date().toISOString(),
    urls: { get: self, cancel: `${self}/cancel`, web: `https://replicate.com/p/${job.id}` },
    metrics: {},
  };
  switch (phase) {
    case "queued":
      return { ...base, logs: "", status: "starting" };
    case "starting":
    case "running":
      return { ...base, status: "processing" };
    case "cancelled":
      return { ...base, status: "canceled" };
    case "done": {
      const metrics = { predict_time: Number.isFinite(job.durationMs) ? job.durationMs / 1000 : 0 };
      if (job.outcome === "fail") return { ...base, status: "failed", error: "Prediction failed: CUDA out of memory.", metrics };
      if (job.outcome === "nsfw") {
        return { ...base, status: "failed", error: "NSFW content detected. Try running it again, or try a different prompt.", metrics };
      }
      const output = MODELS[model]?.arrayOutput ? job.urls : (job.urls[0] ?? null);
      return { ...base, status: "succeeded", output, metrics, completed_at: new Date().toISOString() };
    }
  }
}

async function createPrediction(ctx: Ctx, modelId: string): Promise<void> {
  const rules = MODELS[modelId];
  if (!rules) return problem(ctx, 404, "Not found", "The requested model could not be found.");
  const body = ctx.json;
  if (!ctx.jsonOk || !isObject(body)) return problem(ctx, 400, "Bad request", "The request body is not valid JSON.");
  const input = isObject(body.input) ? body.input : undefined;
  const plan = makePlan(ctx.state.configFor("replicate"), "submit", input?.prompt);
  if (plan.unknown.length) ctx.extraHeaders["x-emulator-unknown-directives"] = plan.unknown.join(",");
  if (earlyFault(ctx, plan)) return;
  if (!input) return invalid(ctx, [{ field: "input", message: "input is required" }]);

  const c = new Checker(input, {}, "input.");
  const prompt = c.string("prompt", { required: true, minLength: 1 });
  const cfgSeed = c.number("seed", { integer: true });
  c.number("cfg", { min: rules.cfg[0], max: rules.cfg[1] });
  if (rules.steps) c.number("steps", { integer: true, min: rules.steps[0], max: rules.steps[1] });
  if (rules.negativePrompt) c.string("negative_prompt");
  const aspect = c.oneOf("aspect_ratio", Object.keys(SIZES)) ?? "1:1";
  const outFormat = c.oneOf("output_format", FORMATS) ?? "webp";
  const quality = rules.quality ? (c.number("output_quality", { integer: true, min: 0, max: 100 }) ?? 90) : 90;
  c.number("prompt_strength", { min: 0, max: 1 });
  c.string("image");
  // Replicate ignores inputs the version does not declare; the header lets tests see them.
  const unknown = c.unknownFields();
  if (unknown.length) ctx.extraHeaders["x-emulator-unknown-fields"] = unknown.join(",");
  if (c.issues.length || prompt === undefined) return invalid(ctx, c.issues);

  if (has(plan, "hang")) return hang(ctx);
  if (has(plan, "500")) return problem(ctx, 500, "Internal Server Error", "Something went wrong.");

  const neverFinish = has(plan, "never-finish");
  const durationMs = neverFinish ? Infinity : plan.latencyMs;
  const seed = cfgSeed === undefined ? randomSeed32() : rawIntegerText(ctx.rawBody, "seed", cfgSeed);
  const [width, height] = SIZES[aspect] ?? [1024, 1024];
  const spec = { provider: imageOwner(ctx, "Replicate", modelId), prompt, seed, width, height, format: FORMAT_OF[outFormat], quality: Math.max(1, quality) };
  const expired = has(plan, "expired-url");
  const url = ctx.state.addFile(ctx.baseUrl, spec, outFormat, { expired, readyAt: readyAt(durationMs) });
  if (!expired && !neverFinish) prewarmImage(spec);

  const job = startJob(ctx, {
    id: uuid().replace(/-/g, "").slice(0, 26),
    durationMs,
    outcome: has(plan, "fail") ? "fail" : has(plan, "nsfw") ? "nsfw" : "success",
    urls: [url],
    seed,
    input,
    model: modelId,
    altWords: false,
  });
  ctx.extraHeaders["x-emulator-note"] = PRICE_NOTE;

  // `Prefer: wait[=N]` holds the answer up to N s (60 by default); "pending" answers at once, still starting.
  const prefer = /^\s*wait(?:\s*=\s*(\d+))?/i.exec(String(ctx.req.headers.prefer ?? ""));
  if (prefer && !neverFinish && !has(plan, "pending")) {
    const windowMs = Math.min(60, Number(prefer[1] ?? 60)) * 1000;
    if (durationMs <= windowMs && !(await wait(ctx, durationMs))) return;
  }
  const text = JSON.stringify(view(ctx, job));
  if (has(plan, "malformed")) return sendTruncatedJson(ctx, text);
  sendJson(ctx, 201, JSON.parse(text));
}

function invalid(ctx: Ctx, issues: { field: string; message: string }[]): void {
  const detail = issues.map((i) => `- ${i.field}: ${i.message}\n`).join("");
  problem(ctx, 422, "Input validation failed", detail, {
    invalid_fields: issues.map((i) => ({ type: "invalid", field: i.field, description: i.message })),
  });
}
