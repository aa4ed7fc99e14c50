/** Each provider's documented happy path, auth and validation, checked with plain fetch. */
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import {
  AIML_AUTH,
  EACH_AUTH,
  IP_AUTH,
  SEGMIND_AUTH,
  SEGMIND_PATH,
  aimlBody,
  eachBody,
  fetchImage,
  imageMeta,
  ipBody,
  postJson,
  segmindBody,
  until,
  setupEmulator,
} from "./test-helpers";

const emu = setupEmulator();
const aiml = () => `${emu.url}/aimlapi/v1/images/generations`;
const segmind = () => `${emu.url}${SEGMIND_PATH}`;
const each = () => `${emu.url}/eachlabs/v1/prediction`;
const ip = () => `${emu.url}/imagepipeline/sd3_5/v1`;

describe("AI/ML API", () => {
  it("rejects a missing or invalid key with its error body", async () => {
    for (const headers of [{}, { authorization: "Bearer invalid-key" }, { authorization: "Token abc" }] as Record<string, string>[]) {
      const res = await postJson(aiml(), aimlBody(), headers);
      expect(res.status).toBe(401);
      const body = (await res.json()) as Record<string, unknown>;
      expect(body).toMatchObject({ statusCode: 401, path: "/v1/images/generations" });
      expect(body.message).toMatch(/valid API key/);
      expect(typeof body.requestId).toBe("string");
      expect(new Date(String(body.timestamp)).getTime()).not.toBeNaN();
    }
  });

  it("answers v35-large with 200 {data, meta} and serves the jpeg", async () => {
    const res = await postJson(aiml(), aimlBody({ image_size: "landscape_16_9" }), AIML_AUTH);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: { url: string; b64_json: null }[]; meta: { usage: { credits_used: number } } };
    expect(body.data).toHaveLength(1);
    expect(body.data[0]?.b64_json).toBeNull();
    expect(typeof body.meta.usage.credits_used).toBe("number");
    expect(body.data[0]?.url).toMatch(new RegExp(`^${emu.url}/files/[\\w-]+\\.jpeg$`));
    const img = await fetchImage(body.data[0]?.url ?? "");
    expect(img).toMatchObject({ contentType: "image/jpeg", format: "jpeg", width: 1024, height: 576 });
  });

  it("answers v3-medium with 201 in the fal shape, a full 64-bit seed and num_images images", async () => {
    const res = await postJson(aiml(), aimlBody({ model: "stable-diffusion-v3-medium", num_images: 2, image_size: "portrait_4_3" }), AIML_AUTH);
    expect(res.status).toBe(201);
    const text = await res.text();
    expect(text).toMatch(/"seed":\d{1,20}[,}]/);
    const body = JSON.parse(text) as Record<string, unknown> & { images: { url: string; width: number; height: number; content_type: string }[] };
    expect(body.images).toHaveLength(2);
    expect(body.images[0]).toMatchObject({ width: 768, height: 1024, content_type: "image/jpeg" });
    expect(body).toMatchObject({ has_nsfw_concepts: [false, false], prompt: "a red fox", num_images: 2 });
    expect(typeof (body.timings as { inference: unknown }).inference).toBe("number");
    const img = await fetchImage(body.images[1]?.url ?? "");
    expect(img).toMatchObject({ width: 768, height: 1024, format: "jpeg" });
  });

  it("echoes a sent 64-bit seed digit for digit, and honours png and object sizes", async () => {
    const raw = `{"model":"stable-diffusion-v35-large","prompt":"fox [[emulate:shape:images]]","seed":6199662706750842123,"output_format":"png","image_size":{"width":640,"height":320}}`;
    const res = await postJson(aiml(), raw, AIML_AUTH);
    expect(res.status).toBe(201);
    const text = await res.text();
    expect(text).toContain(`"seed":6199662706750842123`);
    const url = (JSON.parse(text) as { images: { url: string }[] }).images[0]?.url ?? "";
    expect(url.endsWith(".png")).toBe(true);
    expect(await fetchImage(url)).toMatchObject({ contentType: "image/png", width: 640, height: 320 });
  });

  it("validates the body against the model's schema", async () => {
    const cases: Record<string, unknown>[] = [
      aimlBody({ num_images: 5 }),
      aimlBody({ seed: 0 }),
      aimlBody({ image_size: { width: 100, height: 512 } }),
      aimlBody({ image_size: "huge" }),
      aimlBody({ guidance_scale: 25 }),
      aimlBody({ num_inference_steps: 51 }),
      aimlBody({ prompt_expansion: true }),
      aimlBody({ model: "stable-diffusion-v3-medium", output_format: "png" }),
      aimlBody({ model: "sdxl" }),
      aimlBody({ prompt: "x".repeat(4001) }),
      { model: "stable-diffusion-v35-large" },
    ];
    for (const body of cases) {
      const res = await postJson(aiml(), body, AIML_AUTH);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      const err = (await res.json()) as { message: string; statusCode: number };
      expect(err.statusCode).toBe(400);
      expect(err.message).toMatch(/^Body validation error!.*Expected.*Received/s);
    }
  });
});

