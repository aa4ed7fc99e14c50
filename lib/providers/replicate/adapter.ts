import "server-only";
import type { ProviderAdapter, RunContext, RunOutcome, WireRequest } from "@/lib/providers/adapter";
import { ProviderError } from "@/lib/providers/errors";
import { errorFrom, providerText, send, type ErrorReading, type ErrorVerdict } from "@/lib/providers/http";
import { pollUntil, type PollStep } from "@/lib/providers/poll";
import { stabilityWireInput } from "@/lib/providers/stability-inputs";
import type { ModelDefinition } from "@/lib/providers/types";
import { asRecord, codeForStatus, firstMessage, readJson, sameOrigin } from "@/lib/providers/wire";

const PROVIDER = "Replicate";
const runningStatuses = new Set(["starting", "processing"]);

type Prediction = Record<string, unknown> & { id: string; status: string };

export const replicateAdapter: ProviderAdapter = {
  buildRequest({ model, input, baseUrl, apiKey }): WireRequest {
    return {
      method: "POST",
      // An official model: no version in the body, the model's latest runs (docs/providers/replicate.md, "Endpoints").
      url: `${root(baseUrl)}/v1/models/stability-ai/${model.id}/predictions`,
      // No `Prefer: wait`: a held answer keeps the prediction's id from us for up to 60 s, and a restart in that time
      // could not collect it by id (it would end "may have been billed", the image lost). Without it the answer is
      // the prediction just created; run() stores its id and polls. A finished one (a quick model) is taken as is.
      headers: { Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json" },
      body: { input: stabilityWireInput(input) },
    };
  },
  run,
  // The id alone finds the prediction: GET /v1/predictions/{id}. Nothing is created again. Its first look is a poll
  // like the others, so a status check that fails transiently (a 5xx, a 429, a dropped connection) is retried rather
  // than losing a prediction that may be done and paid for.
  resume: (id, _req, ctx, model) => follow({ id, status: "starting" }, ctx, model, ctx.now(), []),
};

function root(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, "");
}

function predictionUrl(baseUrl: string, id: string): string {
  return `${root(baseUrl)}/v1/predictions/${encodeURIComponent(id)}`;
}

async function run(req: WireRequest, ctx: RunContext, model: ModelDefinition): Promise<RunOutcome> {
  const startedAt = ctx.now();
  const res = await send(req, ctx);
  if (!res.ok) throw await httpError(res, ctx, model);
  const prediction = parsePrediction(await readJson(res, PROVIDER), res.status, ctx);
  // Stored before anything else, even when the answer is already final: a crash while downloading collects by id.
  await ctx.submitted(prediction.id);
  return follow(prediction, ctx, model, startedAt, []);
}

/** Poll `urls.get` until the prediction ends; on our deadline, cancel it (a running prediction is billed). */
async function follow(first: Prediction, ctx: RunContext, model: ModelDefinition, startedAt: number, warnings: string[]): Promise<RunOutcome> {
  const urls = asRecord(first.urls);
  const getUrl = sameOrigin(urls?.get, ctx.baseUrl) ?? predictionUrl(ctx.baseUrl, first.id);
  const cancelUrl = sameOrigin(urls?.cancel, ctx.baseUrl) ?? `${predictionUrl(ctx.baseUrl, first.id)}/cancel`;
  let unknownNoted = false;

  const step = (p: Prediction): PollStep<Prediction> => {
    if (p.status === "succeeded") return { done: true, value: p };
    if (p.status === "failed" || p.status === "canceled" || p.status === "aborted") throw predictionError(p, ctx.apiKey);
    if (!runningStatuses.has(p.status) && !unknownNoted) {
      warnings.push(`Replicate reported an unfamiliar status "${p.status}"; kept waiting.`);
      unknownNoted = true;
    }
    return { done: false, phase: p.status };
  };

  const cancel = () => ctx.fetch(cancelUrl, { method: "POST", headers: { Authorization: `Bearer ${ctx.apiKey}` } });
  const initial = step(first);
  const done = initial.done
    ? initial.value
    : await pollUntil(ctx, async () => step(await getPrediction(getUrl, ctx, model)), {
        provider: PROVIDER,
        startedAt,
        warnings,
        phase: initial.phase,
        onTimeout: cancel,
        cancel: {
          send: cancel,
          // docs/providers/replicate.md: a prediction that never started ends `aborted` and is not charged.
          billing: "Replicate bills the time a prediction ran before it was cancelled; one that had not started is not charged.",
          mayBill: true,
        },
      });

  const images = outputUrls(done.output).map((url) => ({ kind: "url" as const, url }));
  if (images.length === 0) {
    throw new ProviderError("upstream", "Replicate reported success but sent no image URL (unexpected response).", {
      providerMessage: providerText(JSON.stringify(done.output ?? null), ctx.apiKey),
    });
  }
  // No seed field: the model's logs say "Using seed: N" when they say anything; else the runner keeps the one sent.
  const seed = typeof done.logs === "string" ? /seed[^0-9\n]{0,4}(\d+)/i.exec(done.logs)?.[1] : undefined;
  return { images, seed, requestId: done.id, warnings };
}

