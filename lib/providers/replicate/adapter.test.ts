import { describe, expect, it } from "vitest";
import { fakeContext, jsonResponse as json } from "@/lib/providers/testing";
import { ProviderError } from "@/lib/providers/errors";
import { replicateAdapter } from "./adapter";
import { replicate } from "./definition";

const KEY = "r8_secret-key-123";
const BASE = "https://api.replicate.com";
const large = replicate.models.find((m) => m.id === "stable-diffusion-3.5-large")!;
const turbo = replicate.models.find((m) => m.id === "stable-diffusion-3.5-large-turbo")!;
const GET = `${BASE}/v1/predictions/p-1`;
const prediction = (status: string, extra: Record<string, unknown> = {}) =>
  json({ id: "p-1", status, urls: { get: GET, cancel: `${GET}/cancel` }, output: null, error: null, ...extra }, 201);

const ctxWith = (responses: (Response | Error)[], deadlineMs = 60_000) => fakeContext({ apiKey: KEY, baseUrl: BASE, responses, deadlineMs });
const request = (input: Record<string, unknown> = { prompt: "a cat" }, model = large) =>
  replicateAdapter.buildRequest({ model, input, baseUrl: BASE, apiKey: KEY });

async function failure(queue: (Response | Error)[], model = large): Promise<ProviderError> {
  const { ctx } = ctxWith(queue);
  const err = await replicateAdapter.run(request({ prompt: "a cat" }, model), ctx, model).catch((e: unknown) => e);
  if (!(err instanceof ProviderError)) throw new Error(`expected a ProviderError, got ${String(err)}`);
  expect(err.message).not.toContain(KEY);
  expect(err.providerMessage ?? "").not.toContain(KEY);
  return err;
}

describe("replicate buildRequest", () => {
  it("creates a prediction on the official model with the set inputs, without Prefer: wait (its id comes back at once)", () => {
    const input = { prompt: "a cat", aspect_ratio: "16:9", cfg: 3.5, steps: 35, seed: 42, output_format: "webp", output_quality: 90, prompt_strength: 0.85 };
    expect(replicateAdapter.buildRequest({ model: large, input, baseUrl: `${BASE}/`, apiKey: KEY })).toEqual({
      method: "POST",
      url: "https://api.replicate.com/v1/models/stability-ai/stable-diffusion-3.5-large/predictions",
      headers: { Authorization: `Bearer ${KEY}`, "Content-Type": "application/json" },
      // Without an input image the image strength means nothing and is not sent.
      body: { input: { prompt: "a cat", aspect_ratio: "16:9", cfg: 3.5, steps: 35, seed: 42, output_format: "webp", output_quality: 90 } },
    });
  });

  it("sends the image and its strength for image-to-image, and leaves unset fields out", () => {
    const input = { prompt: "a cat", image: "https://x.test/a.png", prompt_strength: 0.6, negative_prompt: "", seed: undefined };
    expect(request(input, turbo).body).toEqual({ input: { prompt: "a cat", image: "https://x.test/a.png", prompt_strength: 0.6 } });
    expect(request(input, turbo).url).toMatch(/stability-ai\/stable-diffusion-3\.5-large-turbo\/predictions$/);
  });
});