describe("Segmind v1", () => {
  it("rejects missing and invalid keys", async () => {
    let res = await postJson(segmind(), segmindBody());
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: "Missing Authorization or x-api-key in header" });
    res = await postJson(segmind(), segmindBody(), { "x-api-key": "invalid-123" });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: "Unauthorized. API key is invalid" });
  });

  it("returns raw jpeg bytes with accounting headers, sized by the aspect-ratio preset", async () => {
    const res = await postJson(segmind(), segmindBody({ aspect_ratio: "16:9 landscape 1344x768", seed: 98552302 }), SEGMIND_AUTH);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/jpeg");
    expect(res.headers.get("x-seed-value")).toBe("98552302");
    for (const h of ["x-remaining-credits", "x-cost", "x-generation-time", "x-request-id", "x-rate-limit-remaining"]) {
      expect(res.headers.get(h), h).toBeTruthy();
    }
    expect(await imageMeta(res)).toMatchObject({ format: "jpeg", width: 1344, height: 768 });
  });

  it("charges each model's own price per image in x-cost", async () => {
    const cost = async (slug: string, extra: Record<string, unknown>) => {
      const res = await postJson(`${emu.url}/segmind/v1/${slug}`, { prompt: "a red fox", ...extra }, SEGMIND_AUTH);
      expect(res.status, slug).toBe(200);
      return res.headers.get("x-cost");
    };
    expect(await cost("stable-diffusion-3.5-large-txt2img", segmindBody({ batch_size: 2 }))).toBe("0.0280");
    expect(await cost("stable-diffusion-3.5-turbo-txt2img", segmindBody())).toBe("0.0400");
    expect(await cost("stable-diffusion-3-medium-txt2img", {})).toBe("0.0390");
  });

  it("uses width/height for custom, image_format for the type, and a random seed for -1", async () => {
    const res = await postJson(segmind(), segmindBody({ aspect_ratio: "custom", width: 320, height: 192, image_format: "webp", seed: -1 }), SEGMIND_AUTH);
    expect(res.headers.get("content-type")).toBe("image/webp");
    expect(res.headers.get("x-seed-value")).toMatch(/^\d+$/);
    expect(await imageMeta(res)).toMatchObject({ format: "webp", width: 320, height: 192 });
  });

  it("uses the page's default seed 98552302 when none is sent, and a random one for -1", async () => {
    const omitted = await postJson(segmind(), segmindBody(), SEGMIND_AUTH);
    expect(omitted.headers.get("x-seed-value")).toBe("98552302");
    const random = await postJson(segmind(), segmindBody({ seed: -1 }), SEGMIND_AUTH);
    expect(random.headers.get("x-seed-value")).not.toBe("98552302");
  });

  it("answers JSON with base64 images when base64:true (an array for batches)", async () => {
    let res = await postJson(segmind(), segmindBody({ base64: true, image_format: "png", width: 256, height: 256 }), SEGMIND_AUTH);
    let body = (await res.json()) as { image: string | string[]; status: string; infer_time: number };
    expect(body.status).toBe("Success");
    expect(typeof body.image).toBe("string");
    expect(await sharp(Buffer.from(body.image as string, "base64")).metadata()).toMatchObject({ format: "png", width: 256 });
    res = await postJson(segmind(), segmindBody({ base64: true, batch_size: 3, width: 128, height: 128 }), SEGMIND_AUTH);
    body = (await res.json()) as typeof body;
    expect(Array.isArray(body.image) && body.image.length).toBe(3);
    const [a, b] = body.image as string[];
    expect(a).not.toBe(b);
  });

  it("is deterministic for the same prompt, seed, size and format", async () => {
    const req = segmindBody({ seed: 7, width: 512, height: 512, image_format: "png" });
    const [a, b] = await Promise.all([1, 2].map(async () => Buffer.from(await (await postJson(segmind(), req, SEGMIND_AUTH)).arrayBuffer())));
    expect(a?.equals(b ?? Buffer.alloc(0))).toBe(true);
    const c = Buffer.from(await (await postJson(segmind(), { ...req, seed: 8 }, SEGMIND_AUTH)).arrayBuffer());
    expect(a?.equals(c)).toBe(false);
  });

  it("answers 406 for a non-JSON content type, 422 for invalid fields, 404 for unknown models", async () => {
    let res = await fetch(segmind(), { method: "POST", headers: { ...SEGMIND_AUTH, "content-type": "text/plain" }, body: JSON.stringify(segmindBody()) });
    expect(res.status).toBe(406);
    expect(await res.json()).toEqual({ error: "Invalid content type" });
    for (const bad of [
      { steps: 5 },
      { guidance_scale: 16 },
      { sampler: "euler_a" },
      { scheduler: "linear_quadratic" },
      { aspect_ratio: "16:9" },
      { batch_size: 11 },
      { image_quality: 5 },
      { image_format: "gif" },
      { width: 4096 },
      { sampler: undefined },
    ]) {
      res = await postJson(segmind(), segmindBody(bad), SEGMIND_AUTH);
      expect(res.status, JSON.stringify(bad)).toBe(422);
      expect(typeof ((await res.json()) as { error: unknown }).error).toBe("string");
    }
    res = await postJson(`${emu.url}/segmind/v1/sdxl1.0-txt2img`, segmindBody(), SEGMIND_AUTH);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: "Model not found" });
  });
});

