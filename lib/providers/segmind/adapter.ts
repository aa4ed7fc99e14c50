import "server-only";
import { z } from "zod";
import type { ImageSource, ProviderAdapter, RunOutcome, WireRequest } from "@/lib/providers/adapter";
import { ProviderError } from "@/lib/providers/errors";
import { errorFrom, providerText, send, type ErrorReading, type ErrorVerdict } from "@/lib/providers/http";
import { codeForStatus, decodeBase64, readBytes, seedFromJsonText, sniffImageMime } from "@/lib/providers/wire";
import { segmind } from "./definition";

const LABEL = segmind.label;

/** The v1 body when `base64: true`: one image, or (per Portkey's client) an array for batches. */
const base64Shape = z.object({ image: z.union([z.string(), z.array(z.string())]) });

export const segmindAdapter: ProviderAdapter = {
  buildRequest({ model, input, baseUrl, apiKey }): WireRequest {
    if (!segmind.models.includes(model)) {
      throw new ProviderError("internal", `${LABEL} has no model "${model.id}" in this playground.`);
    }
    const body: Record<string, unknown> = {};
    for (const key of Object.keys(model.schema.shape)) {
      if (input[key] !== undefined) body[key] = input[key];
    }
    // Left out, negative_prompt takes Segmind's default ("low quality, blurry", docs/providers/segmind.md): a cleared
    // field is sent as "" so what was sent is what ran, as comparisons do (lib/compare/map-text.ts).
    if (Object.hasOwn(model.schema.shape, "negative_prompt") && body.negative_prompt === undefined) body.negative_prompt = "";
    // Left out, the seed is the page's default 98552302, the same for every image; no seed means random here: −1.
    if (body.seed === undefined) body.seed = -1;
    // What v1 returns for a batch without base64 is undocumented (docs/providers/segmind.md, "Batches"), so batches ask for JSON.
    // SD3 Medium calls its batch `samples`.
    const count = input.batch_size ?? input.samples;
    const batch = typeof count === "number" ? count : 1;
    body.base64 = batch > 1;
    return {
      method: "POST",
      url: `${baseUrl.replace(/\/+$/, "")}/v1/${model.id}`,
      headers: {
        "x-api-key": apiKey,
        "Content-Type": "application/json",
        Accept: body.base64 ? "application/json" : "image/*, application/json",
      },
      body,
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
      images = parseBase64Body(text, res.status, ctx.apiKey);
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

function parseBase64Body(text: string, status: number, apiKey: string): ImageSource[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    const message = `${LABEL} sent a response that is neither an image nor JSON (HTTP ${status}).`;
    throw new ProviderError("upstream", message, { status, providerMessage: providerText(text, apiKey) });
  }
  const parsed = base64Shape.safeParse(json);
  if (!parsed.success) {
    throw new ProviderError("upstream", `${LABEL} sent an unexpected response without images (HTTP ${status}).`, {
      status,
      providerMessage: providerText(text, apiKey),
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

function messageOf(json: Record<string, unknown> | null): string | undefined {
  const own = json?.error ?? json?.["html-message"] ?? json?.message;
  return typeof own === "string" ? own : undefined;
}

function classify({ status, said }: ErrorReading): ErrorVerdict {
  if (status === 406 && /content[\s-]*type/i.test(said)) {
    const summary = `${LABEL} rejected the request's content type (HTTP 406), which is a bug in the playground.`;
    return { code: "internal", summary };
  }
  if (status === 406) return { code: "quota" }; // "Not enough credits" or the team's spend limit.
  if (status === 410) return { code: "upstream", summary: `${LABEL} has retired this model (HTTP 410).` };
  return { code: codeForStatus(status) }; // 401 auth, 400/422 invalid_input, 429 rate_limited, 504 timeout, 5xx upstream
}
