import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import type { WireRequest } from "@/lib/providers/adapter";
import { ProviderError } from "@/lib/providers/errors";
import { fakeContext, jsonResponse as json, unknownModel } from "@/lib/providers/testing";
import { stability } from "./definition";
import { stabilityAdapter } from "./adapter";

const KEY = "sk-stab0123456789abcdef";
const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);
const BASE = "https://api.stability.ai";
const large = stability.models.find((m) => m.id === "sd3.5-large")!;
const turbo3 = stability.models.find((m) => m.id === "sd3-large-turbo")!;
let png: Uint8Array<ArrayBuffer>;

beforeAll(async () => {
  png = new Uint8Array(await sharp({ create: { width: 2, height: 2, channels: 3, background: "#0f0" } }).png().toBuffer());
});

const ctxFor = (response: Response) => fakeContext({ apiKey: KEY, baseUrl: BASE, responses: [response], now: NOW });

function request(input: Record<string, unknown> = {}, model = large): WireRequest {
  return stabilityAdapter.buildRequest({ model, input: { ...model.defaults, prompt: "a fox", ...input }, baseUrl: BASE, apiKey: KEY });
}

async function failure(response: Response): Promise<ProviderError> {
  const error = await stabilityAdapter.run(request(), ctxFor(response).ctx, large).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe("stabilityAdapter.buildRequest", () => {
  it("builds the documented multipart text-to-image request with the key as a Bearer token", () => {
    const req = request({ seed: 42, negative_prompt: "blurry", cfg_scale: 4.5, aspect_ratio: "16:9" });
    expect(req).toEqual({
      method: "POST",
      url: "https://api.stability.ai/v2beta/stable-image/generate/sd3",
      headers: { Authorization: `Bearer ${KEY}`, Accept: "image/*" },
      encoding: "multipart",
      body: {
        prompt: "a fox",
        mode: "text-to-image",
        aspect_ratio: "16:9",
        model: "sd3.5-large",
        negative_prompt: "blurry",
        cfg_scale: 4.5,
        seed: 42,
        output_format: "png",
      },
    });
  });

  it("sends image-to-image with the image and strength, and no aspect ratio", () => {
    const image = "data:image/png;base64,iVBORw0KGgo=";
    const req = request({ image, strength: 0.35, aspect_ratio: "21:9" });
    expect(req.body).toEqual({ prompt: "a fox", mode: "image-to-image", image, strength: 0.35, model: "sd3.5-large", seed: 0, output_format: "png" });
  });

  it("never sends a negative prompt to sd3-large-turbo", () => {
    const req = request({ negative_prompt: "blurry" }, turbo3);
    expect(req.body).not.toHaveProperty("negative_prompt");
    expect(req.body.model).toBe("sd3-large-turbo");
  });

  it("refuses a model it does not know", () => {
    expect(() => stabilityAdapter.buildRequest({ model: unknownModel("sdxl"), input: {}, baseUrl: BASE, apiKey: KEY })).toThrow(
      expect.objectContaining({ code: "internal" }),
    );
  });
});

describe("stabilityAdapter.run", () => {
  it("sends multipart form data and reads raw bytes with the seed and finish-reason headers", async () => {
    const req = request({ seed: 42 });
    const { ctx, calls, progress } = ctxFor(
      new Response(png, { headers: { "content-type": "image/png", seed: "42", "finish-reason": "SUCCESS", "x-request-id": "st-1" } }),
    );
    const outcome = await stabilityAdapter.run(req, ctx, large);
    expect(calls).toHaveLength(1);
    const sent = calls[0]!.body as FormData;
    expect(sent).toBeInstanceOf(FormData);
    expect(Object.fromEntries(sent.entries())).toEqual({
      prompt: "a fox",
      mode: "text-to-image",
      aspect_ratio: "1:1",
      model: "sd3.5-large",
      seed: "42",
      output_format: "png",
    });
    // fetch writes the multipart content type (with its boundary) itself.
    expect(calls[0]!.headers).toEqual({ Authorization: `Bearer ${KEY}`, Accept: "image/*" });
    expect(progress).toEqual([{ requestId: "st-1" }]);
    expect(outcome).toEqual({ images: [{ kind: "bytes", data: png, mime: "image/png" }], seed: "42", requestId: "st-1", warnings: [] });
  });

  it("uploads the input image as a file part", async () => {
    const image = `data:image/png;base64,${Buffer.from(png).toString("base64")}`;
    const { ctx, calls } = ctxFor(new Response(png, { headers: { "content-type": "image/png", seed: "1" } }));
    await stabilityAdapter.run(request({ image, strength: 0.5 }), ctx, large);
    const file = (calls[0]!.body as FormData).get("image");
    expect(file).toBeInstanceOf(Blob);
    expect(new Uint8Array(await (file as Blob).arrayBuffer())).toEqual(png);
  });

  it("reads the JSON form: base64 image, finish_reason and a seed in the body", async () => {
    const body = `{"image":"${Buffer.from(png).toString("base64")}","finish_reason":"SUCCESS","seed":4294967294}`;
    const outcome = await stabilityAdapter.run(
      request(),
      ctxFor(new Response(body, { headers: { "content-type": "application/json; type=image/png" } })).ctx,
      large,
    );
    expect(outcome).toMatchObject({ images: [{ kind: "bytes", data: png, mime: "image/png" }], seed: "4294967294", warnings: [] });
  });

  it("keeps a CONTENT_FILTERED image, flags it and says it was charged (bytes and JSON)", async () => {
    const bytes = await stabilityAdapter.run(
      request(),
      ctxFor(new Response(png, { headers: { "content-type": "image/png", seed: "7", "finish-reason": "CONTENT_FILTERED" } })).ctx,
      large,
    );
    expect(bytes.images).toEqual([{ kind: "bytes", data: png, mime: "image/png", nsfw: true }]);
    expect(bytes.warnings).toEqual([expect.stringMatching(/blurred.*CONTENT_FILTERED.*still charges/)]);
    const fromJson = await stabilityAdapter.run(
      request(),
      ctxFor(json({ image: Buffer.from(png).toString("base64"), finish_reason: "CONTENT_FILTERED", seed: 7 })).ctx,
      large,
    );
    expect(fromJson.images[0]).toMatchObject({ nsfw: true });
    expect(fromJson.warnings).toHaveLength(1);
  });

  it("treats a body that is neither an image nor the documented JSON as an upstream failure", async () => {
    expect(await failure(json({ finish_reason: "SUCCESS" }))).toMatchObject({ code: "upstream", status: 200 });
    expect(await failure(new Response("{oops", { headers: { "content-type": "application/json" } }))).toMatchObject({ code: "upstream" });
    expect(await failure(json({ image: Buffer.from("nope").toString("base64") }))).toMatchObject({ code: "upstream" });
  });
});

describe("stabilityAdapter.run errors", () => {
  const body = (name: string, errors: string[]) => ({ id: "a1b2", name, errors });

  it.each([
    [400, "bad_request", ["prompt: cannot be empty"], "invalid_input"],
    [401, "unauthorized", ["authorization: invalid API key"], "auth"],
    [402, "payment_required", ["You lack sufficient credits"], "quota"],
    [403, "forbidden", ["not allowed"], "auth"],
    [413, "payload_too_large", ["body: larger than 10MiB"], "invalid_input"],
    [422, "invalid_request", ["Your request was well-formed but rejected"], "invalid_input"],
    [500, "internal_error", ["An unexpected server error has occurred"], "upstream"],
  ] as const)("maps HTTP %i %s to %s", async (status, name, errors, code) => {
    const err = await failure(json(body(name, [...errors]), status));
    expect(err).toMatchObject({ code, status, providerMessage: errors.join("; ") });
    expect(err.message).toMatch(/^Stability AI .*\(HTTP \d+\)/);
  });

  it("puts a field error on the field it names", async () => {
    const err = await failure(json(body("bad_request", ["aspect_ratio: must be one of 21:9, 16:9"]), 400));
    expect(err).toMatchObject({ code: "invalid_input", field: "aspect_ratio" });
    expect(err.message).toBe("Stability AI rejected the value of aspect_ratio (HTTP 400).");
  });

  it("reports content moderation (403) as content_filtered and not charged", async () => {
    const err = await failure(json(body("content_moderation", ["Your request was flagged by our content moderation system"]), 403));
    expect(err).toMatchObject({ code: "content_filtered", status: 403 });
    expect(err.message).toMatch(/not charged/);
  });

  it("says when a 429 resets: Retry-After when sent, else the documented 60-second pause", async () => {
    const withHeader = await failure(json(body("rate_limit_exceeded", ["too many"]), 429, { "retry-after": "12" }));
    expect(withHeader).toMatchObject({ code: "rate_limited", retryAt: new Date(NOW + 12_000) });
    const without = await failure(json(body("rate_limit_exceeded", ["more than 150 requests in 10 seconds"]), 429));
    expect(without).toMatchObject({ code: "rate_limited", retryAt: new Date(NOW + 60_000) });
  });

  it("redacts every copy of the key from the provider's words", async () => {
    const err = await failure(json(body("unauthorized", [`key ${KEY} is invalid; ${KEY} revoked`]), 401));
    expect(err.providerMessage).toBe("key [redacted] is invalid; [redacted] revoked");
  });
});
