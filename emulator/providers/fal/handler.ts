/**
 * fal: two hosts, mounted as /fal (sync, `fal.run`) and /fal/queue (`queue.fal.run`). `Authorization: Key <key>`.
 *   POST {sync}/{model}                          → the output JSON
 *   POST {queue}/{model}                         → {request_id, status_url, response_url, cancel_url, queue_position}
 *   GET  {queue}/{app}/requests/{id}/status      → {status: IN_QUEUE (+queue_position) | IN_PROGRESS | COMPLETED, …}
 *   GET  {queue}/{app}/requests/{id}             → the output JSON
 *   PUT  {queue}/{app}/requests/{id}/cancel      → 202 {status: "CANCELLATION_REQUESTED"} while queued
 * Sub-paths (`/turbo`) are part of the submit path only: the returned URLs name the app without them.
 * Validation errors are 422 `{detail: [{loc, msg, type}]}`; other errors `{detail: "…"}`.
 */
import { has, makePlan, type Plan } from "../../faults";
import { cancelJob, jobPhase, readyAt, startJob } from "../../jobs";
import { prewarmImage, type ImageFormat } from "../../images";
import type { Job } from "../../state";
import { Checker, type Issue } from "../../validate";
import {
  gone,
  hang,
  header,
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

const MODELS = [
  "fal-ai/stable-diffusion-v35-large",
  "fal-ai/stable-diffusion-v35-large/turbo",
  "fal-ai/stable-diffusion-v35-medium",
  "fal-ai/stable-diffusion-v3-medium",
];
/** SD3 Medium's own schema: square by default, `prompt_expansion`, no `output_format` (JPEG), `num_images` echoed. */
const V3_MEDIUM = "fal-ai/stable-diffusion-v3-medium";
const PRESETS = {
  square_hd: [1024, 1024],
  square: [512, 512],
  portrait_4_3: [768, 1024],
  portrait_16_9: [576, 1024],
  landscape_4_3: [1024, 768],
  landscape_16_9: [1024, 576],
} as const satisfies Record<string, readonly [number, number]>;
const PRESET_NAMES = Object.keys(PRESETS) as (keyof typeof PRESETS)[];

interface Output {
  app: string;
  prompt: string;
  seed: string;
  width: number;
  height: number;
  format: ImageFormat;
  count: number;
}

const detail = (ctx: Ctx, status: number, text: string, headers: Record<string, string> = {}) => sendJson(ctx, status, { detail: text }, headers);

function earlyFault(ctx: Ctx, plan: Plan): boolean {
  if (has(plan, "401")) detail(ctx, 401, "Invalid Key Authorization header format. Expected '<key_id>:<key_secret>'.");
  else if (has(plan, "quota")) detail(ctx, 403, "User is locked. Reason: Exhausted balance. Top up your balance at fal.ai/dashboard/billing.");
  else if (has(plan, "429")) detail(ctx, 429, "Too many requests", { "retry-after": "30" });
  else return false;
  return true;
}

export async function handleFal(ctx: Ctx): Promise<void> {
  const m = /^\/(queue\/)?(.+?)\/?$/.exec(ctx.path);
  const queue = Boolean(m?.[1]);
  const rest = m?.[2] ?? "";
  if (keyStatus(/^\s*Key\s+(.*)$/i.exec(header(ctx, "authorization") ?? "")?.[1]) !== "ok") {
    return detail(ctx, 401, "No user found for Key ID and Secret");
  }
  const request = queue ? /^([^/]+\/[^/]+)\/requests\/([^/]+)(\/status|\/cancel)?$/.exec(rest) : null;
  if (request) return queueRequest(ctx, request[1] ?? "", decodeURIComponent(request[2] ?? ""), request[3]);
  if (ctx.method !== "POST" || !MODELS.includes(rest)) return detail(ctx, 404, `Application '${rest}' not found`);
  return queue ? submit(ctx, rest) : runSync(ctx, rest);
}

/** Body checks as fal's pydantic models make them: 422 with one entry per problem. */
function readInput(ctx: Ctx, app: string): Output | Issue[] {
  const body = ctx.json;
  if (!ctx.jsonOk || !isObject(body)) return [{ field: "body", message: "Input should be a valid dictionary", expected: "object", received: "other" }];
  const c = new Checker(body);
  const prompt = c.string("prompt", { required: true, minLength: 1 });
  c.string("negative_prompt");
  c.number("num_inference_steps", { integer: true, min: 1, max: 50 });
  c.number("guidance_scale", { min: 0, max: 20 });
  const seed = c.number("seed", { integer: true, min: 0 });
  const count = c.number("num_images", { integer: true, min: 1, max: 4 }) ?? 1;
  c.boolean("enable_safety_checker");
  c.boolean("sync_mode");
  const v3 = app === V3_MEDIUM;
  if (v3) c.boolean("prompt_expansion");
  const format = v3 ? "jpeg" : (c.oneOf("output_format", ["jpeg", "png"] as const) ?? "jpeg");
  const defaultSize = v3 ? "square_hd" : "landscape_4_3";
  let [width, height]: readonly [number, number] = PRESETS[defaultSize];
  const size = body.image_size;
  c.allow("image_size");
  if (typeof size === "string" || size === undefined) {
    const preset = size === undefined ? defaultSize : c.oneOf("image_size", PRESET_NAMES);
    if (preset) [width, height] = PRESETS[preset];
  } else if (isObject(size)) {
    const sc = new Checker(size, {}, "image_size.");
    width = sc.number("width", { integer: true, min: 64, max: 2048 }) ?? 512;
    height = sc.number("height", { integer: true, min: 64, max: 2048 }) ?? 512;
    c.issues.push(...sc.issues);
  } else {
    c.add("image_size", "Input should be a valid dictionary or preset name", "ImageSize | preset", size);
  }
  // pydantic ignores a field the model does not declare; the header lets a test see one was sent.
  const unknown = c.unknownFields();
  if (unknown.length) ctx.extraHeaders["x-emulator-unknown-fields"] = unknown.join(",");
  if (c.issues.length || prompt === undefined) return c.issues;
  const seedText = seed === undefined ? randomSeed64() : rawIntegerText(ctx.rawBody, "seed", seed);
  return { app, prompt, seed: seedText, width, height, format, count };
}

function unprocessable(ctx: Ctx, issues: Issue[]): void {
  const entries = issues.map((i) => ({ loc: ["body", ...i.field.split(".")], msg: i.message, type: "value_error" }));
  sendJson(ctx, 422, { detail: entries });
}

function imageUrls(ctx: Ctx, out: Output, plan: Plan, durationMs: number): string[] {
  const expired = has(plan, "expired-url");
  return Array.from({ length: out.count }, (_, index) => {
    const spec = { provider: imageOwner(ctx, "fal", out.app), prompt: out.prompt, seed: out.seed, width: out.width, height: out.height, format: out.format, quality: 90, index };
    if (!expired && Number.isFinite(durationMs)) prewarmImage(spec);
    return ctx.state.addFile(ctx.baseUrl, spec, out.format, { expired, readyAt: readyAt(durationMs) });
  });
}

function outputText(out: Output, urls: string[], nsfw: boolean): string {
  const images = urls.map((url) => ({ url, width: out.width, height: out.height, content_type: `image/${out.format}` }));
  const body = {
    images,
    timings: { inference: 1.2 },
    seed: 0,
    has_nsfw_concepts: urls.map(() => nsfw),
    prompt: out.prompt,
    ...(out.app === V3_MEDIUM ? { num_images: urls.length } : {}),
  };
  return stringifyWithBigSeed(body, "seed", out.seed);
}

async function runSync(ctx: Ctx, app: string): Promise<void> {
  trackRequest(ctx);
  const input = readInput(ctx, app);
  const plan = makePlan(ctx.state.configFor("fal"), "submit", isObject(ctx.json) ? ctx.json.prompt : undefined);
  if (earlyFault(ctx, plan)) return;
  if (Array.isArray(input)) return unprocessable(ctx, input);
  if (has(plan, "hang", "never-finish")) return hang(ctx);
  if (!(await wait(ctx, plan.latencyMs)) || gone(ctx)) return;
  if (has(plan, "500", "fail")) return detail(ctx, 500, "Internal server error");
  const text = outputText(input, imageUrls(ctx, input, plan, 0), has(plan, "nsfw"));
  if (has(plan, "malformed")) return sendTruncatedJson(ctx, text);
  sendJsonText(ctx, 200, text);
}

function submit(ctx: Ctx, model: string): void {
  const plan = makePlan(ctx.state.configFor("fal"), "submit", isObject(ctx.json) ? ctx.json.prompt : undefined);
  if (plan.unknown.length) ctx.extraHeaders["x-emulator-unknown-directives"] = plan.unknown.join(",");
  if (earlyFault(ctx, plan)) return;
  if (has(plan, "500")) return detail(ctx, 500, "Internal server error");
  if (has(plan, "hang")) return hang(ctx);
  const app = model.split("/").slice(0, 2).join("/");
  // fal validates when the request runs, not on submit: a bad input is a COMPLETED request whose result is a 422.
  const input = readInput(ctx, app);
  const durationMs = has(plan, "never-finish") ? Infinity : Math.max(plan.latencyMs, 60);
  const urls = Array.isArray(input) ? [] : imageUrls(ctx, input, plan, durationMs);
  const job = startJob(ctx, {
    id: uuid(),
    durationMs,
    outcome: has(plan, "fail") ? "fail" : has(plan, "nsfw") ? "nsfw" : "success",
    urls,
    seed: Array.isArray(input) ? "0" : input.seed,
    input: Array.isArray(input) ? { app, issues: input } : input,
    altWords: false,
  });
  const text = JSON.stringify({ ...queueUrls(ctx, app, job.id), request_id: job.id, queue_position: 0 });
  if (has(plan, "malformed")) return sendTruncatedJson(ctx, text);
  sendJsonText(ctx, 200, text);
}

function queueUrls(ctx: Ctx, app: string, id: string) {
  const base = `${ctx.baseUrl}/fal/queue/${app}/requests/${id}`;
  return { status_url: `${base}/status`, response_url: base, cancel_url: `${base}/cancel` };
}

function queueRequest(ctx: Ctx, app: string, id: string, action: string | undefined): void {
  const job = ctx.state.jobs.get(id);
  const input = job?.input as (Output | { app: string; issues: Issue[] }) | undefined;
  if (!job || job.provider !== "fal" || input?.app !== app) return detail(ctx, 404, "Request not found");
  const phase = jobPhase(job);
  if (action === "/cancel") {
    if (ctx.method !== "PUT") return detail(ctx, 405, "Method Not Allowed");
    if (phase !== "queued") return sendJson(ctx, 400, { status: "ALREADY_COMPLETED" });
    cancelJob(job);
    return sendJson(ctx, 202, { status: "CANCELLATION_REQUESTED" });
  }
  if (ctx.method !== "GET") return detail(ctx, 405, "Method Not Allowed");
  const plan = makePlan(ctx.state.configFor("fal"), "poll", undefined);
  if (earlyFault(ctx, plan)) return;
  if (has(plan, "hang", "never-finish")) return hang(ctx);
  if (has(plan, "500")) return detail(ctx, 500, "Internal server error");
  const urls = queueUrls(ctx, app, id);
  if (action === "/status") return sendJson(ctx, 200, statusOf(ctx, job, phase, urls));
  if (phase !== "done") return detail(ctx, 400, phase === "cancelled" ? "Request was cancelled" : "Request is still in progress");
  if ("issues" in input) return unprocessable(ctx, input.issues);
  if (job.outcome === "fail") return detail(ctx, 500, "Inference failed");
  const text = outputText(input, job.urls, job.outcome === "nsfw");
  if (has(plan, "malformed")) return sendTruncatedJson(ctx, text);
  sendJsonText(ctx, 200, text);
}

function statusOf(ctx: Ctx, job: Job, phase: ReturnType<typeof jobPhase>, urls: ReturnType<typeof queueUrls>) {
  switch (phase) {
    case "queued": {
      // Jobs ahead in the queue: fal's queued requests submitted before this one.
      const ahead = [...ctx.state.jobs.values()].filter((j) => j.provider === "fal" && j.createdAt < job.createdAt && jobPhase(j) === "queued");
      return { status: "IN_QUEUE", queue_position: ahead.length, ...urls };
    }
    case "starting":
    case "running":
      return { status: "IN_PROGRESS", logs: null, ...urls };
    case "cancelled":
      return { status: "CANCELED", ...urls };
    case "done":
      // [C3] An API-Evangelist schema lists FAILED beside the documented three; the emulator uses it for `fail`.
      return job.outcome === "fail" ? { status: "FAILED", error: "Inference failed", ...urls } : { status: "COMPLETED", logs: null, ...urls };
  }
}