async function getPrediction(url: string, ctx: RunContext, model: ModelDefinition): Promise<Prediction> {
  const res = await ctx.fetch(url, { method: "GET", headers: { Authorization: `Bearer ${ctx.apiKey}` } });
  if (!res.ok) throw await httpError(res, ctx, model);
  return parsePrediction(await readJson(res, PROVIDER), res.status, ctx);
}

function parsePrediction(json: unknown, status: number, ctx: RunContext): Prediction {
  const body = asRecord(json);
  if (!body || typeof body.id !== "string" || body.id === "" || typeof body.status !== "string") {
    throw new ProviderError("upstream", "Replicate sent an unexpected prediction (no id or status).", {
      status,
      providerMessage: providerText(JSON.stringify(json), ctx.apiKey),
    });
  }
  return body as Prediction;
}

/** A URL the provider returned, kept only when it points where our key is meant to go. */
/** `output` is one URL or a list of them, depending on the model version (docs/providers/replicate.md, "Output"). */
export function outputUrls(output: unknown): string[] {
  const list = Array.isArray(output) ? output : [output];
  return list.filter((u): u is string => typeof u === "string" && /^https?:\/\/\S+$/i.test(u));
}

function predictionError(p: Prediction, apiKey: string): ProviderError {
  const said = typeof p.error === "string" ? p.error : firstMessage(asRecord(p.error), ["message", "detail"]);
  const words = providerText(said, apiKey);
  if (p.status === "aborted") {
    // Never started (a Cancel-After deadline passed in the queue): not charged.
    return new ProviderError("upstream", "Replicate reports the prediction was aborted before it started; it was not charged.", {
      providerMessage: words,
      terminal: true,
    });
  }
  if (p.status === "canceled") {
    // Cancelled while running (docs/providers/replicate.md, "Endpoints"): the time it ran is billed.
    return new ProviderError("upstream", "Replicate reports the prediction was canceled; any time it ran before that is billed.", {
      providerMessage: words,
      terminal: true,
      mayHaveBilled: true,
    });
  }
  if (said && /nsfw|safety|sensitive|flagged/i.test(said)) {
    return new ProviderError("content_filtered", "Replicate's safety checker flagged the image.", { providerMessage: words, terminal: true });
  }
  return new ProviderError("upstream", "Replicate reports the prediction failed.", { providerMessage: words, terminal: true });
}

/** Errors are `{detail}` (API) or `{error}`; a 422 names `input.<field>` (docs/providers/replicate.md, "Errors"). */
function httpError(res: Response, ctx: RunContext, model: ModelDefinition): Promise<ProviderError> {
  return errorFrom(res, ctx, { label: PROVIDER, said: messageOf, classify, fields: Object.keys(model.schema.shape) });
}

function messageOf(json: Record<string, unknown> | null): string | undefined {
  const invalid = Array.isArray(json?.invalid_fields) ? json.invalid_fields.map(asRecord) : [];
  const fields = invalid.map((f) => [f?.field, f?.description].filter((s) => typeof s === "string").join(": ")).filter(Boolean);
  return fields.length > 0 ? fields.join("; ") : firstMessage(json, ["detail", "error", "title"]);
}

function classify({ status, said, now }: ErrorReading): ErrorVerdict {
  if (status === 429) {
    // "Request was throttled. Your rate limit resets in ~30s." when no header says it.
    const seconds = /resets in ~?(\d+)\s*s/i.exec(said)?.[1];
    return { code: "rate_limited", retryAt: seconds ? new Date(now + Number(seconds) * 1000) : undefined };
  }
  if (status === 404) return { code: "rejected", summary: "Replicate could not find the model or prediction (HTTP 404)." };
  return { code: codeForStatus(status) };
}
