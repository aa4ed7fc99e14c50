/** Fault injection (prompt directives and the control API), latency, the request log and stats. */
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { parseDirectives } from "./faults";
import {
  AIML_AUTH,
  EACH_AUTH,
  IP_AUTH,
  SEGMIND_AUTH,
  SEGMIND_PATH,
  aimlBody,
  configure,
  eachBody,
  ipBody,
  postJson,
  segmindBody,
  sleep,
  stats,
  until,
  setupEmulator,
} from "./test-helpers";

const emu = setupEmulator();
const aiml = () => `${emu.url}/aimlapi/v1/images/generations`;
const segmind = () => `${emu.url}${SEGMIND_PATH}`;
const each = () => `${emu.url}/eachlabs/v1/prediction`;
const ip = () => `${emu.url}/imagepipeline/sd3_5/v1`;

type Json = Record<string, unknown>;
const json = async (res: Response) => (await res.json()) as Json;

/** Creates an Eachlabs prediction and returns its id. */
async function eachCreate(prompt: string): Promise<string> {
  const res = await postJson(each(), eachBody({ prompt }), EACH_AUTH);
  expect(res.status).toBe(200);
  return String((await json(res)).predictionID);
}

async function eachGet(id: string): Promise<Json> {
  return json(await fetch(`${each()}/${id}`, { headers: EACH_AUTH }));
}

describe("directive parsing", () => {
  it("reads latency and several faults, ignoring unknown names", () => {
    const d = parseDirectives("a fox [[latency:1500]] [[emulate:429]] [[ emulate : expired-url, shape:images ]] [[emulate:bogus]]");
    expect(d.latencyMs).toBe(1500);
    expect(d.faults).toEqual(["429", "expired-url", "shape:images"]);
    expect(d.unknown).toEqual(["bogus"]);
    expect(parseDirectives(42)).toEqual({ faults: [], unknown: [] });
  });
});

