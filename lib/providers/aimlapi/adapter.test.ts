import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import type { WireRequest } from "@/lib/providers/adapter";
import { fakeContext, jsonResponse } from "@/lib/providers/testing";
import { ProviderError } from "@/lib/providers/errors";
import { aimlapiAdapter } from "./adapter";
import { aimlapi } from "./definition";
import { unknownModel } from "@/lib/providers/testing";

const model = (id: string) => aimlapi.models.find((m) => m.id === id)!;

const KEY = "aiml-secret-key-123";
const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);
let png: Uint8Array<ArrayBuffer>;

beforeAll(async () => {
  png = new Uint8Array(
    await sharp({ create: { width: 2, height: 2, channels: 3, background: "#f00" } })
      .png()
      .toBuffer(),
  );
});



const json = jsonResponse;
const fakeCtx = (response: Response) => fakeContext({ apiKey: KEY, baseUrl: "https://api.aimlapi.com", responses: [response], now: NOW, pollIntervalMs: 10 });

function request(input: Record<string, unknown> = {}, modelId = "stable-diffusion-v35-large"): WireRequest {
  return aimlapiAdapter.buildRequest({
    model: model(modelId),
    input: { prompt: "a fox", seed: 42, ...input },
    baseUrl: "https://api.aimlapi.com",
    apiKey: KEY,
  });
}

