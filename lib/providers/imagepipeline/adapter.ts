import "server-only";
import type { ProviderAdapter, RunContext, RunOutcome, WireRequest } from "@/lib/providers/adapter";
import { ProviderError } from "@/lib/providers/errors";
import { errorFrom, providerText, send, type ErrorReading, type ErrorVerdict } from "@/lib/providers/http";
import { pollUntil, type PollStep } from "@/lib/providers/poll";
import type { ErrorCode } from "@/lib/providers/types";
import { asRecord, codeForStatus, firstMessage, readJson } from "@/lib/providers/wire";

const PROVIDER = "ImagePipeline";

// The docs say SUCCESS / PENDING / FAILURE; ImagePipeline's other endpoints answer COMPLETED / FAILED, and the
// newer API uses lower-case queued/processing/cancelled (docs/providers/imagepipeline.md, "Status words"). Compared upper-cased.
const doneWords = new Set(["SUCCESS", "COMPLETED"]);
const failedWords = new Set(["FAILURE", "FAILED", "ERROR"]);
const cancelledWords = new Set(["CANCELLED", "CANCELED"]);
const runningWords = new Set(["PENDING", "QUEUED", "PROCESSING", "RUNNING", "STARTED", "IN_PROGRESS"]);

/** Optional text fields a form may hand over empty; an empty value is "not set", not a value to send. */
const optionalText = new Set(["batch_id", "file_prefix"]);

export const imagepipelineAdapter: ProviderAdapter = {
  buildRequest({ model, input, baseUrl, apiKey }): WireRequest {
    const body: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(input)) {
      if (value === undefined || value === null || (optionalText.has(key) && value === "")) continue;
      body[key] = value;
    }
    return {
      method: "POST",
      url: `${baseUrl.replace(/\/+$/, "")}/${model.id}/v1`,
      headers: { "API-Key": apiKey, "Content-Type": "application/json" },
      body,
    };
  },
  run,
  resume: (id, req, ctx) => follow(id, req, ctx, ctx.now(), []),
};

type Answer = { status: string; urls: string[]; id?: string };

async function run(req: WireRequest, ctx: RunContext): Promise<RunOutcome> {
  const startedAt = ctx.now();
  const warnings: string[] = [];
  const res = await send(req, ctx);
  if (!res.ok) throw await httpError(res, ctx);

  const first = interpret(await readJson(res, PROVIDER), res.status, ctx.apiKey);
  if (first.id) await ctx.submitted(first.id);
  if (doneWords.has(first.status)) return outcome(first.urls, first.id, warnings);
  if (!first.id) {
    throw new ProviderError("upstream", `ImagePipeline answered ${first.status} without a job id (unexpected response).`, {
      status: res.status,
    });
  }
  ctx.progress({ phase: first.status });
  noteUnfamiliar(first.status, warnings);
  return follow(first.id, req, ctx, startedAt, warnings, first.status);
}

/** Poll a PENDING job's status until it ends. */
async function follow(
  id: string,
  req: WireRequest,
  ctx: RunContext,
  startedAt: number,
  warnings: string[],
  phase?: string,
): Promise<RunOutcome> {
  const statusUrl = `${req.url}/status/${encodeURIComponent(id)}`;
  const auth = { "API-Key": ctx.apiKey };
  const check = async (): Promise<PollStep<string[]>> => {
    const r = await ctx.fetch(statusUrl, { method: "GET", headers: auth });
    if (!r.ok) throw await httpError(r, ctx);
    const answer = interpret(await readJson(r, PROVIDER), r.status, ctx.apiKey);
    if (doneWords.has(answer.status)) return { done: true, value: answer.urls };
    noteUnfamiliar(answer.status, warnings);
    return { done: false, phase: answer.status };
  };
  // No cancel endpoint is documented, so a timed-out job is simply abandoned.
  const urls = await pollUntil(ctx, check, { provider: PROVIDER, startedAt, phase, warnings });
  return outcome(urls, id, warnings);
}

/** Read `{status, id?, download_urls?}`, throwing for failures and for any other shape. */
function interpret(json: unknown, httpStatus: number, apiKey: string): Answer {
  const body = asRecord(json);
  const rawStatus = body?.status;
  if (!body || typeof rawStatus !== "string" || rawStatus === "") {
    throw new ProviderError("upstream", "ImagePipeline sent an unexpected response (no status).", {
      status: httpStatus,
      providerMessage: providerText(JSON.stringify(json), apiKey),
    });
  }
  const status = rawStatus.toUpperCase();
  const said = messageOf(body);
  if (failedWords.has(status) || cancelledWords.has(status)) {
    const cancelled = cancelledWords.has(status);
    // No documented failure wording: a safety refusal and a parameter refusal are told apart by their words.
    const words = cancelled ? undefined : said;
    const code: ErrorCode = words && /nsfw|safety|content polic|moderation/i.test(words)
      ? "content_filtered"
      : words && /invalid|must be|required|not allowed|out of range|exceed/i.test(words) ? "invalid_input" : "upstream";
    return throwFailure(code, cancelled, said, apiKey);
  }
  const idValue = body.id ?? body.job_id;
  const id = typeof idValue === "string" || typeof idValue === "number" ? String(idValue) : undefined;
  const list: unknown[] = Array.isArray(body.download_urls) ? body.download_urls : [];
  const urls = list.filter((u): u is string => typeof u === "string" && /^https?:\/\/\S+$/i.test(u));
  if (doneWords.has(status) && urls.length === 0) {
    throw new ProviderError("upstream", "ImagePipeline reported success but sent no image links (unexpected response).", {
      status: httpStatus,
      providerMessage: providerText(JSON.stringify(json), apiKey),
    });
  }
  return { status, urls, id };
}

function throwFailure(code: ErrorCode, cancelled: boolean, said: string | undefined, apiKey: string): never {
  const message = cancelled
    ? "ImagePipeline reports the job was cancelled."
    : code === "invalid_input"
      ? "ImagePipeline rejected the parameters."
      : code === "content_filtered"
        ? "ImagePipeline's safety filter blocked the image."
        : "ImagePipeline reports the generation failed.";
  throw new ProviderError(code, message, { providerMessage: providerText(said, apiKey), terminal: true });
}

/** Fewer images than `samples` asked for: the runner's warning says so, as for every provider. */
function outcome(urls: string[], id: string | undefined, warnings: string[]): RunOutcome {
  return { images: urls.map((url) => ({ kind: "url", url })), requestId: id, warnings };
}

function noteUnfamiliar(status: string, warnings: string[]): void {
  const note = `ImagePipeline reported an unfamiliar status "${status}"; kept waiting.`;
  if (!runningWords.has(status) && !warnings.includes(note)) warnings.push(note);
}

function httpError(res: Response, ctx: RunContext): Promise<ProviderError> {
  return errorFrom(res, ctx, { label: PROVIDER, said: messageOf, classify });
}

function classify({ status, said }: ErrorReading): ErrorVerdict {
  if (status === 403 && /credit|balance|insufficient|quota|billing|payment/i.test(said)) return { code: "quota" };
  return { code: codeForStatus(status) };
}

/** The error field's name is undocumented: take the first of the usual ones. */
function messageOf(json: Record<string, unknown> | null | undefined): string | undefined {
  return firstMessage(json, ["message", "error", "detail", "msg"]);
}
