import "server-only";
import { z } from "zod";
import type { ImageSource, ProviderAdapter, RunOutcome, WireRequest } from "@/lib/providers/adapter";
import { ProviderError } from "@/lib/providers/errors";
import { errorFrom, providerText, send, type ErrorReading, type ErrorVerdict } from "@/lib/providers/http";
import type { ErrorCode } from "@/lib/providers/types";
import { codeForStatus, decodeBase64, readJson, seedFromJsonText, sniffImageMime, wideSeedOnWire } from "@/lib/providers/wire";
import { aimlapi } from "./definition";

const LABEL = aimlapi.label;

// The docs disagree on the success body (docs/providers/aimlapi.md, "Success body"): the current OpenAPI shape and the fal.ai
// shape shown in the examples. Both are accepted.
const dataShape = z.object({
  data: z.array(z.object({ url: z.string().nullish(), b64_json: z.string().nullish() })),
  meta: z.object({ usage: z.object({ credits_used: z.number() }).nullish() }).nullish(),
});
const falShape = z.object({
  images: z.array(
    z.object({
      url: z.string(),
      width: z.number().optional(),
      height: z.number().optional(),
      content_type: z.string().optional(),
    }),
  ),
  has_nsfw_concepts: z.array(z.boolean()).optional(),
});
const requestIdShape = z.object({ requestId: z.string().optional(), id: z.string().optional() });

export const aimlapiAdapter: ProviderAdapter = {
  buildRequest({ model, input, baseUrl, apiKey }): WireRequest {
    if (!aimlapi.models.includes(model)) {
      throw new ProviderError("internal", `${LABEL} has no model "${model.id}" in this playground.`);
    }
    const body: Record<string, unknown> = { model: model.id };
    for (const key of Object.keys(model.schema.shape)) {
      if (input[key] !== undefined) body[key] = input[key];
    }
    return {
      method: "POST",
      url: `${baseUrl.replace(/\/+$/, "")}/v1/images/generations`,
      headers: {
        Authorization: `Bearer ${apiKey}`,
        "Content-Type": "application/json",
        Accept: "application/json",
      },
      body: wideSeedOnWire(model.schema, body),
    };
  },

  async run(req, ctx, model) {
    const res = await send(req, ctx);
    let requestId = res.headers.get("x-request-id") ?? undefined;
    if (requestId) ctx.progress({ requestId });
    if (!res.ok) {
      throw await errorFrom(res, ctx, { label: LABEL, said: messageOf, classify, fields: Object.keys(model.schema.shape) });
    }

    const text = await res.clone().text();
    const json = await readJson(res, LABEL);
    if (!requestId) {
      const ids = requestIdShape.safeParse(json);
      requestId = ids.success ? (ids.data.requestId ?? ids.data.id) : undefined;
      if (requestId) ctx.progress({ requestId });
    }

    const outcome = parseSuccess(json, res.status, ctx.apiKey);
    const sent = req.body.seed;
    const sentSeed = typeof sent === "number" || typeof sent === "bigint" ? String(sent) : undefined;
    return { ...outcome, seed: seedFromJsonText(text) ?? sentSeed, requestId };
  },
};

function parseSuccess(json: unknown, status: number, apiKey: string): Omit<RunOutcome, "seed" | "requestId"> {
  const warnings: string[] = [];
  const images: ImageSource[] = [];
  let cost: RunOutcome["cost"];

  const data = dataShape.safeParse(json);
  const fal = data.success ? undefined : falShape.safeParse(json);
  if (data.success) {
    for (const item of data.data.data) {
      if (item.b64_json) images.push(bytesImage(item.b64_json, status));
      else if (item.url) images.push(urlImage(item.url, status));
    }
    const credits = data.data.meta?.usage?.credits_used;
    if (credits !== undefined) cost = { amount: credits, unit: "credits" };
  } else if (fal?.success) {
    fal.data.images.forEach((item, i) => {
      const nsfw = fal.data.has_nsfw_concepts?.[i];
      const image = urlImage(item.url, status);
      images.push(nsfw === undefined ? image : { ...image, nsfw });
      if (nsfw) warnings.push(`${LABEL} flagged image ${i + 1} as NSFW; its safety checker may have blanked it.`);
    });
  } else {
    throw new ProviderError("upstream", `${LABEL} sent an unexpected response without images (HTTP ${status}).`, {
      status,
      providerMessage: providerText(JSON.stringify(json), apiKey),
    });
  }

  if (images.length === 0) {
    throw new ProviderError("upstream", `${LABEL} answered without any images (HTTP ${status}).`, { status });
  }
  return { images, cost, warnings };
}

/** fal-style URLs can be data URLs (sync mode); those become bytes so the store keeps them. */
function urlImage(url: string, status: number): ImageSource {
  return url.startsWith("data:") ? bytesImage(url, status) : { kind: "url", url };
}

function bytesImage(base64: string, status: number): ImageSource {
  const data = decodeBase64(base64);
  const mime = sniffImageMime(data);
  if (!mime) {
    throw new ProviderError("upstream", `${LABEL} sent malformed image data that is not a known image format.`, {
      status,
    });
  }
  return { kind: "bytes", data, mime };
}

const statusCodes: Record<number, ErrorCode> = {
  400: "invalid_input",
  401: "auth",
  403: "quota", // "You've run out of credits…" is a 403 at AI/ML API, not a 402.
  429: "rate_limited",
  500: "upstream",
  502: "upstream",
  503: "upstream",
  504: "timeout", // "Generation timeout"
};

/** `message` is a string or, for validation errors, a list of strings. */
function messageOf(json: Record<string, unknown> | null): string | undefined {
  const raw = json?.message;
  return Array.isArray(raw) ? raw.map(String).join("; ") : typeof raw === "string" ? raw : undefined;
}

function classify({ status }: ErrorReading): ErrorVerdict {
  const code = statusCodes[status] ?? codeForStatus(status);
  if (status === 403) return { code, summary: `${LABEL} reports the account is out of credits (HTTP 403).` };
  return { code };
}
