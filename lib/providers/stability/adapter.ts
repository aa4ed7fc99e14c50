import "server-only";
import type { ImageSource, ProviderAdapter, RunOutcome, WireRequest } from "@/lib/providers/adapter";
import { ProviderError } from "@/lib/providers/errors";
import { errorFrom, providerText, send, type ErrorReading, type ErrorVerdict } from "@/lib/providers/http";
import { asRecord, codeForStatus, decodeBase64, readBytes, seedFromJsonText, sniffImageMime } from "@/lib/providers/wire";
import { stability } from "./definition";

const LABEL = stability.label;
/** docs/providers/stability.md, "Errors": a 429 is followed by a 60-second timeout (support article). */
const RATE_LIMIT_PAUSE_MS = 60_000;

export const stabilityAdapter: ProviderAdapter = {
  buildRequest({ model, input, baseUrl, apiKey }): WireRequest {
    if (!stability.models.includes(model)) {
      throw new ProviderError("internal", `${LABEL} has no model "${model.id}" in this playground.`);
    }
    const image = typeof input.image === "string" && input.image !== "" ? input.image : undefined;
    const body: Record<string, unknown> = { prompt: input.prompt, mode: image ? "image-to-image" : "text-to-image" };
    if (image) {
      body.image = image;
      body.strength = input.strength;
    } else {
      // aspect_ratio is text-to-image only; with an image the output keeps the image's shape.
      body.aspect_ratio = input.aspect_ratio;
    }
    body.model = model.id;
    for (const key of ["negative_prompt", "cfg_scale", "seed", "output_format"] as const) {
      if (input[key] !== undefined && input[key] !== "" && Object.hasOwn(model.schema.shape, key)) body[key] = input[key];
    }
    return {
      method: "POST",
      url: `${baseUrl.replace(/\/+$/, "")}/v2beta/stable-image/generate/sd3`,
      // Raw bytes: the seed and finish reason come back as headers (docs/providers/stability.md, "Response").
      headers: { Authorization: `Bearer ${apiKey}`, Accept: "image/*" },
      body,
      encoding: "multipart",
    };
  },

  async run(req, ctx, model) {
    const res = await send(req, ctx);
    const requestId = res.headers.get("x-request-id") ?? undefined;
    if (requestId) ctx.progress({ requestId });
    if (!res.ok) {
      throw await errorFrom(res, ctx, { label: LABEL, said: messageOf, classify, fields: Object.keys(model.schema.shape) });
    }
    const bytes = await readBytes(res, LABEL);
    const answer = sniffImageMime(bytes)
      ? { data: bytes, finishReason: res.headers.get("finish-reason"), seed: res.headers.get("seed") }
      : jsonAnswer(bytes, res, ctx.apiKey);
    const mime = sniffImageMime(answer.data);
    if (!mime) throw new ProviderError("upstream", `${LABEL} sent image data that is not a known image format.`, { status: res.status });

    const warnings: string[] = [];
    const filtered = answer.finishReason === "CONTENT_FILTERED";
    if (filtered) {
      warnings.push(
        `${LABEL}'s content filter blurred this image (finish reason CONTENT_FILTERED). Stability still charges for it.`,
      );
    }
    const image: ImageSource = { kind: "bytes", data: answer.data, mime, ...(filtered ? { nsfw: true } : {}) };
    const seed = answer.seed?.trim();
    return { images: [image], seed: seed && /^\d+$/.test(seed) ? seed : undefined, requestId, warnings } satisfies RunOutcome;
  },
};

/** `Accept: application/json` (or a server that ignores Accept): `{image, finish_reason, seed}`, no headers. */
function jsonAnswer(bytes: Uint8Array, res: Response, apiKey: string) {
  const text = new TextDecoder().decode(bytes);
  let json: Record<string, unknown> | undefined;
  try {
    json = asRecord(JSON.parse(text));
  } catch {
    json = undefined;
  }
  if (typeof json?.image !== "string" || json.image === "") {
    throw new ProviderError("upstream", `${LABEL} sent a response that is neither an image nor its JSON form (HTTP ${res.status}).`, {
      status: res.status,
      providerMessage: providerText(text, apiKey),
    });
  }
  const finishReason = typeof json.finish_reason === "string" ? json.finish_reason : res.headers.get("finish-reason");
  return { data: decodeBase64(json.image), finishReason, seed: seedFromJsonText(text) ?? res.headers.get("seed") };
}

/** Errors are `{id, name, errors: ["field: message", …]}` (docs/providers/stability.md, "Errors"). */
function messageOf(json: Record<string, unknown> | null): string | undefined {
  const errors = Array.isArray(json?.errors) ? json.errors.filter((e): e is string => typeof e === "string") : [];
  if (errors.length > 0) return errors.join("; ");
  const message = json?.message ?? json?.name;
  return typeof message === "string" && message ? message : undefined;
}

function classify({ status, json, now }: ErrorReading): ErrorVerdict {
  if (status === 403 && json?.name === "content_moderation") {
    return { code: "content_filtered", summary: `${LABEL}'s content moderation refused the request (HTTP 403); it was not charged.` };
  }
  if (status === 413) {
    return { code: "invalid_input", summary: `${LABEL} refused the request as larger than 10 MiB (HTTP 413); use a smaller input image.` };
  }
  if (status === 429) return { code: "rate_limited", retryAt: new Date(now + RATE_LIMIT_PAUSE_MS) };
  return { code: codeForStatus(status) }; // 400/422 invalid_input, 401/403 auth, 402 quota, 5xx upstream
}
