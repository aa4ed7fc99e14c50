import "server-only";
import type { ImageSource, ProviderAdapter, RunContext, RunOutcome, WireRequest } from "@/lib/providers/adapter";
import { ProviderError } from "@/lib/providers/errors";
import { errorFrom, providerText, send, submitVerdict, type ErrorReading, type ErrorVerdict } from "@/lib/providers/http";
import { pollUntil, type PollStep } from "@/lib/providers/poll";
import type { ErrorCode } from "@/lib/providers/types";
import { asRecord, codeForStatus, firstMessage, readJson } from "@/lib/providers/wire";

const PROVIDER = "Eachlabs";

/** Wire version per model slug, from each model page's example (every SD model there is 0.0.1). */
const versions: Record<string, string> = {
  "stable-diffusion-3.5-large": "0.0.1",
  "stable-diffusion-3.5-large-turbo": "0.0.1",
  "stable-diffusion-3.5-medium": "0.0.1",
};

const runningStatuses = new Set(["created", "starting", "processing"]);

/** Eachlabs V1 error codes (output.error_code) whose cause we can name; the rest are the provider's failure. */
const errorCodeMap: Record<string, ErrorCode> = {
  PROVIDER_REJECTED: "content_filtered",
  INPUT_VALIDATION_ERROR: "invalid_input",
  PROVIDER_BAD_REQUEST: "invalid_input",
  INPUT_DOWNLOAD_ERROR: "invalid_input",
  PROVIDER_RATE_LIMIT: "rate_limited",
  EXECUTION_TIMEOUT: "timeout",
};

const failureMessages: Partial<Record<ErrorCode, string>> = {
  content_filtered: "Eachlabs refused the prediction; the model's provider rejected it, usually for content safety.",
  invalid_input: "Eachlabs rejected the parameters of the prediction.",
  rate_limited: "Eachlabs could not run the prediction because its model provider is rate limiting.",
  timeout: "Eachlabs stopped the prediction because it ran too long.",
};

export const eachlabsAdapter: ProviderAdapter = {
  buildRequest({ model, input, baseUrl, apiKey }): WireRequest {
    return {
      method: "POST",
      // The trailing slash is how every model page writes it.
      url: `${baseUrl.replace(/\/+$/, "")}/v1/prediction/`,
      // X-API-Key as on the model pages; Bearer (the newer authentication page) when that gets a 401: `authed` below.
      headers: { "X-API-Key": apiKey, "Content-Type": "application/json" },
      body: { model: model.id, version: versions[model.id] ?? "0.0.1", input: wireInput(input) },
    };
  },
  run,
  resume: (id, req, ctx) => follow(id, req, ctx, ctx.now(), []),
};

/** The set fields; without an input image, `prompt_strength` means nothing and is not sent. */
function wireInput(input: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) if (value !== undefined && value !== null) out[key] = value;
  if (typeof out.image !== "string" || out.image === "") {
    delete out.image;
    delete out.prompt_strength;
  }
  return out;
}

/** Keys that got a 401 with `X-API-Key` and were taken with `Authorization: Bearer`, for this process's later calls. */
const bearerKeys = new Set<string>();

/**
 * One call with the key in the header that works. Eachlabs' docs name two (docs/providers/eachlabs.md,
 * "Authentication"): `X-API-Key` first and, on a 401, `Authorization: Bearer` (providers.md section 3). A 401 ran
 * nothing, so the second send cannot bill twice. The header that answered is used first from then on.
 */
async function authed(ctx: RunContext, call: (auth: Record<string, string>) => Promise<Response>): Promise<Response> {
  const bearer = bearerKeys.has(ctx.apiKey);
  const header = (useBearer: boolean): Record<string, string> => (useBearer ? { Authorization: `Bearer ${ctx.apiKey}` } : { "X-API-Key": ctx.apiKey });
  const first = await call(header(bearer));
  if (first.status !== 401) return first;
  await first.body?.cancel();
  const second = await call(header(!bearer));
  if (second.status !== 401) {
    if (bearer) bearerKeys.delete(ctx.apiKey);
    else bearerKeys.add(ctx.apiKey);
  }
  return second;
}

async function run(req: WireRequest, ctx: RunContext): Promise<RunOutcome> {
  const startedAt = ctx.now();
  const warnings: string[] = [];
  const res = await authed(ctx, (auth) => send({ ...req, headers: { "Content-Type": "application/json", ...auth } }, ctx));
  if (!res.ok) throw await httpError(res, ctx, true);

  const created = asRecord(await readJson(res, PROVIDER));
  const id = created?.predictionID;
  if (created?.status !== "success" || typeof id !== "string" || id === "") {
    const said = providerText(messageOf(created) ?? JSON.stringify(created), ctx.apiKey);
    throw new ProviderError("upstream", "Eachlabs did not accept the prediction (unexpected response).", {
      status: res.status,
      providerMessage: said,
    });
  }
  await ctx.submitted(id);
  return follow(id, req, ctx, startedAt, warnings);
}

