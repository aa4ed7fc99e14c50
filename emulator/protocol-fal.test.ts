/** fal's two hosts as the emulator speaks them: the queue (submit, status, result, cancel) and the sync host. */
import { describe, expect, it } from "vitest";
import { fetchImage, postJson, setupEmulator, until } from "./test-helpers";

const emu = setupEmulator();
const AUTH = { authorization: "Key fal-id:secret" };
const queue = (model: string) => `${emu.url}/fal/queue/${model}`;
const LARGE = "fal-ai/stable-diffusion-v35-large";

interface Submitted {
  request_id: string;
  status_url: string;
  response_url: string;
  cancel_url: string;
}

async function submit(body: Record<string, unknown>, model = LARGE): Promise<Submitted> {
  const res = await postJson(queue(model), { prompt: "a fox", ...body }, AUTH);
  expect(res.status).toBe(200);
  return (await res.json()) as Submitted;
}

const getJson = async (url: string) => {
  const res = await fetch(url, { headers: AUTH });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe("fal", () => {
  // A job waits in the queue for the first tenth of its latency: long enough here (6 s and 1 s) for the checks below
  // to find both still queued on a loaded machine. The first is never waited for; the emulator's reset ends it.
  it("queues, reports IN_QUEUE with queue_position, then IN_PROGRESS, then COMPLETED, and serves the result", { timeout: 60_000 }, async () => {
    const first = await submit({ prompt: "a fox [[latency:60000]]" });
    const second = await submit({ prompt: "a fox [[latency:10000]]", image_size: "portrait_16_9", num_images: 2 });
    expect(second.status_url).toBe(`${emu.url}/fal/queue/${LARGE}/requests/${second.request_id}/status`);
    expect(second.response_url).toBe(`${emu.url}/fal/queue/${LARGE}/requests/${second.request_id}`);
    expect((await getJson(second.status_url)).body).toMatchObject({ status: "IN_QUEUE", queue_position: 1, response_url: second.response_url });
    expect((await getJson(first.status_url)).body).toMatchObject({ status: "IN_QUEUE", queue_position: 0 });
    expect((await getJson(second.response_url)).status).toBe(400);
    await until(async () => ((await getJson(second.status_url)).body.status === "IN_PROGRESS" ? true : undefined), 30_000);
    await until(async () => ((await getJson(second.status_url)).body.status === "COMPLETED" ? true : undefined), 30_000);
    const res = await fetch(second.response_url, { headers: AUTH });
    const text = await res.text();
    expect(text).toMatch(/"seed":\d+[,}]/);
    const result = JSON.parse(text) as { images: { url: string; width: number; height: number }[]; has_nsfw_concepts: boolean[] };
    expect(result.images).toHaveLength(2);
    expect(result.has_nsfw_concepts).toEqual([false, false]);
    expect(await fetchImage(result.images[0]!.url)).toMatchObject({ width: 576, height: 1024, format: "jpeg" });
  });

  it("gives a sub-path model (turbo) URLs without the sub-path", async () => {
    const job = await submit({}, `${LARGE}/turbo`);
    expect(job.status_url).toBe(`${emu.url}/fal/queue/${LARGE}/requests/${job.request_id}/status`);
    expect((await getJson(`${emu.url}/fal/queue/${LARGE}/turbo/requests/${job.request_id}/status`)).status).toBe(404);
  });

  it("cancels a queued request (202), and only while it is queued", async () => {
    // Queued for the first 6 s of its latency: the cancel lands while it waits, however loaded the machine.
    const job = await submit({ prompt: "a fox [[latency:60000]]" });
    const res = await fetch(job.cancel_url, { method: "PUT", headers: AUTH });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ status: "CANCELLATION_REQUESTED" });
    expect((await getJson(job.status_url)).body).toMatchObject({ status: "CANCELED" });
    expect((await fetch(job.cancel_url, { method: "PUT", headers: AUTH })).status).toBe(400);
  });

  it("answers invalid input with 422 detail[] naming the field: at once on the sync host, as the result on the queue", async () => {
    const sync = await postJson(`${emu.url}/fal/${LARGE}`, { prompt: "a fox", num_images: 5 }, AUTH);
    expect(sync.status).toBe(422);
    expect(await sync.json()).toEqual({ detail: [{ loc: ["body", "num_images"], msg: "Number must be less than or equal to 4", type: "value_error" }] });
    const job = await submit({ image_size: { width: 4096, height: 512 } });
    await until(async () => ((await getJson(job.status_url)).body.status === "COMPLETED" ? true : undefined));
    const late = await getJson(job.response_url);
    expect(late.status).toBe(422);
    expect(late.body.detail).toEqual([expect.objectContaining({ loc: ["body", "image_size", "width"] })]);
  });

  it("answers the sync host with the output directly", async () => {
    const res = await postJson(`${emu.url}/fal/fal-ai/stable-diffusion-v35-medium`, { prompt: "a fox", image_size: "square", seed: 42 }, AUTH);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { images: { url: string }[]; seed: number };
    expect(body.seed).toBe(42);
    expect(await fetchImage(body.images[0]!.url)).toMatchObject({ width: 512, height: 512 });
  });

  it("speaks SD3 Medium's own schema: square HD by default, JPEG only, prompt_expansion, num_images in the output", async () => {
    const v3 = `${emu.url}/fal/fal-ai/stable-diffusion-v3-medium`;
    const res = await postJson(v3, { prompt: "a fox", prompt_expansion: true, num_images: 2 }, AUTH);
    expect(res.status).toBe(200);
    expect(res.headers.get("x-emulator-unknown-fields")).toBeNull();
    const body = (await res.json()) as { images: { url: string; content_type: string }[]; num_images: number };
    expect(body.num_images).toBe(2);
    expect(body.images.map((i) => i.content_type)).toEqual(["image/jpeg", "image/jpeg"]);
    expect(await fetchImage(body.images[0]!.url)).toMatchObject({ width: 1024, height: 1024, format: "jpeg" });
    // Fields it does not declare are ignored, as pydantic does; SD3.5's output_format is one.
    const png = await postJson(v3, { prompt: "a fox", output_format: "png" }, AUTH);
    expect(png.headers.get("x-emulator-unknown-fields")).toBe("output_format");
    const ignored = (await png.json()) as { images: { content_type: string }[] };
    expect(ignored.images[0]!.content_type).toBe("image/jpeg");
    const bad = await postJson(v3, { prompt: "a fox", prompt_expansion: "yes" }, AUTH);
    expect(bad.status).toBe(422);
    // And SD3.5 Large does not take the rewrite.
    const large = await postJson(`${emu.url}/fal/${LARGE}`, { prompt: "a fox", prompt_expansion: true }, AUTH);
    expect(large.headers.get("x-emulator-unknown-fields")).toBe("prompt_expansion");
  });

  it("refuses a missing key, and speaks its faults: 429 with Retry-After, FAILED, nsfw flags", async () => {
    expect((await postJson(queue(LARGE), { prompt: "a fox" }, {})).status).toBe(401);
    expect((await postJson(queue(LARGE), { prompt: "a fox" }, { authorization: "Bearer x" })).status).toBe(401);
    const limited = await postJson(queue(LARGE), { prompt: "a fox [[emulate:429]]" }, AUTH);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("30");
    const failed = await submit({ prompt: "a fox [[emulate:fail]]" });
    const status = await until(async () => {
      const s = (await getJson(failed.status_url)).body;
      return s.status === "FAILED" ? s : undefined;
    });
    expect(status).toMatchObject({ status: "FAILED" });
    const nsfw = await submit({ prompt: "a fox [[emulate:nsfw]]" });
    await until(async () => ((await getJson(nsfw.status_url)).body.status === "COMPLETED" ? true : undefined));
    expect((await getJson(nsfw.response_url)).body).toMatchObject({ has_nsfw_concepts: [true] });
  });
});