describe("auth and account faults", () => {
  it("401 through a directive, in each provider's body", async () => {
    let res = await postJson(aiml(), aimlBody({ prompt: "[[emulate:401]]" }), AIML_AUTH);
    expect(res.status).toBe(401);
    expect((await json(res)).statusCode).toBe(401);
    res = await postJson(segmind(), segmindBody({ prompt: "[[emulate:401]]" }), SEGMIND_AUTH);
    expect([res.status, await json(res)]).toEqual([401, { error: "Unauthorized. API key is invalid" }]);
    res = await postJson(each(), eachBody({ prompt: "[[emulate:401]]" }), EACH_AUTH);
    expect([res.status, await json(res)]).toEqual([401, { error: "Invalid or missing API key" }]);
    res = await postJson(ip(), ipBody({ prompt: "[[emulate:401]]" }), IP_AUTH);
    expect(res.status).toBe(401);
    expect((await json(res)).status).toBe("FAILURE");
  });

  it("quota in each provider's status and words", async () => {
    let res = await postJson(aiml(), aimlBody({ prompt: "[[emulate:quota]]" }), AIML_AUTH);
    expect(res.status).toBe(403);
    expect(String((await json(res)).message)).toMatch(/^You've run out of credits/);
    res = await postJson(segmind(), segmindBody({ prompt: "[[emulate:quota]]" }), SEGMIND_AUTH);
    expect([res.status, await json(res)]).toEqual([406, { error: "Not enough credits" }]);
    res = await postJson(each(), eachBody({ prompt: "[[emulate:quota]]" }), EACH_AUTH);
    expect([res.status, await json(res)]).toEqual([403, { error: "Insufficient balance" }]);
    res = await postJson(ip(), ipBody({ prompt: "[[emulate:quota]]" }), IP_AUTH);
    expect([res.status, await json(res)]).toEqual([403, { status: "FAILURE", message: "Insufficient credits" }]);
  });

  it("429 with each provider's rate-limit headers", async () => {
    let res = await postJson(aiml(), aimlBody({ prompt: "[[emulate:429]]" }), AIML_AUTH);
    expect([res.status, res.headers.get("retry-after"), (await json(res)).message]).toEqual([429, "30", "Too Many Requests"]);
    res = await postJson(segmind(), segmindBody({ prompt: "[[emulate:429]]" }), SEGMIND_AUTH);
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBeNull();
    const resetAt = Date.parse(res.headers.get("x-rate-limit-reset-at-utc") ?? "");
    expect(resetAt - Date.now()).toBeGreaterThan(25_000);
    expect(resetAt - Date.now()).toBeLessThan(35_000);
    res = await postJson(each(), eachBody({ prompt: "[[emulate:429]]" }), EACH_AUTH);
    expect([res.status, res.headers.get("retry-after"), await json(res)]).toEqual([
      429,
      "60",
      { error: "Rate limit exceeded. Please retry after 60 seconds." },
    ]);
    res = await postJson(ip(), ipBody({ prompt: "[[emulate:429]]" }), IP_AUTH);
    expect([res.status, res.headers.get("retry-after")]).toEqual([429, "30"]);
  });
});

describe("server faults", () => {
  it("500 and sync `fail` answer 5xx; async `fail` ends the job failed", async () => {
    expect((await postJson(aiml(), aimlBody({ prompt: "[[emulate:500]]" }), AIML_AUTH)).status).toBe(500);
    expect((await postJson(aiml(), aimlBody({ prompt: "[[emulate:fail]]" }), AIML_AUTH)).status).toBe(500);
    const seg = await postJson(segmind(), segmindBody({ prompt: "[[emulate:fail]]" }), SEGMIND_AUTH);
    expect(seg.status).toBe(500);
    expect(typeof (await json(seg)).error).toBe("string");
    expect((await postJson(segmind(), segmindBody({ prompt: "[[emulate:500]]" }), SEGMIND_AUTH)).status).toBe(500);
    expect(await json(await postJson(each(), eachBody({ prompt: "[[emulate:500]]" }), EACH_AUTH))).toEqual({ error: "Failed to create prediction" });
    expect((await postJson(ip(), ipBody({ prompt: "[[emulate:500]]" }), IP_AUTH)).status).toBe(500);

    const id = await eachCreate("[[emulate:fail]]");
    const failed = await until(async () => {
      const b = await eachGet(id);
      return b.status === "error" ? b : undefined;
    });
    expect(failed.output).toMatchObject({ error_code: "PROVIDER_FAILED" });
    expect(typeof (failed.output as Json).error_message).toBe("string");

    const ipFail = await json(await postJson(ip(), ipBody({ prompt: "[[emulate:fail]]" }), IP_AUTH));
    expect(ipFail.status).toBe("FAILURE");
    expect(typeof ipFail.message).toBe("string");
  });

  it("malformed: truncated JSON, or garbage bytes labelled image/png", async () => {
    for (const [url, body, headers] of [
      [aiml(), aimlBody({ prompt: "[[emulate:malformed]]" }), AIML_AUTH],
      [segmind(), segmindBody({ prompt: "[[emulate:malformed]]", base64: true }), SEGMIND_AUTH],
      [each(), eachBody({ prompt: "[[emulate:malformed]]" }), EACH_AUTH],
      [ip(), ipBody({ prompt: "[[emulate:malformed]]" }), IP_AUTH],
    ] as const) {
      const res = await postJson(url, body, headers);
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(() => JSON.parse(text), url).toThrow();
    }
    const raw = await postJson(segmind(), segmindBody({ prompt: "[[emulate:malformed]]" }), SEGMIND_AUTH);
    expect([raw.status, raw.headers.get("content-type")]).toEqual([200, "image/png"]);
    await expect(sharp(Buffer.from(await raw.arrayBuffer())).metadata()).rejects.toThrow();
  });

  it("expired-url: the handed-out image URL answers 404", async () => {
    const a = await json(await postJson(aiml(), aimlBody({ prompt: "[[emulate:expired-url]]" }), AIML_AUTH));
    const url = String(((a.data as Json[])[0] as Json).url);
    expect((await fetch(url)).status).toBe(404);

    const id = await eachCreate("[[emulate:expired-url]]");
    const done = await until(async () => {
      const b = await eachGet(id);
      return b.status === "success" ? b : undefined;
    });
    expect((await fetch(String(done.output))).status).toBe(404);

    const p = await json(await postJson(ip(), ipBody({ prompt: "[[emulate:expired-url]]" }), IP_AUTH));
    expect((await fetch(String((p.download_urls as string[])[0]))).status).toBe(404);
  });

  it("hang: never answers, counts as in flight, and cleans up on disconnect", async () => {
    for (const [provider, url, body, headers] of [
      ["aimlapi", aiml(), aimlBody({ prompt: "[[emulate:hang]]" }), AIML_AUTH],
      ["segmind", segmind(), segmindBody({ prompt: "[[emulate:never-finish]]" }), SEGMIND_AUTH],
    ] as const) {
      const ac = new AbortController();
      const pending = postJson(url, body, headers, ac.signal).then(
        () => "answered",
        () => "aborted",
      );
      await until(async () => ((await stats(emu.url))[provider]?.inFlight === 1 ? true : undefined));
      await sleep(100);
      ac.abort();
      expect(await pending).toBe("aborted");
      await until(async () => ((await stats(emu.url))[provider]?.inFlight === 0 ? true : undefined));
    }
  });

  it("never-finish: async jobs stay processing / PENDING", async () => {
    const id = await eachCreate("[[emulate:never-finish]]");
    await sleep(400);
    expect((await eachGet(id)).status).toBe("processing");
    const p = await json(await postJson(ip(), ipBody({ prompt: "[[emulate:never-finish]]" }), IP_AUTH));
    expect(p.status).toBe("PENDING");
    await sleep(50);
    expect((await json(await fetch(`${ip()}/status/${String(p.id)}`, { headers: IP_AUTH }))).status).toBe("PENDING");
  });
});

describe("shape and content faults", () => {
  it("nsfw: AI/ML API flags it in the fal shape; Eachlabs rejects the prediction", async () => {
    const res = await postJson(aiml(), aimlBody({ prompt: "[[emulate:nsfw]]", num_images: 2 }), AIML_AUTH);
    expect(res.status).toBe(201);
    expect((await json(res)).has_nsfw_concepts).toEqual([true, true]);
    const id = await eachCreate("[[emulate:nsfw]]");
    const rejected = await until(async () => {
      const b = await eachGet(id);
      return b.status === "error" ? b : undefined;
    });
    expect((rejected.output as Json).error_code).toBe("PROVIDER_REJECTED");
  });

  it("shape:data forces {data, meta} with 200 for v3-medium", async () => {
    const res = await postJson(aiml(), aimlBody({ model: "stable-diffusion-v3-medium", prompt: "[[emulate:shape:data]]" }), AIML_AUTH);
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(Array.isArray(body.data)).toBe(true);
    expect(body.images).toBeUndefined();
  });

  it("words:alt makes ImagePipeline say COMPLETED / FAILED", async () => {
    const ok = await json(await postJson(ip(), ipBody({ prompt: "[[emulate:words:alt]]" }), IP_AUTH));
    expect(ok.status).toBe("COMPLETED");
    expect((ok.download_urls as string[]).length).toBe(1);
    const ko = await json(await postJson(ip(), ipBody({ prompt: "[[emulate:words:alt,fail]]" }), IP_AUTH));
    expect(ko.status).toBe("FAILED");
    const pend = await json(await postJson(ip(), ipBody({ prompt: "[[emulate:words:alt]][[emulate:pending]]" }), IP_AUTH));
    expect(pend.status).toBe("PENDING");
    const done = await until(async () => {
      const b = await json(await fetch(`${ip()}/status/${String(pend.id)}`, { headers: IP_AUTH }));
      return b.status !== "PENDING" ? b : undefined;
    });
    expect(done.status).toBe("COMPLETED");
  });
});

describe("latency", () => {
  it("delays sync answers by the directive's latency", async () => {
    const t0 = performance.now();
    const res = await postJson(segmind(), segmindBody({ prompt: "slow [[latency:250]]", width: 64, height: 64 }), SEGMIND_AUTH);
    expect(res.status).toBe(200);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(245);
  });
});

describe("control API", () => {
  it("applies a configured fault `times` times, then recovers", async () => {
    await configure(emu.url, { provider: "segmind", fault: "429", times: 2 });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await postJson(segmind(), segmindBody({ width: 64, height: 64 }), SEGMIND_AUTH)).status);
    expect(statuses).toEqual([429, 429, 200]);
  });

  it("applies a configured poll-phase fault to status requests only", async () => {
    await configure(emu.url, { provider: "eachlabs", fault: "500", times: 1, phase: "poll" });
    const id = await eachCreate("fine");
    const first = await fetch(`${each()}/${id}`, { headers: EACH_AUTH });
    expect(first.status).toBe(500);
    expect(await json(first)).toEqual({ error: "Internal server error" });
    expect((await fetch(`${each()}/${id}`, { headers: EACH_AUTH })).status).toBe(200);
  });

  it("configured latency applies to sync answers and to async job duration", async () => {
    await configure(emu.url, { provider: "aimlapi", latencyMs: 200 });
    const t0 = performance.now();
    expect((await postJson(aiml(), aimlBody(), AIML_AUTH)).status).toBe(200);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(195);

    await configure(emu.url, { provider: "eachlabs", latencyMs: 300 });
    const id = await eachCreate("a fox");
    expect((await eachGet(id)).status).not.toBe("success");
    await until(async () => ((await eachGet(id)).status === "success" ? true : undefined));
  });

  it("tracks concurrency in stats (sync requests and async jobs)", async () => {
    await configure(emu.url, { provider: "segmind", latencyMs: 250 });
    await Promise.all([1, 2, 3].map(() => postJson(segmind(), segmindBody({ width: 64, height: 64 }), SEGMIND_AUTH)));
    await Promise.all([1, 2].map(() => eachCreate("[[latency:300]]")));
    const s = await stats(emu.url);
    expect(s.segmind).toEqual({ requests: 3, inFlight: 0, maxInFlight: 3 });
    expect(s.eachlabs).toMatchObject({ requests: 2, inFlight: 2, maxInFlight: 2 });
    await until(async () => ((await stats(emu.url)).eachlabs?.inFlight === 0 ? true : undefined));
  });

  it("logs requests with auth headers redacted, and reset clears everything", async () => {
    await postJson(segmind(), segmindBody({ width: 64, height: 64 }), SEGMIND_AUTH);
    await postJson(each(), eachBody(), { authorization: "Bearer secret-each" });
    const log = (await (await fetch(`${emu.url}/__emulator/requests`)).json()) as Json[];
    expect(log).toHaveLength(2);
    expect(log[0]).toMatchObject({ provider: "segmind", method: "POST", path: "/v1/stable-diffusion-3.5-large-txt2img", body: { prompt: "a red fox" } });
    expect((log[0]?.headers as Json)["x-api-key"]).toBe("<redacted>");
    expect((log[1]?.headers as Json).authorization).toBe("<redacted>");
    expect(JSON.stringify(log)).not.toMatch(/secret-each|SG_0123/);
    expect(Number.isNaN(Date.parse(String(log[0]?.at)))).toBe(false);
    const only = (await (await fetch(`${emu.url}/__emulator/requests?provider=eachlabs`)).json()) as Json[];
    expect(only.map((e) => e.provider)).toEqual(["eachlabs"]);

    await configure(emu.url, { provider: "all", fault: "500" });
    await fetch(`${emu.url}/__emulator/reset`, { method: "POST" });
    expect(await (await fetch(`${emu.url}/__emulator/requests`)).json()).toEqual([]);
    expect((await stats(emu.url)).segmind).toEqual({ requests: 0, inFlight: 0, maxInFlight: 0 });
    expect((await postJson(segmind(), segmindBody({ width: 64, height: 64 }), SEGMIND_AUTH)).status).toBe(200);
  });

  it("forgets a provider's jobs on request: their ids answer 404, as a provider's that no longer keeps them", async () => {
    const [kept, gone] = [await eachCreate("a fox [[latency:5000]]"), await eachCreate("a hare [[latency:5000]]")];
    const res = await postJson(`${emu.url}/__emulator/forget`, { provider: "eachlabs", id: gone });
    expect(await res.json()).toEqual({ ok: true, forgotten: 1 });
    expect((await fetch(`${each()}/${gone}`, { headers: EACH_AUTH })).status).toBe(404);
    expect((await eachGet(kept)).status).not.toBe("success");
    expect((await stats(emu.url)).eachlabs?.inFlight, "a forgotten job no longer runs").toBe(1);
    expect(await (await postJson(`${emu.url}/__emulator/forget`, { provider: "all" })).json()).toEqual({ ok: true, forgotten: 1 });
    for (const body of [{ provider: "no-such-provider" }, { provider: "eachlabs", id: 7 }, "[]"]) {
      expect((await postJson(`${emu.url}/__emulator/forget`, body)).status, JSON.stringify(body)).toBe(400);
    }
  });

  it("rejects invalid config", async () => {
    for (const body of [{ provider: "no-such-provider" }, { provider: "segmind", fault: "boom" }, { provider: "segmind", latencyMs: -1 }, { provider: "segmind", fault: "500", times: 0 }]) {
      expect((await postJson(`${emu.url}/__emulator/config`, body)).status, JSON.stringify(body)).toBe(400);
    }
  });
});
