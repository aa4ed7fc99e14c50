import { describe, expect, it } from "vitest";
import type { WireRequest } from "@/lib/providers/adapter";
import { ProviderError } from "@/lib/providers/errors";
import { fakeContext, jsonResponse as json, unknownModel } from "@/lib/providers/testing";
import { fal } from "./definition";
import { falAdapter, queueUrls } from "./adapter";

const KEY = "fal-key-id:0123456789abcdef";
const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);
const QUEUE = "https://queue.fal.run";
const large = fal.models.find((m) => m.id === "fal-ai/stable-diffusion-v35-large")!;
const turbo = fal.models.find((m) => m.id === "fal-ai/stable-diffusion-v35-large/turbo")!;
const APP = `${QUEUE}/fal-ai/stable-diffusion-v35-large/requests/req-1`;
const urls = { status_url: `${APP}/status`, response_url: APP, cancel_url: `${APP}/cancel` };
const result = (extra: Record<string, unknown> = {}) =>
  `{"images":[{"url":"https://v3.fal.media/files/a.jpg","width":1024,"height":768,"content_type":"image/jpeg"}],"timings":{"inference":1.1},"seed":18446744073709551615,"has_nsfw_concepts":[false],"prompt":"a fox"${Object.keys(extra).length ? "," + JSON.stringify(extra).slice(1, -1) : ""}}`;

function request(input: Record<string, unknown> = {}, model = large): WireRequest {
  return falAdapter.buildRequest({ model, input: { ...model.defaults, prompt: "a fox", ...input }, baseUrl: "https://fal.run", baseUrls: { queue: QUEUE }, apiKey: KEY });
}

const ctxFor = (responses: (Response | Error)[], deadlineMs = 60_000) =>
  fakeContext({ apiKey: KEY, baseUrl: "https://fal.run", responses, now: NOW, deadlineMs, pollIntervalMs: 500 });