/** Poll a created prediction until it ends. */
async function follow(id: string, req: WireRequest, ctx: RunContext, startedAt: number, warnings: string[]): Promise<RunOutcome> {
  const predictionUrl = `${req.url.replace(/\/+$/, "")}/${encodeURIComponent(id)}`;
  let unknownNoted = false;

  const check = async (): Promise<PollStep<Record<string, unknown>>> => {
    const r = await authed(ctx, (headers) => ctx.fetch(predictionUrl, { method: "GET", headers }));
    if (!r.ok) throw await httpError(r, ctx);
    const body = asRecord(await readJson(r, PROVIDER));
    const status = body?.status;
    if (!body || typeof status !== "string") {
      throw new ProviderError("upstream", "Eachlabs sent an unexpected response while polling.", {
        status: r.status,
        providerMessage: providerText(JSON.stringify(body), ctx.apiKey),
      });
    }
    if (status === "success") return { done: true, value: body };
    if (status === "error") throw predictionError(body, ctx.apiKey);
    if (status === "cancelled") throw new ProviderError("upstream", "Eachlabs reports the prediction was cancelled.", { terminal: true });
    if (!runningStatuses.has(status) && !unknownNoted) {
      warnings.push(`Eachlabs reported an unfamiliar status "${status}"; kept waiting.`);
      unknownNoted = true;
    }
    return { done: false, phase: status };
  };

  const cancel = () => authed(ctx, (headers) => ctx.fetch(`${predictionUrl}/cancel`, { method: "POST", headers }));
  const done = await pollUntil(ctx, check, {
    provider: PROVIDER,
    startedAt,
    warnings,
    // Best effort: a job left running past our deadline still costs money.
    onTimeout: () => cancel(),
    cancel: { send: cancel, billing: "Eachlabs does not document whether it bills a cancelled prediction.", mayBill: true },
  });

  const images: ImageSource[] = imageUrls(done.output).map((url) => ({ kind: "url", url }));
  if (images.length === 0) {
    throw new ProviderError("upstream", "Eachlabs reported success but sent no image URL (unexpected response).", {
      providerMessage: providerText(JSON.stringify(done.output ?? null), ctx.apiKey),
    });
  }
  const cost = numberOf(asRecord(done.metrics)?.cost);
  // Eachlabs reports no seed: the runner falls back to the seed we sent.
  return { images, requestId: id, cost: cost === undefined ? undefined : { amount: cost, unit: "usd" }, warnings };
}

/** `output` is a URL, a list of URLs, or an object holding them under url-ish keys. */
function imageUrls(output: unknown, depth = 0): string[] {
  if (typeof output === "string") return /^https?:\/\/\S+$/i.test(output) ? [output] : [];
  if (depth > 3) return [];
  if (Array.isArray(output)) return [...new Set(output.flatMap((item) => imageUrls(item, depth + 1)))];
  const record = asRecord(output);
  if (!record) return [];
  const urls = Object.entries(record)
    .filter(([key]) => /url|uri|image|output|file/i.test(key))
    .flatMap(([, value]) => imageUrls(value, depth + 1));
  return [...new Set(urls)];
}

function predictionError(body: Record<string, unknown>, apiKey: string): ProviderError {
  const output = body.output;
  const detail = asRecord(output);
  const errorCode = typeof detail?.error_code === "string" ? detail.error_code : undefined;
  const said = typeof output === "string" ? output : (messageOf(detail) ?? messageOf(body));
  let code: ErrorCode = errorCode ? (errorCodeMap[errorCode] ?? "upstream") : "upstream";
  // Legacy failures are a plain string: only a safety refusal can be told from its words.
  if (!errorCode && said && /nsfw|safety|content polic|moderation/i.test(said)) code = "content_filtered";

  const message =
    errorCode === "INPUT_DOWNLOAD_ERROR"
      ? "Eachlabs could not download the input image."
      : (failureMessages[code] ?? "Eachlabs reports the prediction failed.");
  return new ProviderError(code, message, {
    providerMessage: providerText([errorCode, said].filter(Boolean).join(": "), apiKey),
    field: errorCode === "INPUT_DOWNLOAD_ERROR" ? "image" : undefined,
    terminal: true,
  });
}

/** Request errors are `{"error": "..."}` (docs/providers/eachlabs.md, "Errors"). */
function httpError(res: Response, ctx: RunContext, submitting = false): Promise<ProviderError> {
  return errorFrom(res, ctx, { label: PROVIDER, said: messageOf, classify: submitting ? submitVerdict(classify, "Eachlabs has no such model") : classify });
}

function classify({ status, said, now }: ErrorReading): ErrorVerdict {
  if (status === 404) return { code: "upstream", summary: "Eachlabs could not find the model or prediction (HTTP 404)." };
  if (status === 403) return { code: /credit|balance|limit|insufficient|billing|payment/i.test(said) ? "quota" : "auth" };
  if (status === 429) {
    // "Rate limit exceeded. Please retry after 60 seconds." when no header says it.
    const seconds = /retry after (\d+)\s*s/i.exec(said)?.[1];
    return { code: "rate_limited", retryAt: seconds ? new Date(now + Number(seconds) * 1000) : undefined };
  }
  if (status >= 500) return { code: "upstream" };
  return { code: codeForStatus(status) }; // 400 invalid_input, 401 auth
}

function messageOf(json: Record<string, unknown> | null | undefined): string | undefined {
  return firstMessage(json, ["error_message", "error", "message", "detail", "msg"]);
}

function numberOf(value: unknown): number | undefined {
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  return typeof n === "number" && Number.isFinite(n) ? n : undefined;
}