describe("Eachlabs", () => {
  it("rejects a missing key, accepts X-API-Key and Bearer", async () => {
    let res = await postJson(`${each()}/`, eachBody());
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: "Invalid or missing API key" });
    res = await postJson(`${each()}/`, eachBody(), { authorization: "Bearer invalid" });
    expect(res.status).toBe(401);
    res = await postJson(each(), eachBody(), { authorization: "Bearer good" });
    expect(res.status).toBe(200);
  });

  it("creates a prediction, then progresses created → starting → processing → success", async () => {
    const res = await postJson(`${each()}/`, eachBody({ prompt: "a fox [[latency:1200]]", cfg: "3.5", steps: "35", output_quality: "90", aspect_ratio: "16:9", output_format: "jpg" }), EACH_AUTH);
    expect(res.status).toBe(200);
    const created = (await res.json()) as { status: string; message: string; predictionID: string };
    expect(created).toMatchObject({ status: "success", message: "Prediction created successfully" });
    const seen: string[] = [];
    const final = await until(async () => {
      const r = await fetch(`${each()}/${created.predictionID}`, { headers: EACH_AUTH });
      const body = (await r.json()) as Record<string, unknown> & { status: string };
      if (seen.at(-1) !== body.status) seen.push(body.status);
      return body.status === "success" ? body : undefined;
    }, 3000, 15);
    expect(seen).toEqual(["created", "starting", "processing", "success"]);
    expect(final).toMatchObject({
      id: created.predictionID,
      input: { prompt: "a fox [[latency:1200]]", cfg: "3.5" },
      logs: null,
      urls: { get: `${each()}/${created.predictionID}`, cancel: `${each()}/${created.predictionID}/cancel` },
    });
    const metrics = final.metrics as { predict_time: number; cost: number };
    expect(metrics.predict_time).toBeGreaterThan(0);
    expect(metrics.cost).toBeGreaterThan(0);
    expect(await fetchImage(String(final.output))).toMatchObject({ contentType: "image/jpeg", width: 1344, height: 768 });
  });

  it("reports each model's own price in metrics.cost", async () => {
    const cost = async (model: string) => {
      const res = await postJson(each(), { ...eachBody({ steps: 4 }), model }, EACH_AUTH);
      const { predictionID } = (await res.json()) as { predictionID: string };
      return until(async () => {
        const b = (await (await fetch(`${each()}/${predictionID}`, { headers: EACH_AUTH })).json()) as { status: string; metrics: { cost: number } };
        return b.status === "success" ? b.metrics.cost : undefined;
      }, 3000, 15);
    };
    expect(await cost("stable-diffusion-3.5-large")).toBe(0.065);
    expect(await cost("stable-diffusion-3.5-large-turbo")).toBe(0.04);
    expect(await cost("stable-diffusion-3.5-medium")).toBe(0.035);
  });

  it("defaults to a 1:1 webp and 404s unknown predictions", async () => {
    const { predictionID } = (await (await postJson(each(), eachBody(), EACH_AUTH)).json()) as { predictionID: string };
    const body = await until(async () => {
      const b = (await (await fetch(`${each()}/${predictionID}`, { headers: EACH_AUTH })).json()) as { status: string; output: string };
      return b.status === "success" ? b : undefined;
    });
    expect(body.output.endsWith(".webp")).toBe(true);
    expect(await fetchImage(body.output)).toMatchObject({ contentType: "image/webp", width: 1024, height: 1024 });
    const res = await fetch(`${each()}/nope`, { headers: EACH_AUTH });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: "Prediction not found" });
  });

  it("answers 400 for invalid input", async () => {
    for (const input of [{ cfg: 25 }, { steps: "0" }, { aspect_ratio: "2:1" }, { output_format: "jpeg" }, { output_quality: 101 }, { prompt_strength: "1.5" }, { prompt: undefined }]) {
      const res = await postJson(each(), eachBody(input), EACH_AUTH);
      expect(res.status, JSON.stringify(input)).toBe(400);
      expect(await res.json()).toEqual({ error: "Invalid input for model" });
    }
    const res = await postJson(each(), { version: "0.0.1", input: { prompt: "x" } }, EACH_AUTH);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: "model field is required" });
    expect((await postJson(each(), { ...eachBody(), version: "9.9.9" }, EACH_AUTH)).status).toBe(400);
  });

  it("cancels a running prediction", async () => {
    const { predictionID } = (await (await postJson(each(), eachBody({ prompt: "[[latency:5000]]" }), EACH_AUTH)).json()) as { predictionID: string };
    const res = await fetch(`${each()}/${predictionID}/cancel`, { method: "POST", headers: EACH_AUTH });
    expect(res.status).toBe(200);
    const body = (await (await fetch(`${each()}/${predictionID}`, { headers: EACH_AUTH })).json()) as { status: string };
    expect(body.status).toBe("cancelled");
  });
});

