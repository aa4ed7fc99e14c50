/**
 * ImagePipeline (legacy SD3.5 endpoint): POST /sd3_5/v1 with `API-Key`. Fast jobs answer SUCCESS with download_urls;
 * slow ones (> 2 s, or `[[emulate:pending]]`) answer PENDING with an id, then GET /sd3_5/v1/status/{id}.
 * `[[emulate:words:alt]]` swaps SUCCESS/FAILURE for COMPLETED/FAILED (seen in client code for other endpoints).
 */
import { has, makePlan, type Plan } from "../../faults";
import { jobPhase, readyAt, startJob } from "../../jobs";
import { prewarmImage } from "../../images";
import type { Job } from "../../state";
import { Checker } from "../../validate";
import { gone, hang, header, isObject, keyStatus, randomSeed32, rawIntegerText, sendJson, sendTruncatedJson, uuid, wait, type Ctx } from "../../wire";
import { imageOwner } from "../../parity";

/** Longest a request is held open before the job turns into PENDING. */
const SYNC_LIMIT_MS = 2000;

const fail = (ctx: Ctx, status: number, message: string, headers: Record<string, string> = {}) =>
  sendJson(ctx, status, { status: "FAILURE", message }, headers);

function earlyFault(ctx: Ctx, plan: Plan): boolean {
  if (has(plan, "401")) fail(ctx, 401, "Invalid API key");
  else if (has(plan, "quota")) fail(ctx, 403, "Insufficient credits");
  else if (has(plan, "429")) fail(ctx, 429, "Too many requests", { "retry-after": "30" });
  else return false;
  return true;
}

const words = (job: Job) => (job.altWords ? { ok: "COMPLETED", ko: "FAILED" } : { ok: "SUCCESS", ko: "FAILURE" });

function failureMessage(job: Job): string {
  return job.outcome === "nsfw" ? "NSFW content detected in the generated image" : "Image generation failed";
}

/** The job as the status endpoint reports it. */
function statusView(job: Job, withId: boolean, queuedUrls: boolean, waited = false): Record<string, unknown> {
  // `waited`: the request itself sat out the job's duration (timer granularity must not turn it into PENDING).
  const phase = waited ? "done" : jobPhase(job);
  const id = withId ? { id: job.id } : {};
  if (phase !== "done") return { status: "PENDING", id: job.id, ...(queuedUrls ? { download_urls: job.urls } : {}) };
  if (job.outcome !== "success") return { status: words(job).ko, ...id, message: failureMessage(job) };
  return { status: words(job).ok, id: job.id, download_urls: job.urls };
}