describe("replicate run", () => {
  it("takes a prediction already finished, with output as an array, after storing its id", async () => {
    const { ctx, calls, progress } = ctxWith([prediction("succeeded", { output: ["https://r.test/a.webp"], logs: "Using seed: 987\n" })]);
    const out = await replicateAdapter.run(request(), ctx, large);
    expect(out).toEqual({ images: [{ kind: "url", url: "https://r.test/a.webp" }], seed: "987", requestId: "p-1", warnings: [] });
    expect(progress[0]).toEqual({ requestId: "p-1" });
    expect(calls).toHaveLength(1);
  });

  it("polls urls.get when the answer is still starting, and reads output as a single string", async () => {
    const { ctx, calls, progress } = ctxWith([
      prediction("starting"),
      json({ id: "p-1", status: "processing" }),
      json({ id: "p-1", status: "succeeded", output: "https://r.test/b.webp" }),
    ]);
    const out = await replicateAdapter.run(request(), ctx, large);
    expect(out.images).toEqual([{ kind: "url", url: "https://r.test/b.webp" }]);
    expect(calls.slice(1).map((c) => [c.method, c.url])).toEqual([["GET", GET], ["GET", GET]]);
    expect(progress).toEqual([{ requestId: "p-1" }, { phase: "processing" }]);
  });

  it("never sends the key to a urls.get on another host: it polls its own base URL instead", async () => {
    const { ctx, calls } = ctxWith([
      prediction("starting", { urls: { get: "https://evil.test/p-1", cancel: "https://evil.test/p-1/cancel" } }),
      json({ id: "p-1", status: "succeeded", output: "https://r.test/b.webp" }),
    ]);
    await replicateAdapter.run(request(), ctx, large);
    expect(calls[1]?.url).toBe(GET);
  });

  it("cancels at urls.cancel on the deadline", async () => {
    const polls = Array.from({ length: 10 }, () => json({ id: "p-1", status: "processing" }));
    const cancelled = json({ id: "p-1", status: "canceled" });
    const { ctx, calls } = fakeContext({ apiKey: KEY, baseUrl: BASE, responses: [prediction("starting"), ...polls, json({}), cancelled], deadlineMs: 3000 });
    const err = await replicateAdapter.run(request(), ctx, large).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    // Cancelled, the prediction has ended (`terminal`): one last look, in case it had just succeeded, found it cancelled.
    expect(err).toMatchObject({ code: "timeout", terminal: true });
    expect(calls.slice(-2)).toMatchObject([{ method: "POST", url: `${GET}/cancel` }, { method: "GET", url: GET }]);
  });

  it("keeps a prediction that succeeded just before a person's cancel reached Replicate", async () => {
    const done = { id: "p-1", status: "succeeded", output: ["https://r.test/paid.webp"] };
    // Replicate answers the cancel of a finished prediction with 200 and the prediction as it stands.
    const { ctx, calls } = ctxWith([prediction("starting"), json({ id: "p-1", status: "processing" }), json(done), json(done)]);
    let checks = 0;
    const out = await replicateAdapter.run(request(), { ...ctx, cancelRequested: async () => ++checks > 1 }, large);
    expect(out.images).toEqual([{ kind: "url", url: "https://r.test/paid.webp" }]);
    expect(calls.map((c) => c.method)).toEqual(["POST", "GET", "POST", "GET"]);
    expect(calls[2]!.url).toBe(`${GET}/cancel`);
  });

  it("resumes by id with GET /v1/predictions/{id}, never creating again", async () => {
    const { ctx, calls } = ctxWith([json({ id: "p-1", status: "succeeded", output: ["https://r.test/c.webp"] })]);
    const out = await replicateAdapter.resume!("p-1", request(), ctx, large);
    expect(out.images).toHaveLength(1);
    expect(calls.map((c) => [c.method, c.url])).toEqual([["GET", GET]]);
  });

  it("resumes through a status check that fails once with a server error, instead of losing the paid prediction", async () => {
    const { ctx, calls } = ctxWith([
      json({ title: "Bad gateway", detail: "upstream error", status: 502 }, 502),
      json({ id: "p-1", status: "succeeded", output: ["https://r.test/c.webp"], logs: "Using seed: 5\n" }),
    ]);
    const out = await replicateAdapter.resume!("p-1", request(), ctx, large);
    expect(out).toMatchObject({ images: [{ kind: "url", url: "https://r.test/c.webp" }], seed: "5", requestId: "p-1" });
    expect(calls.map((c) => [c.method, c.url])).toEqual([["GET", GET], ["GET", GET]]);
  });

  it("reports a failed prediction, and a safety refusal as content_filtered", async () => {
    const failed = await failure([prediction("failed", { error: "CUDA out of memory" })]);
    expect([failed.code, failed.providerMessage]).toEqual(["upstream", "CUDA out of memory"]);
    const nsfw = await failure([prediction("failed", { error: "NSFW content detected. Try a different prompt." })]);
    expect(nsfw.code).toBe("content_filtered");
    expect((await failure([prediction("canceled")])).message).toMatch(/canceled/);
  });

  it("counts a prediction canceled while running as possibly billed, and one aborted before it started as not", async () => {
    // docs: `aborted` if it never started (not charged), `canceled` if it was running (its run time is billed).
    expect(await failure([prediction("canceled")])).toMatchObject({ code: "upstream", terminal: true, mayHaveBilled: true });
    const aborted = await failure([prediction("aborted")]);
    expect(aborted).toMatchObject({ code: "upstream", terminal: true });
    expect(aborted.mayHaveBilled).toBeFalsy();
  });

  it("puts a 422 on the field it names", async () => {
    const err = await failure([
      json({ title: "Input validation failed", status: 422, detail: "- input.cfg: Must be less than or equal to 10\n", invalid_fields: [{ type: "less_than_equal", field: "input.cfg", description: "Must be less than or equal to 10" }] }, 422),
    ], turbo);
    expect([err.code, err.field]).toEqual(["invalid_input", "cfg"]);
    expect(err.message).toBe("Replicate rejected the value of cfg (HTTP 422).");
  });

  it("reads a 429's reset time from its words, and a 402 as out of credit", async () => {
    const { ctx } = ctxWith([json({ detail: "Request was throttled. Your rate limit resets in ~30s.", status: 429 }, 429)]);
    const err = (await replicateAdapter.run(request(), ctx, large).catch((e: unknown) => e)) as ProviderError;
    expect(err.code).toBe("rate_limited");
    expect(err.retryAt?.getTime()).toBe(ctx.now() + 30_000);
    expect((await failure([json({ title: "Insufficient credit", detail: "You have insufficient credit", status: 402 }, 402)])).code).toBe("quota");
    expect((await failure([json({ detail: "You did not pass a valid authentication token", status: 401 }, 401)])).code).toBe("auth");
  });

  it("redacts the key when the provider repeats it", async () => {
    const err = await failure([json({ detail: `Invalid token ${KEY} (token ${KEY})`, status: 401 }, 401)]);
    expect(err.providerMessage).toBe("Invalid token [redacted] (token [redacted])");
  });

  it("refuses an answer without an id, and a success without an image", async () => {
    expect((await failure([json({ status: "starting" }, 201)])).code).toBe("upstream");
    expect((await failure([prediction("succeeded", { output: [] })])).message).toMatch(/no image URL/);
  });
});
