import "server-only";
import type { ImageSource, ProviderAdapter, RunContext, RunOutcome, WireRequest } from "@/lib/providers/adapter";
import { ProviderError } from "@/lib/providers/errors";
import { errorFrom, providerText, send, type ErrorReading, type ErrorVerdict } from "@/lib/providers/http";
import type { ModelDefinition } from "@/lib/providers/types";
import { asRecord, codeForStatus, decodeBase64, firstMessage, readText, seedFromJsonText, sniffImageMime, wideSeedOnWire } from "@/lib/providers/wire";

const PROVIDER = "DeepInfra";

export const deepinfraAdapter: ProviderAdapter = {
  buildRequest({ model, input, baseUrl, apiKey }): WireRequest {
    const body: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(input)) if (value !== undefined && value !== null && value !== "") body[key] = value;
    return {
      method: "POST",
      // The model id is two path segments (stabilityai/sd3.5): each is encoded, the slash kept.
      url: `${baseUrl.replace(/\/+$/, "")}/v1/inference/${model.id.split("/").map(encodeURIComponent).join("/")}`,
      // Lower-case "bearer", as the model pages write it (docs/providers/deepinfra.md, "Endpoint").
      headers: { Authorization: `bearer ${apiKey}`, "Content-Type": "application/json" },
      body: wideSeedOnWire(model.schema, body),
    };
  },
  run,
};

async function run(req: WireRequest, ctx: RunContext, model: ModelDefinition): Promise<RunOutcome> {
  const res = await send(req, ctx);
  if (!res.ok) {
    throw await errorFrom(res, ctx, { label: PROVIDER, said: messageOf, classify, fields: Object.keys(model.schema.shape) });
  }
  const text = await readText(res, PROVIDER);
  let json: Record<string, unknown> | undefined;
  try {
    json = asRecord(JSON.parse(text));
  } catch {
    json = undefined;
  }
  if (!json) {
    throw new ProviderError("upstream", `DeepInfra sent a response that is not valid JSON (HTTP ${res.status}).`, {
      status: res.status,
      providerMessage: providerText(text.slice(0, 300), ctx.apiKey),
    });
  }
  const flags = Array.isArray(json.nsfw_content_detected) ? json.nsfw_content_detected : [];
  const warnings: string[] = [];
  const images: ImageSource[] = (Array.isArray(json.images) ? json.images : []).flatMap((item, i) => {
    const image = dataImage(item);
    const nsfw = flags[i] === true;
    // Worded as fal's, so a flagged image reads the same whichever provider made it.
    if (image && nsfw) warnings.push(`${PROVIDER}'s safety checker flagged image ${i + 1}; it may be blacked out.`);
    return image ? [{ ...image, nsfw: nsfw ? true : undefined }] : [];
  });
  if (images.length === 0) {
    throw new ProviderError("upstream", "DeepInfra answered without a readable image (unexpected response).", {
      status: res.status,
      providerMessage: providerText(text.slice(0, 300), ctx.apiKey),
    });
  }
  const status = asRecord(json.inference_status);
  const cost = typeof status?.cost === "number" && Number.isFinite(status.cost) ? status.cost : undefined;
  return {
    images,
    // From the raw text: a 64-bit seed loses digits in JSON.parse.
    seed: seedFromJsonText(text),
    requestId: typeof json.request_id === "string" ? json.request_id : undefined,
    // Reported in US dollars, stored as reported (docs/providers/deepinfra.md, "Response").
    cost: cost === undefined ? undefined : { amount: cost, unit: "usd" },
    warnings,
  };
}

/** `data:image/png;base64,…`; bare base64 is accepted too, typed by its bytes. */
function dataImage(item: unknown): { kind: "bytes"; data: Uint8Array; mime: string } | undefined {
  if (typeof item !== "string" || item === "") return undefined;
  const data = decodeBase64(item);
  const mime = sniffImageMime(data);
  return mime ? { kind: "bytes", data, mime } : undefined;
}

/** `{detail: {error}}` (inference), `{detail: "…"}` or `{error: {message}}` (OpenAI-compatible routes). */
function messageOf(json: Record<string, unknown> | null): string | undefined {
  const detail = asRecord(json?.detail);
  if (typeof detail?.error === "string" && detail.error) return detail.error;
  if (Array.isArray(json?.detail)) {
    return json.detail
      .map((d) => asRecord(d))
      .map((d) => [Array.isArray(d?.loc) ? d.loc.join(".") : undefined, d?.msg].filter(Boolean).join(": "))
      .join("; ");
  }
  return firstMessage(json, ["detail", "error", "message"]);
}

function classify({ status }: ErrorReading): ErrorVerdict {
  if (status === 402) return { code: "quota", summary: "DeepInfra reports the account has no balance or payment method (HTTP 402)." };
  if (status === 404) return { code: "rejected", summary: "DeepInfra could not find the model (HTTP 404)." };
  return { code: codeForStatus(status) };
}
