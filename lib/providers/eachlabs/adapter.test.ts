import { describe, expect, it } from "vitest";
import type { WireRequest } from "@/lib/providers/adapter";
import { fakeContext, jsonResponse } from "@/lib/providers/testing";
import { ProviderError } from "@/lib/providers/errors";
import { eachlabsAdapter } from "./adapter";
import { eachlabs } from "./definition";

const KEY = "each-secret-key-123";
const BASE = "https://api.eachlabs.ai";
const MODEL = "stable-diffusion-3.5-large";
const PRED = `${BASE}/v1/prediction/p-1`;

const json = jsonResponse;
const created = () => json({ status: "success", message: "Prediction created successfully", predictionID: "p-1" });
const polled = (status: string, extra: Record<string, unknown> = {}) => json({ id: "p-1", status, ...extra });


const fakeCtx = (responses: (Response | Error)[], deadlineMs = 60_000) =>
  fakeContext({ apiKey: KEY, baseUrl: BASE, responses, deadlineMs });

const request = (input: Record<string, unknown> = { prompt: "a cat" }): WireRequest =>
  eachlabsAdapter.buildRequest({ model: eachlabs.models.find((m) => m.id === MODEL)!, input, baseUrl: BASE, apiKey: KEY });

async function failure(queue: (Response | Error)[]): Promise<ProviderError> {
  const { ctx } = fakeCtx(queue);
  const err = await eachlabsAdapter.run(request(), ctx, eachlabs.models[0]!).catch((e: unknown) => e);
  if (!(err instanceof ProviderError)) throw new Error(`expected a ProviderError, got ${String(err)}`);
  expect(err.message).not.toContain(KEY);
  expect(err.providerMessage ?? "").not.toContain(KEY);
  return err;
}

describe("eachlabs authentication", () => {
  // A key of their own: the header that worked is remembered per key for the process.
  const run = (key: string, responses: Response[]) => {
    const { ctx, calls } = fakeContext({ apiKey: key, baseUrl: BASE, responses });
    const outcome = eachlabsAdapter.run(request(), ctx, eachlabs.models[0]!).catch((e: unknown) => e);
    return { outcome, calls };
  };
  const unauthorized = () => json({ error: "Invalid or missing API key" }, 401);
  const headersOf = (calls: { headers?: HeadersInit }[]) => calls.map((c) => Object.keys(c.headers as Record<string, string>).filter((h) => h !== "Content-Type"));

  it("sends X-API-Key, and on a 401 the same create once more with Bearer, which then polls and is used first from then on", async () => {
    const first = run("bearer-only-key", [unauthorized(), created(), polled("success", { output: "https://cdn.test/a.png" })]);
    expect(await first.outcome).toMatchObject({ images: [{ kind: "url", url: "https://cdn.test/a.png" }], requestId: "p-1" });
    expect(headersOf(first.calls)).toEqual([["X-API-Key"], ["Authorization"], ["Authorization"]]);
    expect((first.calls[1]!.headers as Record<string, string>).Authorization).toBe("Bearer bearer-only-key");
    expect(first.calls[1]!.body).toBe(first.calls[0]!.body);

    const next = run("bearer-only-key", [created(), polled("success", { output: "https://cdn.test/b.png" })]);
    await next.outcome;
    expect(headersOf(next.calls)).toEqual([["Authorization"], ["Authorization"]]);
  });

  it("a key refused under both headers is an auth error after two sends", async () => {
    const { outcome, calls } = run("wrong-key", [unauthorized(), unauthorized()]);
    const err = await outcome;
    expect(err).toBeInstanceOf(ProviderError);
    expect(err).toMatchObject({ code: "auth" });
    expect(headersOf(calls)).toEqual([["X-API-Key"], ["Authorization"]]);
  });
});

describe("eachlabs buildRequest", () => {
  it("builds the documented create call with every set field as a real number", () => {
    const input = {
      prompt: "a cat",
      aspect_ratio: "16:9",
      cfg: 3.5,
      steps: 35,
      seed: 42,
      image: "https://cdn.example.com/cat.png",
      prompt_strength: 0.85,
      output_format: "webp",
      output_quality: 90,
    };
    expect(eachlabsAdapter.buildRequest({ model: eachlabs.models.find((m) => m.id === MODEL)!, input, baseUrl: `${BASE}//`, apiKey: KEY })).toEqual({
      method: "POST",
      url: "https://api.eachlabs.ai/v1/prediction/",
      headers: { "X-API-Key": KEY, "Content-Type": "application/json" },
      body: { model: MODEL, version: "0.0.1", input },
    });
  });

  it("leaves out unset fields, and the image strength when there is no image", () => {
    const input = { prompt: "a cat", seed: undefined, image: "", prompt_strength: 0.85, cfg: 3.5 };
    expect(request(input).body).toEqual({ model: MODEL, version: "0.0.1", input: { prompt: "a cat", cfg: 3.5 } });
    expect(request({ prompt: "a cat", prompt_strength: 0.5 }).body).toEqual({
      model: MODEL,
      version: "0.0.1",
      input: { prompt: "a cat" },
    });
  });
});

