import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import type { WireRequest } from "@/lib/providers/adapter";
import { fakeContext, jsonResponse } from "@/lib/providers/testing";
import { ProviderError } from "@/lib/providers/errors";
import { segmind } from "./definition";
import { segmindAdapter } from "./adapter";
import { unknownModel } from "@/lib/providers/testing";

const KEY = "SG_0123456789abcdef";
const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);
const MODEL = "stable-diffusion-3.5-large-txt2img";
let png: Uint8Array<ArrayBuffer>;
let jpeg: Uint8Array<ArrayBuffer>;

beforeAll(async () => {
  const img = sharp({ create: { width: 2, height: 2, channels: 3, background: "#0f0" } });
  png = new Uint8Array(await img.clone().png().toBuffer());
  jpeg = new Uint8Array(await img.clone().jpeg().toBuffer());
});



const json = jsonResponse;
const fakeCtx = (response: Response) => fakeContext({ apiKey: KEY, baseUrl: "https://api.segmind.com", responses: [response], now: NOW, pollIntervalMs: 10 });

function request(input: Record<string, unknown> = {}): WireRequest {
  return segmindAdapter.buildRequest({
    model: segmind.models.find((m) => m.id === MODEL)!,
    input: { ...segmind.models[0]!.defaults, prompt: "a fox", seed: 98552302, ...input },
    baseUrl: "https://api.segmind.com",
    apiKey: KEY,
  });
}

