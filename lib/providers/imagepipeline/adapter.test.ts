import { describe, expect, it } from "vitest";
import type { WireRequest } from "@/lib/providers/adapter";
import { fakeContext, jsonResponse } from "@/lib/providers/testing";
import { ProviderError } from "@/lib/providers/errors";
import { imagepipeline } from "./definition";
import { imagepipelineAdapter } from "./adapter";

const KEY = "ip-secret-key-456";
const BASE = "https://api.imagepipeline.io";
const CLOCK_START = 2_000_000;
const STATUS = `${BASE}/sd3_5/v1/status/job-9`;
const defaults = imagepipeline.models[0]!.defaults;

const json = jsonResponse;
const pending = (status = "PENDING") => json({ status, id: "job-9" });


const fakeCtx = (responses: (Response | Error)[], deadlineMs = 60_000) =>
  fakeContext({ apiKey: KEY, baseUrl: BASE, responses, deadlineMs, now: CLOCK_START });

const request = (input: Record<string, unknown> = defaults): WireRequest =>
  imagepipelineAdapter.buildRequest({ model: imagepipeline.models[0]!, input, baseUrl: BASE, apiKey: KEY });

async function failure(queue: (Response | Error)[]): Promise<ProviderError> {
  const { ctx } = fakeCtx(queue);
  const err = await imagepipelineAdapter.run(request(), ctx, imagepipeline.models[0]!).catch((e: unknown) => e);
  if (!(err instanceof ProviderError)) throw new Error(`expected a ProviderError, got ${String(err)}`);
  expect(err.message).not.toContain(KEY);
  expect(err.providerMessage ?? "").not.toContain(KEY);
  return err;
}

describe("imagepipeline buildRequest", () => {
  it("builds the documented call: the set fields as the body, the key in API-Key", () => {
    expect(imagepipelineAdapter.buildRequest({ model: imagepipeline.models[0]!, input: defaults, baseUrl: `${BASE}/`, apiKey: KEY })).toEqual({
      method: "POST",
      url: "https://api.imagepipeline.io/sd3_5/v1",
      headers: { "API-Key": KEY, "Content-Type": "application/json" },
      body: {
        prompt: "beautiful waterfall in the rainforest, anime style",
        negative_prompt: "error, cropped, worst quality, low quality, duplicate, bad proportions, incomplete subject",
        num_inference_steps: 4,
        samples: 1,
        guidance_scale: 0,
        width: 1024,
        height: 1024,
      },
    });
  });

  it("drops unset and empty optional fields but keeps a false switch", () => {
    const input = { ...defaults, direct_link: false, batch_id: "", file_prefix: undefined };
    expect(request(input).body).toEqual({ ...defaults, direct_link: false });
    expect(request({ ...defaults, batch_id: "b1", file_prefix: "cat_" }).body).toEqual({
      ...defaults,
      batch_id: "b1",
      file_prefix: "cat_",
    });
  });
});