describe("eachlabs run", () => {
  it("creates, polls through created/starting/processing and returns the image and cost", async () => {
    const { ctx, calls, progress, sleeps } = fakeCtx([
      created(),
      polled("created"),
      polled("starting"),
      polled("processing"),
      polled("processing"),
      polled("success", { output: "https://cdn.eachlabs.ai/out.webp", metrics: { predict_time: 7.9, cost: 0.065 } }),
    ]);
    const req = request();
    const outcome = await eachlabsAdapter.run(req, ctx, eachlabs.models[0]!);
    expect(outcome).toEqual({
      images: [{ kind: "url", url: "https://cdn.eachlabs.ai/out.webp" }],
      requestId: "p-1",
      cost: { amount: 0.065, unit: "usd" },
      warnings: [],
    });
    expect(outcome.seed).toBeUndefined();
    expect(progress).toEqual([{ requestId: "p-1" }, { phase: "created" }, { phase: "starting" }, { phase: "processing" }]);
    expect(calls[0]).toEqual({ url: req.url, method: "POST", headers: req.headers, body: JSON.stringify(req.body) });
    for (const call of calls.slice(1)) {
      expect(call).toEqual({ url: PRED, method: "GET", headers: { "X-API-Key": KEY }, body: undefined });
    }
    expect(sleeps).toEqual([1000, 1000, 1000, 1000, 1000]);
  });

  it.each([
    ["an array", ["https://cdn.x/a.png", "https://cdn.x/b.png"], ["https://cdn.x/a.png", "https://cdn.x/b.png"]],
    ["an object", { images: [{ url: "https://cdn.x/a.png" }], seed: 7 }, ["https://cdn.x/a.png"]],
  ])("reads the output when it is %s", async (_, output, urls) => {
    const { ctx } = fakeCtx([created(), polled("success", { output })]);
    const outcome = await eachlabsAdapter.run(request(), ctx, eachlabs.models[0]!);
    expect(outcome.images).toEqual(urls.map((url) => ({ kind: "url", url })));
    expect(outcome.cost).toBeUndefined();
  });

  it.each([
    ["PROVIDER_REJECTED", "content_filtered"],
    ["INPUT_VALIDATION_ERROR", "invalid_input"],
    ["PROVIDER_BAD_REQUEST", "invalid_input"],
    ["INPUT_DOWNLOAD_ERROR", "invalid_input"],
    ["PROVIDER_RATE_LIMIT", "rate_limited"],
    ["EXECUTION_TIMEOUT", "timeout"],
    ["PROVIDER_SERVER_ERROR", "upstream"],
    ["PROVIDER_AUTH_ERROR", "upstream"],
    ["WORKER_LOST", "upstream"],
  ])("maps a failed prediction with %s to %s", async (errorCode, code) => {
    const err = await failure([
      created(),
      polled("processing"),
      polled("error", { output: { error_code: errorCode, error_message: "it went wrong" } }),
    ]);
    expect(err).toMatchObject({ code, providerMessage: `${errorCode}: it went wrong`, status: undefined });
    expect(err.message).toMatch(/^Eachlabs /);
    if (errorCode === "INPUT_DOWNLOAD_ERROR") expect(err.field).toBe("image");
  });

  it("reads a legacy plain-string failure", async () => {
    const err = await failure([created(), polled("error", { output: "CUDA out of memory" })]);
    expect(err).toMatchObject({ code: "upstream", providerMessage: "CUDA out of memory" });
    const nsfw = await failure([created(), polled("error", { output: "NSFW content detected" })]);
    expect(nsfw.code).toBe("content_filtered");
  });

  it("treats a cancelled prediction as an upstream failure", async () => {
    const err = await failure([created(), polled("cancelled")]);
    expect(err).toMatchObject({ code: "upstream", message: "Eachlabs reports the prediction was cancelled." });
  });

  it("keeps polling an unfamiliar status and notes it once", async () => {
    const { ctx, progress } = fakeCtx([
      created(),
      polled("queued"),
      polled("queued"),
      polled("success", { output: "https://cdn.x/a.png" }),
    ]);
    const outcome = await eachlabsAdapter.run(request(), ctx, eachlabs.models[0]!);
    expect(outcome.warnings).toEqual(['Eachlabs reported an unfamiliar status "queued"; kept waiting.']);
    expect(progress).toEqual([{ requestId: "p-1" }, { phase: "queued" }]);
  });

  it("times out past the deadline and cancels the prediction, ignoring a failed cancel", async () => {
    const { ctx, calls } = fakeCtx(
      [created(), polled("processing"), polled("processing"), json({ error: "boom" }, 500)],
      2_000,
    );
    const err = await eachlabsAdapter.run(request(), ctx, eachlabs.models[0]!).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect(err).toMatchObject({ code: "timeout", message: "Eachlabs did not finish within 2 s (last status: processing)." });
    expect(calls.at(-1)).toEqual({ url: `${PRED}/cancel`, method: "POST", headers: { "X-API-Key": KEY }, body: undefined });
  });

  it("retries a status check that failed with a server error", async () => {
    const { ctx } = fakeCtx([created(), json({ error: "bad gateway" }, 502), polled("success", { output: "https://cdn.x/a.png" })]);
    const outcome = await eachlabsAdapter.run(request(), ctx, eachlabs.models[0]!);
    expect(outcome.images).toHaveLength(1);
    expect(outcome.warnings).toHaveLength(1);
  });

  it("rejects a create answer that is not a success", async () => {
    const err = await failure([json({ status: "error", message: "model not available" })]);
    expect(err).toMatchObject({ code: "upstream", providerMessage: "model not available" });
    expect(err.message).toMatch(/unexpected response/);
  });

  it("rejects a body that is not JSON or not the documented shape", async () => {
    expect(await failure([new Response("<html>oops</html>", { status: 200 })])).toMatchObject({ code: "upstream" });
    const noStatus = await failure([created(), json({ id: "p-1" })]);
    expect(noStatus).toMatchObject({ code: "upstream" });
    expect(noStatus.message).toMatch(/unexpected response/);
    const noImage = await failure([created(), polled("success", { output: null })]);
    expect(noImage).toMatchObject({ code: "upstream" });
  });

  it.each([
    [400, { error: "Invalid input for model" }, "invalid_input"],
    [401, { error: "Invalid or missing API key" }, "auth"],
    [403, { error: "Insufficient credit balance" }, "quota"],
    [403, { error: "Spending limit reached" }, "quota"],
    [403, { error: "Forbidden" }, "auth"],
    [404, { error: "Model not found" }, "rejected"],
    [429, { error: "Rate limit exceeded." }, "rate_limited"],
    [500, { error: "Internal server error" }, "upstream"],
    [503, { error: "Service unavailable" }, "upstream"],
  ])("maps HTTP %i to %s", async (status, body, code) => {
    // A 401 is sent again once, with the other header: both answers are the refusal.
    const err = await failure(Array.from({ length: status === 401 ? 2 : 1 }, () => json(body, status)));
    expect(err).toMatchObject({ code, status, providerMessage: body.error });
    expect(err.message).toMatch(new RegExp(`^Eachlabs .*\\(HTTP ${status}\\)\\.$`));
  });

  it("takes the 429 reset from Retry-After, or from the message when there is no header", async () => {
    const now = 1_000_000;
    const fromHeader = await failure([json({ error: "Rate limit exceeded." }, 429, { "Retry-After": "30" })]);
    expect(fromHeader.retryAt).toEqual(new Date(now + 30_000));
    const fromText = await failure([json({ error: "Rate limit exceeded. Please retry after 60 seconds." }, 429)]);
    expect(fromText.retryAt).toEqual(new Date(now + 60_000));
  });

  it("never repeats the API key the provider echoes", async () => {
    const err = await failure([0, 1].map(() => json({ error: `Invalid or missing API key ${KEY}` }, 401)));
    expect(err.providerMessage).toBe("Invalid or missing API key [redacted]");
  });

  it("redacts the key every time the provider's message repeats it", async () => {
    const err = await failure([0, 1].map(() => json({ error: `Key ${KEY} is not valid; got ${KEY}` }, 401)));
    expect(err.providerMessage).toBe("Key [redacted] is not valid; got [redacted]");
  });
});