async function failure(responses: Response[], req = request()): Promise<ProviderError> {
  const error = await falAdapter.run(req, ctxFor(responses).ctx, large).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe("falAdapter.buildRequest", () => {
  it("submits the documented JSON body to the queue host with a Key header", () => {
    expect(request({ seed: 7, negative_prompt: "blurry", image_size: { width: 640, height: 960 } })).toEqual({
      method: "POST",
      url: "https://queue.fal.run/fal-ai/stable-diffusion-v35-large",
      headers: { Authorization: `Key ${KEY}`, "Content-Type": "application/json" },
      body: {
        prompt: "a fox",
        negative_prompt: "blurry",
        image_size: { width: 640, height: 960 },
        num_images: 1,
        num_inference_steps: 28,
        guidance_scale: 3.5,
        seed: 7,
        enable_safety_checker: true,
        output_format: "jpeg",
      },
    });
  });

  it("submits Turbo on its sub-path, and resumes at the app's own URLs without it", () => {
    const req = request({}, turbo);
    expect(req.url).toBe("https://queue.fal.run/fal-ai/stable-diffusion-v35-large/turbo");
    expect(req.body).toMatchObject({ num_inference_steps: 4, guidance_scale: 0, image_size: "landscape_4_3" });
    expect(queueUrls(req, turbo, "req-1")).toEqual(urls);
  });

  it("sends SD3 Medium its own body: the prompt rewrite, square HD, and no output format it does not take", () => {
    const v3 = fal.models.find((m) => m.id === "fal-ai/stable-diffusion-v3-medium")!;
    const req = request({ prompt_expansion: true }, v3);
    expect(req.url).toBe("https://queue.fal.run/fal-ai/stable-diffusion-v3-medium");
    expect(req.body).toMatchObject({ prompt_expansion: true, image_size: "square_hd", num_inference_steps: 28, guidance_scale: 5 });
    expect(req.body).not.toHaveProperty("output_format");
    expect(queueUrls(req, v3, "req-1").status_url).toBe(`${QUEUE}/fal-ai/stable-diffusion-v3-medium/requests/req-1/status`);
  });

  it("submits a seed past 2^53 with every digit, as a JSON number", async () => {
    for (const seed of ["6199662706750842000", "9223372036854775807", "9007199254740993"]) {
      const { ctx, calls } = ctxFor([
        json({ request_id: "req-1", ...urls }),
        json({ status: "COMPLETED", logs: null, ...urls }),
        new Response(result(), { headers: { "content-type": "application/json" } }),
      ]);
      await falAdapter.run(request({ seed }), ctx, large);
      expect(calls[0]!.body).toContain(`"seed":${seed},`);
    }
  });

  it("refuses a model it does not know", () => {
    expect(() => falAdapter.buildRequest({ model: unknownModel("flux"), input: {}, baseUrl: "https://fal.run", apiKey: KEY })).toThrow(
      expect.objectContaining({ code: "internal" }),
    );
  });
});

describe("falAdapter.run", () => {
  it("stores the id, polls the returned status_url through IN_QUEUE and IN_PROGRESS, then reads response_url", async () => {
    const req = request({ seed: 7 }, turbo);
    const { ctx, calls, progress } = ctxFor([
      json({ request_id: "req-1", ...urls, queue_position: 2 }),
      json({ status: "IN_QUEUE", queue_position: 2, ...urls }),
      json({ status: "IN_QUEUE", queue_position: 0, ...urls }),
      json({ status: "IN_PROGRESS", logs: null, ...urls }),
      json({ status: "COMPLETED", logs: null, ...urls }),
      new Response(result(), { headers: { "content-type": "application/json" } }),
    ]);
    const outcome = await falAdapter.run(req, ctx, turbo);
    expect(calls.map((c) => [c.method, c.url])).toEqual([
      ["POST", "https://queue.fal.run/fal-ai/stable-diffusion-v35-large/turbo"],
      ["GET", urls.status_url],
      ["GET", urls.status_url],
      ["GET", urls.status_url],
      ["GET", urls.status_url],
      ["GET", urls.response_url],
    ]);
    expect(calls[1]!.headers).toEqual({ Authorization: `Key ${KEY}` });
    expect(progress).toEqual([
      { requestId: "req-1" },
      { phase: "in queue (position 3)" },
      { phase: "in queue (position 1)" },
      { phase: "in progress" },
    ]);
    expect(outcome).toEqual({
      images: [{ kind: "url", url: "https://v3.fal.media/files/a.jpg", nsfw: false }],
      // Every digit of a 64-bit seed.
      seed: "18446744073709551615",
      requestId: "req-1",
      warnings: [],
    });
  });

  it("flags images the safety checker marked, and takes a result without the flags", async () => {
    const flagged = await falAdapter.run(
      request(),
      ctxFor([json({ request_id: "req-1", ...urls }), json({ status: "COMPLETED", ...urls }), new Response(result().replace("[false]", "[true]"))]).ctx,
      large,
    );
    expect(flagged.images[0]).toMatchObject({ nsfw: true });
    expect(flagged.warnings).toEqual([expect.stringMatching(/safety checker flagged image 1/)]);
    const plain = await falAdapter.run(
      request(),
      ctxFor([json({ request_id: "req-1", ...urls }), json({ status: "COMPLETED" }), json({ images: [{ url: "https://x/a.png" }], seed: 5 })]).ctx,
      large,
    );
    expect(plain).toMatchObject({ images: [{ kind: "url", url: "https://x/a.png" }], seed: "5" });
  });

  it("reads the result again when fetching it fails with a server error, instead of losing a finished, paid image", async () => {
    const { ctx, calls } = ctxFor([
      json({ request_id: "req-1", ...urls }),
      json({ status: "COMPLETED", ...urls }),
      json({ detail: "Bad gateway" }, 502),
      json({ status: "COMPLETED", ...urls }),
      new Response(result()),
    ]);
    const outcome = await falAdapter.run(request(), ctx, large);
    expect(outcome.images).toEqual([{ kind: "url", url: "https://v3.fal.media/files/a.jpg", nsfw: false }]);
    expect(calls.map((c) => c.url)).toEqual([`${QUEUE}/fal-ai/stable-diffusion-v35-large`, urls.status_url, APP, urls.status_url, APP]);
    expect(outcome.warnings).toEqual([expect.stringMatching(/status check failed .*retried/)]);
  });

  it("ends FAILED and CANCELED requests as upstream failures", async () => {
    for (const status of ["FAILED", "CANCELED"]) {
      const err = await failure([json({ request_id: "req-1", ...urls }), json({ status, error: "GPU fell over" })]);
      expect(err).toMatchObject({ code: "upstream", message: expect.stringMatching(/^fal reports the request (failed|was cancelled)/) });
    }
  });

  it("resumes by id at the documented URLs, without submitting again", async () => {
    const { ctx, calls } = ctxFor([json({ status: "COMPLETED" }), new Response(result())]);
    const outcome = await falAdapter.resume!("req-1", request({}, turbo), ctx, turbo);
    expect(calls.map((c) => c.url)).toEqual([urls.status_url, urls.response_url]);
    expect(outcome.requestId).toBe("req-1");
  });

  it("sends the key only to the queue's host, whatever hosts an answer names", async () => {
    const evil = "https://attacker.example/collect";
    const { ctx, calls } = ctxFor([
      json({ request_id: "req-1", status_url: `${evil}/status`, response_url: `${evil}/result`, cancel_url: `${evil}/cancel` }),
      json({ status: "COMPLETED", response_url: `${evil}/result2` }),
      new Response(result()),
    ]);
    await falAdapter.run(request(), ctx, large);
    // The documented URLs of the request instead (the app's, without the model's sub-path).
    expect(calls.map((c) => c.url)).toEqual([`${QUEUE}/fal-ai/stable-diffusion-v35-large`, urls.status_url, urls.response_url]);
  });

  it("cancels with cancel_url (PUT) when the deadline passes", async () => {
    const { ctx, calls } = ctxFor(
      [
        json({ request_id: "req-1", ...urls }),
        json({ status: "IN_QUEUE", queue_position: 0 }),
        json({ status: "IN_QUEUE", queue_position: 0 }),
        json({ status: "CANCELLATION_REQUESTED" }, 202),
        json({ status: "CANCELED" }),
      ],
      1000,
    );
    const err = await falAdapter.run(request(), ctx, large).catch((e: unknown) => e);
    // fal took the cancel (the request was still queued, so not billed): the request has ended, nothing to collect.
    expect(err).toMatchObject({ code: "timeout", message: expect.stringMatching(/last status: in queue \(position 1\)\), so it was cancelled at fal\.$/), terminal: true, mayHaveBilled: false });
    expect(calls.slice(-2)).toMatchObject([{ url: urls.cancel_url, method: "PUT" }, { url: urls.status_url, method: "GET" }]);
  });
});