describe("ImagePipeline", () => {
  it("rejects a missing or invalid API-Key", async () => {
    for (const headers of [{}, { "API-Key": "invalid" }] as Record<string, string>[]) {
      const res = await postJson(ip(), ipBody(), headers);
      expect(res.status).toBe(401);
      expect(((await res.json()) as { status: string }).status).toBe("FAILURE");
    }
  });

  it("answers fast jobs with SUCCESS and download_urls (one png per sample)", async () => {
    const res = await postJson(ip(), ipBody({ samples: 2, width: 768, height: 512 }), IP_AUTH);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; id: string; download_urls: string[] };
    expect(body.status).toBe("SUCCESS");
    expect(body.id).toBeTruthy();
    expect(body.download_urls).toHaveLength(2);
    for (const url of body.download_urls) expect(await fetchImage(url)).toMatchObject({ contentType: "image/png", width: 768, height: 512 });
  });

  it("answers PENDING, then the status endpoint moves to SUCCESS", async () => {
    const res = await postJson(ip(), ipBody({ prompt: "fox [[emulate:pending]] [[latency:300]]" }), IP_AUTH);
    const first = (await res.json()) as { status: string; id: string };
    expect(first.status).toBe("PENDING");
    const status = `${ip()}/status/${first.id}`;
    const poll = (await (await fetch(status, { headers: IP_AUTH })).json()) as { status: string };
    expect(poll).toEqual({ status: "PENDING", id: first.id });
    const done = await until(async () => {
      const b = (await (await fetch(status, { headers: IP_AUTH })).json()) as { status: string; download_urls?: string[] };
      return b.status === "SUCCESS" ? b : undefined;
    });
    expect(await fetchImage(done.download_urls?.[0] ?? "")).toMatchObject({ width: 1024, height: 1024, format: "png" });
    expect((await fetch(`${ip()}/status/unknown`, { headers: IP_AUTH })).status).toBe(404);
  });

  it("goes PENDING on its own for jobs longer than 2 s", async () => {
    const t0 = Date.now();
    const body = (await (await postJson(ip(), ipBody({ prompt: "[[latency:2500]]" }), IP_AUTH)).json()) as { status: string };
    expect(body.status).toBe("PENDING");
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it("validates required fields and ranges", async () => {
    for (const bad of [{ samples: 3 }, { guidance_scale: 21 }, { num_inference_steps: 0 }, { negative_prompt: undefined }, { samples: undefined }]) {
      const res = await postJson(ip(), ipBody(bad), IP_AUTH);
      expect(res.status, JSON.stringify(bad)).toBe(400);
      const body = (await res.json()) as { status: string; message: string };
      expect(body.status).toBe("FAILURE");
      expect(body.message).toBeTruthy();
    }
  });
});
