import "server-only";
import { z } from "zod";
import type { ImageSource, ProviderAdapter, RunContext, RunOutcome, WireRequest } from "@/lib/providers/adapter";
import { ProviderError } from "@/lib/providers/errors";
import { errorFrom, providerText, send, submitVerdict, type ErrorReading, type ErrorVerdict } from "@/lib/providers/http";
import { pollUntil, type PollStep } from "@/lib/providers/poll";
import type { ModelDefinition } from "@/lib/providers/types";
import { asRecord, codeForStatus, readJson, readText, sameOrigin, seedFromJsonText, wideSeedOnWire } from "@/lib/providers/wire";
import { fal } from "./definition";

const LABEL = fal.label;
const DEFAULT_QUEUE = fal.extraBaseUrls?.queue?.defaultUrl ?? "https://queue.fal.run";

/** The submit answer (docs/providers/fal.md, "Queue"). Its URLs are used as given: sub-paths are not in them. */
const submitted = z.object({
  request_id: z.string().min(1),
  status_url: z.string().url(),
  response_url: z.string().url(),
  cancel_url: z.string().url(),
});
type QueueUrls = Pick<z.infer<typeof submitted>, "status_url" | "response_url" | "cancel_url">;

const output = z.object({
  images: z.array(z.object({ url: z.string().min(1), content_type: z.string().optional() }).loose()).min(1),
  has_nsfw_concepts: z.array(z.boolean()).optional(),
});

export const falAdapter: ProviderAdapter = {
  buildRequest({ model, input, baseUrls, apiKey }): WireRequest {
    if (!fal.models.includes(model)) throw new ProviderError("internal", `${LABEL} has no model "${model.id}" in this playground.`);
    const body: Record<string, unknown> = {};
    for (const key of Object.keys(model.schema.shape)) {
      if (input[key] !== undefined && input[key] !== "") body[key] = input[key];
    }
    return {
      method: "POST",
      // Queue by default: a submit answers at once, and the job can be collected by id after a restart.
      url: `${(baseUrls?.queue ?? DEFAULT_QUEUE).replace(/\/+$/, "")}/${model.id}`,
      headers: { Authorization: `Key ${apiKey}`, "Content-Type": "application/json" },
      body: wideSeedOnWire(model.schema, body),
    };
  },

  async run(req, ctx, model) {
    const startedAt = ctx.now();
    const res = await send(req, ctx);
    if (!res.ok) throw await httpError(res, ctx, model, true);
    const parsed = submitted.safeParse(await readJson(res, LABEL));
    if (!parsed.success) {
      throw new ProviderError("upstream", `${LABEL} did not accept the request (unexpected response).`, { status: res.status });
    }
    const id = parsed.data.request_id;
    await ctx.submitted(id);
    // The answer's URLs, as long as they stay on the queue's host (the key goes with every call); else the pattern.
    const pattern = queueUrls(req, model, id);
    const urls = Object.fromEntries(
      (Object.keys(pattern) as (keyof QueueUrls)[]).map((k) => [k, sameOrigin(parsed.data[k], req.url) ?? pattern[k]]),
    ) as QueueUrls;
    return follow(id, urls, ctx, model, startedAt);
  },

  // After a restart only the id is known: fal's documented URL pattern, for the app without its sub-path.
  resume: (id, req, ctx, model) => follow(id, queueUrls(req, model, id), ctx, model, ctx.now()),
};

/** `{queue}/{owner}/{app}/requests/{id}`: the request URL minus the model id gives the queue host. */
export function queueUrls(req: WireRequest, model: ModelDefinition, id: string): QueueUrls {
  const host = req.url.endsWith(`/${model.id}`) ? req.url.slice(0, -model.id.length - 1) : DEFAULT_QUEUE;
  const app = model.id.split("/").slice(0, 2).join("/");
  const base = `${host}/${app}/requests/${encodeURIComponent(id)}`;
  return { status_url: `${base}/status`, response_url: base, cancel_url: `${base}/cancel` };
}