async function failure(response: Response, req = request()): Promise<ProviderError> {
  const error = await segmindAdapter.run(req, fakeCtx(response).ctx, segmind.models[0]!).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe("segmindAdapter.buildRequest", () => {
  it("sends no seed as −1 (random): left out, Segmind uses its page default 98552302 for every image", () => {
    // A suite or comparison whose seed is "random", or an API call without one, has no seed in its input.
    for (const model of segmind.models) {
      const req = segmindAdapter.buildRequest({ model, input: { ...model.defaults, prompt: "a fox" }, baseUrl: "https://api.segmind.com", apiKey: KEY });
      expect(req.body.seed, model.id).toBe(-1);
    }
    expect(request({ seed: 0 }).body.seed).toBe(0);
  });

  it("sends a cleared negative prompt as \"\", so Segmind's own default (\"low quality, blurry\") does not apply unseen", () => {
    // The form turns an emptied optional textarea into undefined; omitted, the field takes Segmind's documented default.
    for (const model of segmind.models) {
      const input: Record<string, unknown> = { ...model.defaults, prompt: "a fox" };
      delete input.negative_prompt;
      const req = segmindAdapter.buildRequest({ model, input, baseUrl: "https://api.segmind.com", apiKey: KEY });
      expect(req.body.negative_prompt, model.id).toBe("");
    }
  });

  it("builds the documented v1 request, asking for raw bytes for one image", () => {
    const req = segmindAdapter.buildRequest({
      model: segmind.models.find((m) => m.id === MODEL)!,
      input: { ...segmind.models[0]!.defaults, prompt: "a fox", seed: 98552302, steps: 25, extra: "dropped" },
      baseUrl: "https://api.segmind.com/",
      apiKey: KEY,
    });
    expect(req).toEqual({
      method: "POST",
      url: "https://api.segmind.com/v1/stable-diffusion-3.5-large-txt2img",
      headers: { "x-api-key": KEY, "Content-Type": "application/json", Accept: "image/*, application/json" },
      body: {
        prompt: "a fox",
        negative_prompt: "low quality, blurry",
        steps: 25,
        guidance_scale: 5.5,
        seed: 98552302,
        sampler: "euler",
        scheduler: "sgm_uniform",
        width: 1024,
        height: 1024,
        aspect_ratio: "custom",
        batch_size: 1,
        image_format: "jpeg",
        image_quality: 95,
        base64: false,
      },
    });
  });

  it("switches to base64 JSON for batches and leaves out unset fields", () => {
    const req = segmindAdapter.buildRequest({
      model: segmind.models.find((m) => m.id === MODEL)!,
      input: { prompt: "a fox", sampler: "dpmpp_2m", scheduler: "karras", batch_size: 3, seed: undefined },
      baseUrl: "http://localhost:4010",
      apiKey: KEY,
    });
    expect(req).toEqual({
      method: "POST",
      url: "http://localhost:4010/v1/stable-diffusion-3.5-large-txt2img",
      headers: { "x-api-key": KEY, "Content-Type": "application/json", Accept: "application/json" },
      // Except negative_prompt and seed: left out, Segmind would apply its own defaults ("low quality, blurry", 98552302).
      body: { prompt: "a fox", sampler: "dpmpp_2m", scheduler: "karras", batch_size: 3, negative_prompt: "", seed: -1, base64: true },
    });
  });

  it("refuses a model it does not know", () => {
    expect(() => segmindAdapter.buildRequest({ model: unknownModel("sdxl"), input: {}, baseUrl: "https://x", apiKey: KEY })).toThrow(
      expect.objectContaining({ code: "internal" }),
    );
  });
});

describe("segmindAdapter.run", () => {
  it("reads raw image bytes and the accounting headers", async () => {
    const req = request();
    const { ctx, calls, progress } = fakeCtx(
      new Response(jpeg, {
        headers: {
          "content-type": "image/jpeg",
          "x-seed-value": "98552302",
          "x-cost": "0.0142",
          "x-request-id": "seg-1",
          "x-remaining-credits": "4.2",
        },
      }),
    );
    const outcome = await segmindAdapter.run(req, ctx, segmind.models[0]!);
    expect(calls).toEqual([{ url: req.url, method: "POST", headers: req.headers, body: JSON.stringify(req.body) }]);
    expect(progress).toEqual([{ requestId: "seg-1" }]);
    expect(outcome).toEqual({
      images: [{ kind: "bytes", data: jpeg, mime: "image/jpeg" }],
      seed: "98552302",
      requestId: "seg-1",
      cost: { amount: 0.0142, unit: "usd" },
      warnings: [],
    });
  });

  it("sniffs WebP bytes", async () => {
    const webp = new Uint8Array(
      await sharp({ create: { width: 2, height: 2, channels: 3, background: "#00f" } }).webp().toBuffer(),
    );
    const outcome = await segmindAdapter.run(
      request({ image_format: "webp" }),
      fakeCtx(new Response(webp, { headers: { "content-type": "image/webp" } })).ctx, segmind.models[0]!
    );
    expect(outcome.images).toEqual([{ kind: "bytes", data: webp, mime: "image/webp" }]);
  });

  it("falls back to the seed it sent, unless that was -1 (random)", async () => {
    const image = () => new Response(png, { headers: { "content-type": "image/png" } });
    const sent = await segmindAdapter.run(request({ seed: 12345 }), fakeCtx(image()).ctx, segmind.models[0]!);
    expect(sent).toMatchObject({ seed: "12345", cost: undefined, requestId: undefined });
    expect(sent.images).toEqual([{ kind: "bytes", data: png, mime: "image/png" }]);
    const random = await segmindAdapter.run(request({ seed: -1 }), fakeCtx(image()).ctx, segmind.models[0]!);
    expect(random.seed).toBeUndefined();
  });

  it("decodes a base64 JSON body, with or without a data: prefix", async () => {
    const b64 = Buffer.from(png).toString("base64");
    const single = await segmindAdapter.run(
      request({ batch_size: 2 }),
      fakeCtx(json({ image: `data:image/png;base64,${b64}`, status: "Success", infer_time: 17.2 })).ctx, segmind.models[0]!
    );
    expect(single.images).toEqual([{ kind: "bytes", data: png, mime: "image/png" }]);
    const batch = await segmindAdapter.run(
      request({ batch_size: 2 }),
      fakeCtx(json({ image: [b64, Buffer.from(jpeg).toString("base64")] }, 200, { "x-seed-value": "77" })).ctx, segmind.models[0]!
    );
    expect(batch.images).toEqual([
      { kind: "bytes", data: png, mime: "image/png" },
      { kind: "bytes", data: jpeg, mime: "image/jpeg" },
    ]);
    expect(batch.seed).toBe("77");
  });

  it("rejects bytes that are not a real image as malformed", async () => {
    const raw = await failure(new Response("not a jpeg", { headers: { "content-type": "image/jpeg" } }));
    expect(raw).toMatchObject({ code: "upstream", message: expect.stringMatching(/malformed/) });
    const b64 = await failure(json({ image: Buffer.from("nope").toString("base64") }));
    expect(b64).toMatchObject({ code: "upstream", message: expect.stringMatching(/malformed/) });
  });

  it("treats a body that is neither an image nor the documented JSON as an upstream failure", async () => {
    expect(await failure(new Response("{oops", { headers: { "content-type": "application/json" } }))).toMatchObject({
      code: "upstream",
      status: 200,
    });
    expect(await failure(json({ status: "Success" }))).toMatchObject({
      code: "upstream",
      message: expect.stringMatching(/unexpected response/),
    });
    expect(await failure(json({ image: [] }))).toMatchObject({ code: "upstream" });
  });
});

describe("segmindAdapter.run errors", () => {
  it.each([
    [401, "Unauthorized. API key is invalid", "auth"],
    [403, "Forbidden", "auth"],
    [406, "Not enough credits", "quota"],
    [406, "Team spend limit reached", "quota"],
    [406, "Invalid content type", "internal"],
    [400, "Bad request", "invalid_input"],
    [422, "Validation failed", "invalid_input"],
    [410, "This model has been retired", "upstream"],
    [500, "Internal server error", "upstream"],
    [502, "Bad gateway", "upstream"],
    [504, "Request timed out", "timeout"],
  ] as const)("maps HTTP %i %j to %s", async (status, message, code) => {
    const err = await failure(json({ error: message }, status));
    expect(err).toMatchObject({ code, status, providerMessage: message });
    expect(err.message).toMatch(/^Segmind .*\(HTTP \d+\)/);
  });

  it("says a 410 means the model is retired", async () => {
    const err = await failure(json({ error: "gone" }, 410));
    expect(err.message).toBe("Segmind has retired this model (HTTP 410).");
  });

  it("names the field a 422 complains about", async () => {
    const err = await failure(json({ error: "steps: ensure this value is less than or equal to 70" }, 422));
    expect(err).toMatchObject({ field: "steps", message: "Segmind rejected the value of steps (HTTP 422)." });
  });

  it("reads html-message bodies and HTML pages", async () => {
    const htmlMessage = await failure(json({ "html-message": "Model <b>not found</b>" }, 404));
    expect(htmlMessage).toMatchObject({ code: "rejected", providerMessage: "Model not found" });
    const page = await failure(
      new Response("<html><body><h1>405 Method Not Allowed</h1></body></html>", {
        status: 405,
        headers: { "content-type": "text/html" },
      }),
    );
    expect(page).toMatchObject({ code: "rejected", status: 405, providerMessage: "405 Method Not Allowed" });
  });

  it("maps 429 to rate_limited with retryAt from x-rate-limit-reset-at-utc or x-ratelimit-reset", async () => {
    const iso = await failure(
      json({ error: "Rate limit exceeded" }, 429, { "x-rate-limit-reset-at-utc": "2026-01-01T12:01:00Z" }),
    );
    expect(iso).toMatchObject({ code: "rate_limited", retryAt: new Date(Date.UTC(2026, 0, 1, 12, 1, 0)) });
    const naive = await failure(json({ error: "Rate limit" }, 429, { "x-rate-limit-reset-at-utc": "2026-01-01T12:02:00" }));
    expect(naive.retryAt).toEqual(new Date(Date.UTC(2026, 0, 1, 12, 2, 0)));
    const epoch = await failure(json({ error: "Rate limit" }, 429, { "x-ratelimit-reset": String(NOW / 1000 + 90) }));
    expect(epoch.retryAt).toEqual(new Date(NOW + 90_000));
    const none = await failure(json({ error: "Rate limit" }, 429));
    expect(none).toMatchObject({ code: "rate_limited", retryAt: undefined });
  });

  it("never repeats the key", async () => {
    const err = await failure(json({ error: `API key ${KEY} is invalid` }, 401));
    expect(err.providerMessage).toBe("API key [redacted] is invalid");
    expect(`${err.message} ${err.providerMessage}`).not.toContain(KEY);
  });

  it("redacts the key every time the provider's message repeats it", async () => {
    const err = await failure(json({ error: `Key ${KEY} is not valid; got ${KEY}` }, 401));
    expect(err.providerMessage).toBe("Key [redacted] is not valid; got [redacted]");
  });
});