export async function handleImagePipeline(ctx: Ctx): Promise<void> {
  // /sd3_5/v1 (SD3.5) and /sd3/v1 (SD3) speak the same protocol; only the samples limit differs.
  const model = /^\/(sd3_5|sd3)\/v1(?:\/|$)/.exec(ctx.path)?.[1];
  const generate = /^\/(sd3_5|sd3)\/v1\/?$/.test(ctx.path) && ctx.method === "POST";
  const status = /^\/(?:sd3_5|sd3)\/v1\/status\/([^/]+)\/?$/.exec(ctx.path);
  if (!generate && !(status && ctx.method === "GET")) return fail(ctx, 404, "Not found");
  const key = keyStatus(header(ctx, "api-key"));
  if (key !== "ok") return fail(ctx, 401, key === "missing" ? "API-Key header is missing" : "Invalid API key");

  if (status) {
    const plan = makePlan(ctx.state.configFor("imagepipeline"), "poll", undefined);
    if (earlyFault(ctx, plan)) return;
    if (has(plan, "hang", "never-finish")) return hang(ctx);
    if (has(plan, "500", "fail")) return fail(ctx, 500, "Internal server error");
    const job = ctx.state.jobs.get(decodeURIComponent(status[1] ?? ""));
    if (!job || job.provider !== "imagepipeline") return fail(ctx, 404, "Request not found");
    const text = JSON.stringify(statusView(job, true, false));
    if (has(plan, "malformed")) return sendTruncatedJson(ctx, text);
    return sendJson(ctx, 200, JSON.parse(text));
  }

  const body = ctx.json;
  if (!ctx.jsonOk || !isObject(body)) return fail(ctx, 400, "Invalid JSON body");
  const plan = makePlan(ctx.state.configFor("imagepipeline"), "submit", body.prompt);
  if (plan.unknown.length) ctx.extraHeaders["x-emulator-unknown-directives"] = plan.unknown.join(",");
  if (earlyFault(ctx, plan)) return;

  const maxSamples = model === "sd3" ? 4 : 2;
  // The seed's parameter table marks all five of these "Required".
  const c = new Checker(body);
  const prompt = c.string("prompt", { required: true, minLength: 1 });
  c.string("negative_prompt", { required: true });
  c.number("num_inference_steps", { required: true, integer: true, min: 1 });
  const samples = c.number("samples", { required: true, integer: true, min: 1, max: maxSamples }) ?? 1;
  c.number("guidance_scale", { required: true, min: 0, max: 20 });
  const width = c.number("width", { integer: true, min: 64, max: 2048 }) ?? 1024;
  const height = c.number("height", { integer: true, min: 64, max: 2048 }) ?? 1024;
  const seedNum = c.number("seed", { integer: true }); // undocumented; honoured when sent
  c.string("webhook");
  c.boolean("direct_link");
  c.string("batch_id");
  const filePrefix = c.string("file_prefix");
  const queuedUrls = c.boolean("queued_image_urls") ?? false;
  const unknown = c.unknownFields();
  if (unknown.length) ctx.extraHeaders["x-emulator-unknown-fields"] = unknown.join(",");
  if (c.issues.length || prompt === undefined) {
    return fail(ctx, 400, c.issues.map((i) => `${i.field}: ${i.message} (expected ${i.expected}, received ${i.received})`).join("; "));
  }

  if (has(plan, "hang")) return hang(ctx);
  if (has(plan, "500")) return fail(ctx, 500, "Internal server error");

  const neverFinish = has(plan, "never-finish");
  const durationMs = neverFinish ? Infinity : plan.latencyMs;
  const seed = seedNum === undefined || seedNum === -1 ? randomSeed32() : rawIntegerText(ctx.rawBody, "seed", seedNum);
  const expired = has(plan, "expired-url");
  const outcome = has(plan, "fail") ? "fail" : has(plan, "nsfw") ? "nsfw" : "success";
  const prefix = (filePrefix ?? "").replace(/[^A-Za-z0-9_-]/g, "").slice(0, 40);
  const ready = readyAt(durationMs);
  const urls = Array.from({ length: samples }, (_, i) => {
    const spec = { provider: imageOwner(ctx, "ImagePipeline", model ?? ""), prompt, seed, width, height, format: "png" as const, index: i };
    if (!expired && !neverFinish && outcome === "success") prewarmImage(spec);
    return ctx.state.addFile(ctx.baseUrl, spec, "png", { expired, readyAt: ready, prefix });
  });
  const job = startJob(ctx, { id: uuid(), durationMs, outcome, urls, seed, input: body, altWords: has(plan, "words:alt") });

  const pending = neverFinish || has(plan, "pending") || durationMs > SYNC_LIMIT_MS;
  if (!pending) {
    if (!(await wait(ctx, durationMs)) || gone(ctx)) return;
  }
  // A PENDING answer is PENDING even when a zero-length job is already done by now.
  const view = pending ? { status: "PENDING", id: job.id, ...(queuedUrls ? { download_urls: urls } : {}) } : statusView(job, false, queuedUrls, true);
  const text = JSON.stringify(view);
  if (has(plan, "malformed")) return sendTruncatedJson(ctx, text);
  sendJson(ctx, 200, JSON.parse(text));
}
