import "server-only";
import { z } from "zod";
import type { ImageSource, ProviderAdapter, RunContext, RunOutcome, WireRequest } from "../adapter";
import { ProviderError } from "../errors";
import {
  codeForStatus,
  decodeBase64,
  excerpt,
  fieldFromMessage,
  readErrorBody,
  retryAtFromHeaders,
  seedFromJsonText,
  sniffImageMime,
} from "../http";
import { errorSummaries, type ErrorCode } from "../types";
import { segmind } from "./definition";

const LABEL = segmind.label;

/** The v1 body when `base64: true`: one image, or (per Portkey's client) an array for batches. */
const base64Shape = z.object({ image: z.union([z.string(), z.array(z.string())]) });

function findModel(modelId: string) {
  return segmind.models.find((m) => m.id === modelId);
}

export const segmindAdapter: ProviderAdapter = {
  buildRequest({ modelId, input, baseUrl, apiKey }): WireRequest {
    const model = findModel(modelId);
    if (!model) throw new ProviderError("internal", `${LABEL} has no model "${modelId}" in this playground.`);
    const body: Record<string, unknown> = {};
    for (const key of Object.keys(model.schema.shape)) {
      if (input[key] !== undefined) body[key] = input[key];
    }
    // What v1 returns for a batch without base64 is undocumented (providers.md 13.8), so batches ask for JSON.
    const batch = typeof input.batch_size === "number" ? input.batch_size : 1;
    body.base64 = batch > 1;
    return {
      method: "POST",
      url: `${baseUrl.replace(/\/+$/, "")}/v1/${modelId}`,
      headers: {
        "x-api-key": apiKey,
        "Content-Type": "application/json",
        Accept: body.base64 ? "application/json" : "image/*, application/json",
      },
      body,
    };
  },

  async run(req, ctx) {
    const res = await ctx.fetch(req.url, { method: req.method, headers: req.headers, body: JSON.stringify(req.body) });
    const requestId = res.headers.get("x-request-id") ?? undefined;
    if (requestId) ctx.progress({ requestId });
    if (!res.ok) throw await errorFor(res, req, ctx);

    const bytes = new Uint8Array(await res.arrayBuffer());
    const contentType = res.headers.get("content-type") ?? "";
    const rawMime = sniffImageMime(bytes);
    let images: ImageSource[];
    let bodySeed: string | undefined;
    if (rawMime) {
      images = [{ kind: "bytes", data: bytes, mime: rawMime }];
    } else if (contentType.startsWith("image/")) {
      throw malformed(res.status);
    } else {
      const text = new TextDecoder().decode(bytes);
      images = parseBase64Body(text, res.status);
      bodySeed = seedFromJsonText(text);
    }

    const sentSeed = typeof req.body.seed === "number" && req.body.seed >= 0 ? String(req.body.seed) : undefined;
    const cost = Number(res.headers.get("x-cost") ?? Number.NaN);
    return {
      images,
      seed: res.headers.get("x-seed-value")?.trim() || bodySeed || sentSeed,
      requestId,
      cost: Number.isFinite(cost) ? { amount: cost, unit: "usd" } : undefined,
      warnings: [],
    } satisfies RunOutcome;
  },
};

function parseBase64Body(text: string, status: number): ImageSource[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    const message = `${LABEL} sent a response that is neither an image nor JSON (HTTP ${status}).`;
    throw new ProviderError("upstream", message, { status, providerMessage: excerpt(text) });
  }
  const parsed = base64Shape.safeParse(json);
  if (!parsed.success) {
    throw new ProviderError("upstream", `${LABEL} sent an unexpected response without images (HTTP ${status}).`, {
      status,
      providerMessage: excerpt(text),
    });
  }
  const encoded = Array.isArray(parsed.data.image) ? parsed.data.image : [parsed.data.image];
  if (encoded.length === 0) {
    throw new ProviderError("upstream", `${LABEL} answered without any images (HTTP ${status}).`, { status });
  }
  return encoded.map((b64) => {
    const data = decodeBase64(b64);
    const mime = sniffImageMime(data);
    if (!mime) throw malformed(status);
    return { kind: "bytes", data, mime };
  });
}

function malformed(status: number): ProviderError {
  return new ProviderError("upstream", `${LABEL} sent malformed image data that is not a known image format.`, {
    status,
  });
}

async function errorFor(res: Response, req: WireRequest, ctx: RunContext): Promise<ProviderError> {
  const { text, json } = await readErrorBody(res);
  const own = json?.error ?? json?.["html-message"] ?? json?.message;
  const message = typeof own === "string" ? own : text;
  const providerMessage = redact(excerpt(message) ?? excerpt(text), ctx.apiKey);

  let code: ErrorCode;
  let summary: string | undefined;
  if (res.status === 406 && /content[\s-]*type/i.test(message)) {
    code = "internal";
    summary = `${LABEL} rejected the request's content type (HTTP 406), which is a bug in the playground.`;
  } else if (res.status === 406) {
    code = "quota"; // "Not enough credits" or the team's spend limit.
  } else if (res.status === 410) {
    code = "upstream";
    summary = `${LABEL} has retired this model (HTTP 410).`;
  } else {
    code = codeForStatus(res.status); // 401 auth, 400/422 invalid_input, 429 rate_limited, 504 timeout, 5xx upstream
  }

  const model = findModel(req.url.slice(req.url.lastIndexOf("/") + 1));
  const fields = Object.keys(model?.schema.shape ?? {});
  const field = code === "invalid_input" ? fieldFromMessage(message, fields) : undefined;
  if (field) summary = `${LABEL} rejected the value of ${field} (HTTP ${res.status}).`;

  return new ProviderError(code, summary ?? `${LABEL} ${errorSummaries[code]} (HTTP ${res.status}).`, {
    status: res.status,
    providerMessage,
    field,
    retryAt: code === "rate_limited" ? retryAtFromHeaders(res.headers, ctx.now()) : undefined,
  });
}

function redact(text: string | undefined, secret: string): string | undefined {
  return text && secret ? text.split(secret).join("[key]") : text;
}