async function failure(response: Response, req = request()): Promise<ProviderError> {
  const error = await aimlapiAdapter.run(req, fakeCtx(response).ctx, model("stable-diffusion-v35-large")).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe("aimlapiAdapter.buildRequest", () => {
  it("sends the model and exactly the fields that are set", () => {
    const req = aimlapiAdapter.buildRequest({
      model: model("stable-diffusion-v35-large"),
      input: {
        prompt: "a fox",
        negative_prompt: undefined,
        image_size: "square_hd",
        num_images: 1,
        num_inference_steps: 50,
        guidance_scale: undefined,
        seed: 7,
        enable_safety_checker: true,
        output_format: "png",
        prompt_expansion: true, // not a v35-large field
      },
      baseUrl: "https://api.aimlapi.com//",
      apiKey: KEY,
    });
    expect(req).toEqual({
      method: "POST",
      url: "https://api.aimlapi.com/v1/images/generations",
      headers: {
        Authorization: `Bearer ${KEY}`,
        "Content-Type": "application/json",
        Accept: "application/json",
      },
      body: {
        model: "stable-diffusion-v35-large",
        prompt: "a fox",
        image_size: "square_hd",
        num_images: 1,
        num_inference_steps: 50,
        seed: 7,
        enable_safety_checker: true,
        output_format: "png",
      },
    });
  });

  it("passes a custom size object and v3-medium's prompt_expansion through", () => {
    const req = aimlapiAdapter.buildRequest({
      model: model("stable-diffusion-v3-medium"),
      input: { prompt: "a fox", image_size: { width: 1536, height: 640 }, guidance_scale: 4.5, prompt_expansion: false },
      baseUrl: "http://localhost:4010",
      apiKey: KEY,
    });
    expect(req.url).toBe("http://localhost:4010/v1/images/generations");
    expect(req.body).toEqual({
      model: "stable-diffusion-v3-medium",
      prompt: "a fox",
      image_size: { width: 1536, height: 640 },
      guidance_scale: 4.5,
      prompt_expansion: false,
    });
  });

  it("refuses a model it does not know", () => {
    expect(() =>
      aimlapiAdapter.buildRequest({ model: unknownModel("flux"), input: {}, baseUrl: "https://x", apiKey: KEY }),
    ).toThrow(expect.objectContaining({ code: "internal" }));
  });
});

describe("aimlapiAdapter.run", () => {
  it("posts the built request and reads the OpenAPI data[] shape", async () => {
    const req = request();
    const { ctx, calls, progress } = fakeCtx(
      json(
        { data: [{ url: "https://cdn.aimlapi.com/a.jpeg", b64_json: null }], meta: { usage: { credits_used: 136500 } } },
        200,
        { "x-request-id": "req-1" },
      ),
    );
    const outcome = await aimlapiAdapter.run(req, ctx, model("stable-diffusion-v35-large"));
    expect(calls).toEqual([{ url: req.url, method: "POST", headers: req.headers, body: JSON.stringify(req.body) }]);
    expect(progress).toEqual([{ requestId: "req-1" }]);
    expect(outcome).toEqual({
      images: [{ kind: "url", url: "https://cdn.aimlapi.com/a.jpeg" }],
      seed: "42",
      requestId: "req-1",
      cost: { amount: 136500, unit: "credits" },
      warnings: [],
    });
  });

  it("sends a seed past 2^53 with every digit, as a JSON number, and keeps it when the answer names none", async () => {
    for (const seed of ["6199662706750842000", "9223372036854775807"]) {
      const text = '{"images":[{"url":"https://cdn.aimlapi.com/1.jpeg","width":1024,"height":1024,"content_type":"image/jpeg"}]}';
      const { ctx, calls } = fakeCtx(json(text, 201));
      const outcome = await aimlapiAdapter.run(request({ seed }), ctx, model("stable-diffusion-v35-large"));
      expect(calls[0]!.body).toContain(`"seed":${seed}`);
      expect(outcome.seed).toBe(seed);
    }
  });

  it("reads the fal images[] shape on a 201, keeping a 19-digit seed exactly and flagging NSFW images", async () => {
    const text =
      '{"images":[{"url":"https://cdn.aimlapi.com/1.jpeg","width":1024,"height":576,"content_type":"image/jpeg"},' +
      '{"url":"https://cdn.aimlapi.com/2.jpeg","width":1024,"height":576,"content_type":"image/jpeg"}],' +
      '"timings":{"inference":4.85},"seed":6199662706750842123,"has_nsfw_concepts":[false,true],' +
      '"prompt":"a fox","requestId":"abc-123"}';
    const { ctx, progress } = fakeCtx(json(text, 201));
    const outcome = await aimlapiAdapter.run(request({ seed: 6 }), ctx, model("stable-diffusion-v35-large"));
    expect(outcome).toEqual({
      images: [
        { kind: "url", url: "https://cdn.aimlapi.com/1.jpeg", nsfw: false },
        { kind: "url", url: "https://cdn.aimlapi.com/2.jpeg", nsfw: true },
      ],
      seed: "6199662706750842123",
      requestId: "abc-123",
      cost: undefined,
      warnings: [expect.stringContaining("image 2")],
    });
    expect(progress).toEqual([{ requestId: "abc-123" }]);
  });

  it("decodes b64_json into bytes with the type sniffed from the data", async () => {
    const b64 = Buffer.from(png).toString("base64");
    const { ctx } = fakeCtx(json({ id: "gen-9", data: [{ b64_json: b64 }], meta: null }));
    const outcome = await aimlapiAdapter.run(request(), ctx, model("stable-diffusion-v35-large"));
    expect(outcome.images).toEqual([{ kind: "bytes", data: png, mime: "image/png" }]);
    expect(outcome.requestId).toBe("gen-9");
  });

  it("treats base64 that is not an image as malformed", async () => {
    const err = await failure(json({ data: [{ b64_json: Buffer.from("hello").toString("base64") }] }));
    expect(err).toMatchObject({ code: "upstream", message: expect.stringMatching(/malformed/) });
  });

  it("treats a body of neither shape, or one with no images, as an upstream failure", async () => {
    expect(await failure(json({ result: "ok" }))).toMatchObject({
      code: "upstream",
      message: expect.stringMatching(/unexpected response/),
    });
    expect(await failure(json({ data: [] }))).toMatchObject({ code: "upstream" });
  });

  it("treats a body that is not JSON as an upstream failure", async () => {
    expect(await failure(new Response("<html>oops", { status: 200 }))).toMatchObject({ code: "upstream", status: 200 });
  });
});

describe("aimlapiAdapter.run errors", () => {
  const errorBody = (statusCode: number, message: string | string[]) => ({
    message,
    path: "/v1/images/generations",
    requestId: "r-1",
    statusCode,
    timestamp: "2026-01-01T12:00:00.000Z",
  });

  it("maps a 400 to invalid_input and names the field the message mentions", async () => {
    const err = await failure(
      json(errorBody(400, "Body validation error! Expected number <= 4 at num_images, received 9"), 400),
    );
    expect(err).toMatchObject({
      code: "invalid_input",
      status: 400,
      field: "num_images",
      message: "AI/ML API rejected the value of num_images (HTTP 400).",
      providerMessage: "Body validation error! Expected number <= 4 at num_images, received 9",
    });
  });

  it("does not mistake negative_prompt for prompt", async () => {
    const err = await failure(json(errorBody(400, ["negative_prompt must be a string"]), 400));
    expect(err.field).toBe("negative_prompt");
  });

  it.each([
    [401, "auth"],
    [403, "quota"],
    [404, "rejected"],
    [500, "upstream"],
    [502, "upstream"],
    [503, "upstream"],
    [504, "timeout"],
  ] as const)("maps HTTP %i to %s", async (status, code) => {
    const err = await failure(json(errorBody(status, "something went wrong"), status));
    expect(err).toMatchObject({ code, status, providerMessage: "something went wrong" });
    expect(err.message).toMatch(/^AI\/ML API .*\(HTTP \d+\)\.$/);
  });

  it("explains a 403 as running out of credits", async () => {
    const err = await failure(json(errorBody(403, "You've run out of credits. Please top up your balance."), 403));
    expect(err.message).toBe("AI/ML API reports the account is out of credits (HTTP 403).");
  });

  it("maps 429 to rate_limited with retryAt from Retry-After seconds or date", async () => {
    const secs = await failure(json(errorBody(429, "Too Many Requests"), 429, { "retry-after": "30" }));
    expect(secs).toMatchObject({ code: "rate_limited", retryAt: new Date(NOW + 30_000) });
    const date = await failure(
      json(errorBody(429, "Too Many Requests"), 429, { "retry-after": "Thu, 01 Jan 2026 12:05:00 GMT" }),
    );
    expect(date.retryAt).toEqual(new Date(Date.UTC(2026, 0, 1, 12, 5, 0)));
  });

  it("uses the raw text of a non-JSON error and never repeats the key", async () => {
    const err = await failure(new Response(`Invalid key ${KEY}`, { status: 401 }));
    expect(err.code).toBe("auth");
    expect(err.providerMessage).toBe("Invalid key [redacted]");
    expect(`${err.message} ${err.providerMessage}`).not.toContain(KEY);
  });

  it("redacts the key every time the provider's message repeats it", async () => {
    const err = await failure(json(errorBody(401, `Key ${KEY} is not valid; got ${KEY}`), 401));
    expect(err.providerMessage).toBe("Key [redacted] is not valid; got [redacted]");
  });
});
