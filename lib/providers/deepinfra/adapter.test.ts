import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { fakeContext, jsonResponse as json } from "@/lib/providers/testing";
import { ProviderError } from "@/lib/providers/errors";
import { deepinfraAdapter } from "./adapter";
import { deepinfra } from "./definition";

const KEY = "di-secret-key-123";
const BASE = "https://api.deepinfra.com";
const large = deepinfra.models.find((m) => m.id === "stabilityai/sd3.5")!;
const medium = deepinfra.models.find((m) => m.id === "stabilityai/sd3.5-medium")!;
let png = "";

beforeAll(async () => {
  const bytes = await sharp({ create: { width: 4, height: 4, channels: 3, background: "#c33" } }).png().toBuffer();
  png = `data:image/png;base64,${bytes.toString("base64")}`;
});

const ctxWith = (responses: (Response | Error)[]) => fakeContext({ apiKey: KEY, baseUrl: BASE, responses });
const request = (input: Record<string, unknown> = { prompt: "a cat" }, model = large) =>
  deepinfraAdapter.buildRequest({ model, input, baseUrl: BASE, apiKey: KEY });

async function failure(res: Response): Promise<ProviderError> {
  const { ctx } = ctxWith([res]);
  const err = await deepinfraAdapter.run(request(), ctx, large).catch((e: unknown) => e);
  if (!(err instanceof ProviderError)) throw new Error(`expected a ProviderError, got ${String(err)}`);
  expect(err.message).not.toContain(KEY);
  expect(err.providerMessage ?? "").not.toContain(KEY);
  return err;
}

describe("deepinfra buildRequest", () => {
  it("posts the set fields as JSON to /v1/inference/<model> with a lower-case bearer", () => {
    const input = { prompt: "a cat", negative_prompt: "", aspect_ratio: "16:9", num_inference_steps: 35, guidance_scale: 7, num_images: 2, seed: 5 };
    expect(deepinfraAdapter.buildRequest({ model: medium, input, baseUrl: `${BASE}/`, apiKey: KEY })).toEqual({
      method: "POST",
      url: "https://api.deepinfra.com/v1/inference/stabilityai/sd3.5-medium",
      headers: { Authorization: `bearer ${KEY}`, "Content-Type": "application/json" },
      body: { prompt: "a cat", aspect_ratio: "16:9", num_inference_steps: 35, guidance_scale: 7, num_images: 2, seed: 5 },
    });
  });
  it("sends a seed past 2^53 with every digit, as a JSON number", async () => {
    for (const seed of ["12345678901234567891", "18446744073709551615", "9007199254740993"]) {
      const { ctx, calls } = ctxWith([json(`{"images":["${png}"],"seed":${seed}}`)]);
      const out = await deepinfraAdapter.run(request({ prompt: "a cat", seed }), ctx, large);
      expect(calls[0]!.body).toBe(`{"prompt":"a cat","seed":${seed}}`);
      expect(out.seed).toBe(seed);
    }
  });
});

describe("deepinfra run", () => {
  it("decodes the data-URL images, keeps a 64-bit seed whole and stores the reported cost as is", async () => {
    const body = `{"images":["${png}","${png}"],"nsfw_content_detected":[false,true],"seed":18446744073709551000,"request_id":"RDI1","inference_status":{"status":"succeeded","runtime_ms":900,"cost":0.12}}`;
    const { ctx } = ctxWith([json(body)]);
    const out = await deepinfraAdapter.run(request(), ctx, large);
    expect(out.images.map((i) => [i.kind, i.kind === "bytes" ? i.mime : "", i.nsfw])).toEqual([
      ["bytes", "image/png", undefined],
      ["bytes", "image/png", true],
    ]);
    expect(out.seed).toBe("18446744073709551000");
    expect(out.requestId).toBe("RDI1");
    expect(out.cost).toEqual({ amount: 0.12, unit: "usd" });
  });

  it("warns about each image the safety checker flagged, as fal does, and not about the others", async () => {
    const { ctx } = ctxWith([json(`{"images":["${png}","${png}","${png}"],"nsfw_content_detected":[true,false,true],"seed":1}`)]);
    const out = await deepinfraAdapter.run(request(), ctx, large);
    expect(out.images.map((i) => i.nsfw)).toEqual([true, undefined, true]);
    expect(out.warnings).toEqual([
      "DeepInfra's safety checker flagged image 1; it may be blacked out.",
      "DeepInfra's safety checker flagged image 3; it may be blacked out.",
    ]);
    const { ctx: clean } = ctxWith([json(`{"images":["${png}"],"nsfw_content_detected":[false],"seed":1}`)]);
    expect((await deepinfraAdapter.run(request(), clean, large)).warnings).toEqual([]);
  });

  it("refuses an answer with no readable image, or not JSON", async () => {
    expect((await failure(json({ images: ["data:image/png;base64,AAAA"] }))).message).toMatch(/without a readable image/);
    expect((await failure(json("{oops"))).code).toBe("upstream");
  });

  it.each([
    [401, { detail: { error: "Invalid token" } }, "auth"],
    [402, { detail: { error: "Insufficient balance" } }, "quota"],
    [404, { detail: { error: "Model not found" } }, "rejected"],
    [500, { detail: { error: "boom" } }, "upstream"],
  ] as const)("maps HTTP %s to %s", async (status, body, code) => {
    const err = await failure(json(body, status));
    expect(err.code).toBe(code);
    expect(err.providerMessage).toBe(body.detail.error);
  });

  it("puts a 422 on the field its detail names", async () => {
    const err = await failure(json({ detail: [{ loc: ["body", "guidance_scale"], msg: "ensure this value is less than or equal to 20", type: "value_error" }] }, 422));
    expect([err.code, err.field]).toEqual(["invalid_input", "guidance_scale"]);
  });

  it("reads a 429's reset time from Retry-After", async () => {
    const { ctx } = ctxWith([json({ detail: { error: "Rate limited" } }, 429, { "retry-after": "10" })]);
    const err = (await deepinfraAdapter.run(request(), ctx, large).catch((e: unknown) => e)) as ProviderError;
    expect(err.code).toBe("rate_limited");
    expect(err.retryAt?.getTime()).toBe(ctx.now() + 10_000);
  });

  it("redacts the key when the provider repeats it", async () => {
    const err = await failure(json({ detail: { error: `bad token ${KEY}, really ${KEY}` } }, 401));
    expect(err.providerMessage).toBe("bad token [redacted], really [redacted]");
  });
});