describe("falAdapter errors", () => {
  it("puts a 422 detail[] on the field it names", async () => {
    const body = { detail: [{ loc: ["body", "num_images"], msg: "Input should be less than or equal to 4", type: "less_than_equal" }] };
    const err = await failure([json(body, 422)]);
    expect(err).toMatchObject({ code: "invalid_input", field: "num_images", status: 422, providerMessage: "num_images: Input should be less than or equal to 4" });
    // A request that failed validation when it ran: COMPLETED, then its result is the 422.
    const late = await failure([json({ request_id: "req-1", ...urls }), json({ status: "COMPLETED" }), json({ detail: [{ loc: ["body", "image_size", "width"], msg: "too big", type: "x" }] }, 422)]);
    expect(late).toMatchObject({ code: "invalid_input", field: "image_size" });
  });

  it.each([
    [401, { detail: "No user found for Key ID and Secret" }, "auth"],
    [403, { detail: "User is locked. Reason: Exhausted balance." }, "quota"],
    [403, { detail: "Forbidden" }, "auth"],
    [404, { detail: "Application not found" }, "rejected"],
    [500, { message: "Internal error" }, "upstream"],
  ] as const)("maps HTTP %i to its cause", async (status, body, code) => {
    expect(await failure([json(body, status)])).toMatchObject({ code, status });
  });

  it("reads a 404 on submit as no such model, and one while polling as the queue catching up, retried a few times", async () => {
    const missing = await failure([json({ detail: "Application not found" }, 404)]);
    expect(missing.message).toMatch(/^fal has no model fal-ai\/.+ \(HTTP 404\)\.$/);
    const notFound = () => json({ detail: "Request not found" }, 404);
    const { ctx } = ctxFor([json({ request_id: "req-1", ...urls }), notFound(), json({ status: "COMPLETED", ...urls }), new Response(result())]);
    expect((await falAdapter.run(request(), ctx, large)).images).toHaveLength(1);
    // Still unknown 10 s after the submit: the request is gone (checked every 500 ms here).
    const polled = await failure([json({ request_id: "req-1", ...urls }), ...Array.from({ length: 20 }, notFound)]);
    expect(polled).toMatchObject({ code: "upstream", status: 404 });
  });

  it("says when a 429 resets", async () => {
    const err = await failure([json({ detail: "Too many requests" }, 429, { "retry-after": "30" })]);
    expect(err).toMatchObject({ code: "rate_limited", retryAt: new Date(NOW + 30_000) });
  });

  it("redacts every copy of the key from the provider's words", async () => {
    const err = await failure([json({ detail: `bad key ${KEY} (${KEY})` }, 401)]);
    expect(err.providerMessage).toBe("bad key [redacted] ([redacted])");
  });
});
