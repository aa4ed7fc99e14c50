/** Replicate's and DeepInfra's protocols, and the models issue 11 adds to Segmind, Eachlabs and ImagePipeline. */
import { describe, expect, it } from "vitest";
import { EACH_AUTH, IP_AUTH, SEGMIND_AUTH, configure, eachBody, fetchImage, imageMeta, ipBody, postJson, segmindBody, setupEmulator, until } from "./test-helpers";

const emu = setupEmulator();
const REP_AUTH = { authorization: "Bearer r8_good" };
const DI_AUTH = { authorization: "bearer di-good" };
const rep = (model = "stable-diffusion-3.5-large") => `${emu.url}/replicate/v1/models/stability-ai/${model}/predictions`;
const di = (model = "stabilityai/sd3.5") => `${emu.url}/deepinfra/v1/inference/${model}`;

interface Prediction {
  id: string;
  status: string;
  output: string | string[] | null;
  error: string | null;
  logs: string;
  urls: { get: string; cancel: string };
}

describe("Replicate", () => {
  it("rejects a missing or invalid token with its problem body", async () => {
    for (const headers of [{}, { authorization: "Bearer invalid-token" }] as Record<string, string>[]) {
      const res = await postJson(rep(), { input: { prompt: "a fox" } }, headers);
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ title: "Unauthenticated", status: 401 });
    }
  });

  it("Prefer: wait returns the finished prediction: Large's output is an array, Medium's a string", async () => {
    const res = await postJson(rep(), { input: { prompt: "a fox", aspect_ratio: "16:9", seed: 12 } }, { ...REP_AUTH, prefer: "wait" });
    expect(res.status).toBe(201);
    const p = (await res.json()) as Prediction;
    expect(p.status).toBe("succeeded");
    expect(Array.isArray(p.output)).toBe(true);
    expect(p.logs).toContain("Using seed: 12");
    expect(await fetchImage((p.output as string[])[0]!)).toMatchObject({ contentType: "image/webp", width: 1344, height: 768 });

    const medium = (await (await postJson(rep("stable-diffusion-3.5-medium"), { input: { prompt: "a fox", negative_prompt: "blur", output_format: "png" } }, { ...REP_AUTH, prefer: "wait" })).json()) as Prediction;
    expect(medium.status).toBe("succeeded");
    expect(typeof medium.output).toBe("string");
  });

  it("answers still starting when the wait runs out (pending), then finishes at urls.get", async () => {
    const res = await postJson(rep(), { input: { prompt: "a fox [[emulate:pending]] [[latency:300]]" } }, { ...REP_AUTH, prefer: "wait=5" });
    const p = (await res.json()) as Prediction;
    expect(p.status).toBe("starting");
    expect(p.urls.get).toBe(`${emu.url}/replicate/v1/predictions/${p.id}`);
    const seen: string[] = [p.status];
    await until(async () => {
      const b = (await (await fetch(p.urls.get, { headers: REP_AUTH })).json()) as Prediction;
      if (seen.at(-1) !== b.status) seen.push(b.status);
      return b.status === "succeeded" ? b : undefined;
    }, 3000, 15);
    expect(seen).toEqual(["starting", "processing", "succeeded"]);
  });

  it("cancels a running prediction at urls.cancel", async () => {
    const p = (await (await postJson(rep(), { input: { prompt: "a fox [[emulate:never-finish]]" } }, { ...REP_AUTH, prefer: "wait" })).json()) as Prediction;
    expect(p.status).toBe("starting");
    const canceled = (await (await fetch(p.urls.cancel, { method: "POST", headers: REP_AUTH })).json()) as Prediction;
    expect(canceled.status).toBe("canceled");
  });

  it("422s an input out of its version's range, naming input.<field>", async () => {
    const res = await postJson(rep("stable-diffusion-3.5-large-turbo"), { input: { prompt: "a fox", cfg: 11 } }, REP_AUTH);
    expect(res.status).toBe(422);
    const body = (await res.json()) as { detail: string; invalid_fields: { field: string }[] };
    expect(body.invalid_fields.map((f) => f.field)).toEqual(["input.cfg"]);
    expect(body.detail).toMatch(/input\.cfg/);
  });

  it("a 429 says when the limit resets in its words; failures and NSFW end as failed with an error", async () => {
    const limited = await postJson(rep(), { input: { prompt: "a fox [[emulate:429]]" } }, REP_AUTH);
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as { detail: string }).detail).toMatch(/resets in ~30s/);
    const nsfw = (await (await postJson(rep(), { input: { prompt: "a fox [[emulate:nsfw]]" } }, { ...REP_AUTH, prefer: "wait" })).json()) as Prediction;
    expect([nsfw.status, nsfw.error]).toEqual(["failed", expect.stringMatching(/NSFW/)]);
  });
});