async function follow(id: string, urls: QueueUrls, ctx: RunContext, model: ModelDefinition, startedAt: number): Promise<RunOutcome> {
  const auth = { Authorization: `Key ${ctx.apiKey}` };
  const warnings: string[] = [];
  let responseUrl = urls.response_url;

  const check = async (): Promise<PollStep<string>> => {
    const r = await ctx.fetch(urls.status_url, { method: "GET", headers: auth });
    if (!r.ok) throw await httpError(r, ctx, model);
    const body = asRecord(await readJson(r, LABEL));
    const status = body?.status;
    responseUrl = sameOrigin(body?.response_url, urls.status_url) ?? responseUrl;
    // The result is read inside the check: a 5xx, 429 or dropped connection on it is retried like a status check,
    // rather than losing an image that is done and paid for.
    if (status === "COMPLETED") return { done: true, value: await readResult(responseUrl, ctx, model) };
    if (status === "FAILED" || status === "CANCELED" || status === "CANCELLED") {
      const said = typeof body?.error === "string" ? body.error : undefined;
      const verb = status === "FAILED" ? "reports the request failed" : "reports the request was cancelled";
      throw new ProviderError("upstream", `${LABEL} ${verb}.`, { providerMessage: providerText(said, ctx.apiKey), terminal: true });
    }
    if (status === "IN_QUEUE") {
      const position = typeof body?.queue_position === "number" ? body.queue_position : undefined;
      return { done: false, phase: position === undefined ? "in queue" : `in queue (position ${position + 1})` };
    }
    if (status === "IN_PROGRESS") return { done: false, phase: "in progress" };
    throw new ProviderError("upstream", `${LABEL} sent an unexpected status while polling.`, {
      providerMessage: providerText(JSON.stringify(body), ctx.apiKey),
    });
  };

  const cancel = () => ctx.fetch(urls.cancel_url, { method: "PUT", headers: auth });
  const text = await pollUntil(ctx, check, {
    provider: LABEL,
    startedAt,
    warnings,
    // Cancelling only works while the request is queued; it is still worth a try, a job left running costs money.
    onTimeout: cancel,
    // fal accepts a cancel only while the request waits in its queue (docs/providers/fal.md), before it ran.
    cancel: { send: cancel, billing: "fal cancels a request only while it waits in the queue, before it runs, so it was not billed.", mayBill: false },
  });

  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ProviderError("upstream", `${LABEL} sent a result that is not valid JSON.`);
  }
  const result = output.safeParse(json);
  if (!result.success) {
    throw new ProviderError("upstream", `${LABEL} reported success but sent no image (unexpected response).`, {
      providerMessage: providerText(text, ctx.apiKey),
    });
  }
  const images: ImageSource[] = result.data.images.map((image, i) => {
    const nsfw = result.data.has_nsfw_concepts?.[i];
    if (nsfw) warnings.push(`${LABEL}'s safety checker flagged image ${i + 1}; it may be blacked out.`);
    return nsfw === undefined ? { kind: "url", url: image.url } : { kind: "url", url: image.url, nsfw };
  });
  return { images, seed: seedFromJsonText(text), requestId: id, warnings };
}

/** A request that failed after it started reports COMPLETED; its result is then the error (e.g. a 422 detail[]). */
async function readResult(url: string, ctx: RunContext, model: ModelDefinition): Promise<string> {
  const r = await ctx.fetch(url, { method: "GET", headers: { Authorization: `Key ${ctx.apiKey}` } });
  if (!r.ok) throw await httpError(r, ctx, model);
  return readText(r, LABEL);
}

/** 422 is `{detail: [{loc, msg, type}]}`; other errors `{detail: "…"}` or `{message}` (docs/providers/fal.md, "Errors"). */
/** `submitting`: a 404 then means no such model at this base URL; while polling it may be the queue catching up. */
function httpError(res: Response, ctx: RunContext, model: ModelDefinition, submitting = false): Promise<ProviderError> {
  const verdict = submitting ? submitVerdict(classify, `${LABEL} has no model ${model.id}`) : classify;
  return errorFrom(res, ctx, { label: LABEL, said: messageOf, classify: verdict, fields: Object.keys(model.schema.shape) });
}

/** "num_images: Input should be less than or equal to 4": the field first, so the form can mark it. */
function messageOf(json: Record<string, unknown> | null): string | undefined {
  const detail = json?.detail;
  if (Array.isArray(detail)) {
    const parts = detail.map(asRecord).flatMap((d) => {
      if (!d) return [];
      const loc = Array.isArray(d.loc) ? d.loc.filter((p) => p !== "body").join(".") : "";
      return [`${loc ? `${loc}: ` : ""}${typeof d.msg === "string" ? d.msg : "invalid"}`];
    });
    if (parts.length > 0) return parts.join("; ");
  }
  if (typeof detail === "string" && detail) return detail;
  return typeof json?.message === "string" && json.message ? json.message : undefined;
}

function classify({ status, said }: ErrorReading): ErrorVerdict {
  if (status === 403 && /balance|credit|billing|locked|payment/i.test(said)) return { code: "quota" };
  if (status === 404) return { code: "upstream", summary: `${LABEL} could not find the model or request (HTTP 404).` };
  return { code: codeForStatus(status) }; // 401/403 auth, 400/422 invalid_input, 429 rate_limited, 5xx upstream
}