describe("imagepipeline run", () => {
  it("returns the images of a synchronous SUCCESS", async () => {
    const { ctx, calls } = fakeCtx([json({ status: "SUCCESS", id: "job-1", download_urls: ["https://cdn.ip/a.png"] })]);
    const req = request();
    expect(await imagepipelineAdapter.run(req, ctx, imagepipeline.models[0]!)).toEqual({
      images: [{ kind: "url", url: "https://cdn.ip/a.png" }],
      requestId: "job-1",
      warnings: [],
    });
    expect(calls).toEqual([{ url: req.url, method: "POST", headers: req.headers, body: JSON.stringify(req.body) }]);
  });

  it("polls a PENDING job until SUCCESS, reporting the id and status words", async () => {
    const { ctx, calls, progress } = fakeCtx([
      pending(),
      pending(),
      pending("PROCESSING"),
      json({ status: "SUCCESS", download_urls: ["https://cdn.ip/a.png"] }),
    ]);
    const outcome = await imagepipelineAdapter.run(request(), ctx, imagepipeline.models[0]!);
    expect(outcome).toEqual({ images: [{ kind: "url", url: "https://cdn.ip/a.png" }], requestId: "job-9", warnings: [] });
    expect(progress).toEqual([{ requestId: "job-9" }, { phase: "PENDING" }, { phase: "PROCESSING" }]);
    for (const call of calls.slice(1)) {
      expect(call).toEqual({ url: STATUS, method: "GET", headers: { "API-Key": KEY }, body: undefined });
    }
  });

  it("accepts COMPLETED in any case, with the images it sent (a short batch is the runner's warning)", async () => {
    const { ctx } = fakeCtx([pending("pending"), json({ status: "completed", download_urls: ["https://cdn.ip/a.png"] })]);
    const outcome = await imagepipelineAdapter.run(request({ ...defaults, samples: 2 }), ctx, imagepipeline.models[0]!);
    expect(outcome.images).toHaveLength(1);
    expect(outcome.warnings).toEqual([]);
  });

  it.each([
    ["FAILURE", { message: "Something broke" }, "upstream"],
    ["FAILED", { error: "GPU worker died" }, "upstream"],
    ["error", { detail: "Timeout in worker" }, "upstream"],
    ["FAILURE", { msg: "Invalid width: must be a multiple of 8" }, "invalid_input"],
    ["FAILURE", { message: "NSFW content detected in the generated image" }, "content_filtered"],
  ])("maps %s with %o to %s", async (status, extra, code) => {
    const err = await failure([pending(), json({ status, ...extra })]);
    expect(err).toMatchObject({ code, providerMessage: Object.values(extra)[0] });
  });

  it("maps a FAILURE in the submit answer and a cancelled job", async () => {
    expect(await failure([json({ status: "FAILURE", message: "prompt is required" })])).toMatchObject({
      code: "invalid_input",
      message: "ImagePipeline rejected the parameters.",
    });
    expect(await failure([pending(), json({ status: "CANCELLED" })])).toMatchObject({ code: "upstream" });
  });

  it("keeps polling an unfamiliar status, noting it once", async () => {
    const { ctx } = fakeCtx([
      pending(),
      pending("WAITING_FOR_GPU"),
      pending("WAITING_FOR_GPU"),
      json({ status: "SUCCESS", download_urls: ["https://cdn.ip/a.png"] }),
    ]);
    const outcome = await imagepipelineAdapter.run(request(), ctx, imagepipeline.models[0]!);
    expect(outcome.warnings).toEqual(['ImagePipeline reported an unfamiliar status "WAITING_FOR_GPU"; kept waiting.']);
  });

  it("times out past the deadline without a cancel call", async () => {
    const { ctx, calls } = fakeCtx([pending(), pending(), pending(), pending()], 3_000);
    const err = await imagepipelineAdapter.run(request(), ctx, imagepipeline.models[0]!).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "timeout", message: "ImagePipeline did not finish within 3 s (last status: PENDING)." });
    expect(calls).toHaveLength(4);
  });

  it("rejects unexpected answers", async () => {
    expect(await failure([new Response("not json", { status: 200 })])).toMatchObject({ code: "upstream" });
    expect((await failure([json({ images: [] })])).message).toMatch(/unexpected response/);
    expect((await failure([json({ status: "PENDING" })])).message).toMatch(/without a job id/);
    expect((await failure([json({ status: "SUCCESS", download_urls: [] })])).message).toMatch(/no image links/);
  });

  it.each([
    [400, { message: "bad request" }, "invalid_input"],
    [401, { message: "Invalid API key" }, "auth"],
    [402, { message: "Payment required" }, "quota"],
    [403, { detail: "Not enough credits" }, "quota"],
    [403, { detail: "Forbidden" }, "auth"],
    [404, { error: "Not found" }, "rejected"],
    [422, { msg: "width must be an integer" }, "invalid_input"],
    [429, { message: "Too many requests" }, "rate_limited"],
    [500, { message: "Internal error" }, "upstream"],
    [504, { message: "Gateway timeout" }, "timeout"],
  ])("maps HTTP %i to %s", async (status, body, code) => {
    const err = await failure([json(body, status, { "Retry-After": "12" })]);
    expect(err).toMatchObject({ code, status, providerMessage: Object.values(body)[0] });
    expect(err.message).toMatch(new RegExp(`^ImagePipeline .*\\(HTTP ${status}\\)\\.$`));
    expect(err.retryAt).toEqual(status === 429 ? new Date(CLOCK_START + 12_000) : undefined);
  });

  it("redacts the key every time the provider's message repeats it", async () => {
    const err = await failure([json({ message: `Key ${KEY} is not valid; got ${KEY}` }, 401)]);
    expect(err.providerMessage).toBe("Key [redacted] is not valid; got [redacted]");
  });
});