describe("DeepInfra", () => {
  it("rejects a missing token and answers with data URLs, the seed and the cost", async () => {
    expect((await postJson(di(), { prompt: "a fox" })).status).toBe(401);
    // Raw text: a 64-bit seed must reach the emulator with every digit.
    const raw = '{"prompt":"a fox","num_images":2,"aspect_ratio":"9:16","seed":18446744073709551000}';
    const res = await fetch(di("stabilityai/sd3.5-medium"), { method: "POST", headers: { ...DI_AUTH, "content-type": "application/json" }, body: raw });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('"seed":18446744073709551000');
    const body = JSON.parse(text) as { images: string[]; nsfw_content_detected: boolean[]; inference_status: { cost: number } };
    expect(body.images).toHaveLength(2);
    expect(body.images[0]).toMatch(/^data:image\/png;base64,/);
    expect(body.nsfw_content_detected).toEqual([false, false]);
    // Medium at the price the app estimates it at (none is published): 2 images.
    expect(body.inference_status.cost).toBeCloseTo(0.07, 6);
    const large = await postJson(di(), { prompt: "a fox", num_images: 2 }, DI_AUTH);
    expect(((await large.json()) as { inference_status: { cost: number } }).inference_status.cost).toBeCloseTo(0.12, 6);
  });

  it("422s a field out of range in FastAPI's shape and 404s an unknown model", async () => {
    const res = await postJson(di(), { prompt: "a fox", guidance_scale: 21 }, DI_AUTH);
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({ detail: [expect.objectContaining({ loc: ["body", "guidance_scale"] })] });
    expect((await postJson(di("stabilityai/sdxl"), { prompt: "a fox" }, DI_AUTH)).status).toBe(404);
  });

  it("takes any seed below 2^64, digit for digit, and 422s one at 2^64", async () => {
    const post = (seed: string) =>
      fetch(di(), { method: "POST", headers: { ...DI_AUTH, "content-type": "application/json" }, body: `{"prompt":"a fox","seed":${seed}}` });
    for (const seed of ["0", "12345678901234567891", "18446744073709551615"]) {
      const res = await post(seed);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain(`"seed":${seed}`);
    }
    const over = await post("18446744073709551616");
    expect(over.status).toBe(422);
    expect(await over.json()).toEqual({ detail: [expect.objectContaining({ loc: ["body", "seed"] })] });
  });

  it("takes configured faults: a 429 with Retry-After, a 402 for no balance", async () => {
    await configure(emu.url, { provider: "deepinfra", fault: "429", times: 1 });
    const limited = await postJson(di(), { prompt: "a fox" }, DI_AUTH);
    expect([limited.status, limited.headers.get("retry-after")]).toEqual([429, "10"]);
    expect((await postJson(di(), { prompt: "a fox [[emulate:quota]]" }, DI_AUTH)).status).toBe(402);
    expect((await postJson(di(), { prompt: "a fox" }, DI_AUTH)).status).toBe(200);
  });

  it("flags every image of an nsfw request in nsfw_content_detected", async () => {
    const res = await postJson(di(), { prompt: "a fox [[emulate:nsfw]]", num_images: 2 }, DI_AUTH);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { images: string[]; nsfw_content_detected: boolean[] };
    expect([body.images.length, body.nsfw_content_detected]).toEqual([2, [true, true]]);
  });

  it("answers a failed job with a 500, and never answers one that never finishes", async () => {
    const failed = await postJson(di(), { prompt: "a fox [[emulate:fail]]" }, DI_AUTH);
    expect(failed.status).toBe(500);
    const stuck = postJson(di(), { prompt: "a fox [[emulate:never-finish]]" }, DI_AUTH, AbortSignal.timeout(500));
    await expect(stuck).rejects.toThrow(/aborted|timeout/i);
  });
});

describe("new models on the existing providers", () => {
  it("Segmind Turbo takes its page's 4 steps; SD3 Medium takes its own schema and refuses the SD3.5 one", async () => {
    const turbo = await postJson(`${emu.url}/segmind/v1/stable-diffusion-3.5-turbo-txt2img`, segmindBody({ steps: 4, guidance_scale: 1, sampler: "dpmpp_2m" }), SEGMIND_AUTH);
    expect(turbo.status).toBe(200);
    expect((await postJson(`${emu.url}/segmind/v1/stable-diffusion-3.5-large-txt2img`, segmindBody({ steps: 4 }), SEGMIND_AUTH)).status).toBe(422);

    const sd3 = `${emu.url}/segmind/v1/stable-diffusion-3-medium-txt2img`;
    const ok = await postJson(sd3, { prompt: "a fox", samples: 1, scheduler: "DPM++ 2M", num_inference_steps: 25, guidance_scale: 5, img_width: 768, img_height: 512, denoise: 1, modelsamplingsd3_shift: 3, conditioningsettimesteprange_start: 0.1, conditioningsettimesteprange_stop: 1 }, SEGMIND_AUTH);
    expect(ok.status).toBe(200);
    expect(await imageMeta(ok)).toMatchObject({ format: "jpeg", width: 768, height: 512 });
    const bad = await postJson(sd3, { prompt: "a fox", samples: 5 }, SEGMIND_AUTH);
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { error: string }).error).toMatch(/samples/);
  });

  it("Eachlabs runs Turbo and Medium, each with its own steps range", async () => {
    for (const [model, steps, status] of [
      ["stable-diffusion-3.5-large-turbo", 4, 200],
      ["stable-diffusion-3.5-large-turbo", 11, 400],
      ["stable-diffusion-3.5-medium", 40, 200],
      ["stable-diffusion-3.5-unknown", 4, 404],
    ] as const) {
      const res = await postJson(`${emu.url}/eachlabs/v1/prediction/`, { ...eachBody({ steps }), model }, EACH_AUTH);
      expect(res.status, `${model} steps ${steps}`).toBe(status);
    }
  });

  it("ImagePipeline SD3 at /sd3/v1 takes up to 4 samples", async () => {
    const res = await postJson(`${emu.url}/imagepipeline/sd3/v1`, ipBody({ samples: 4, num_inference_steps: 29, guidance_scale: 7 }), IP_AUTH);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { download_urls: string[] }).download_urls).toHaveLength(4);
    expect((await postJson(`${emu.url}/imagepipeline/sd3_5/v1`, ipBody({ samples: 4 }), IP_AUTH)).status).toBe(400);
  });
});
