/** Stability AI's v2beta /sd3 protocol as the emulator speaks it: multipart in, bytes or JSON out, its error body. */
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { imageMeta, postJson, setupEmulator } from "./test-helpers";

const emu = setupEmulator();
const sd3 = () => `${emu.url}/stability/v2beta/stable-image/generate/sd3`;
const AUTH = { authorization: "Bearer sk-test" };

function form(fields: Record<string, string | Blob>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
}

const post = (fields: Record<string, string | Blob>, headers: Record<string, string> = { ...AUTH, accept: "image/*" }) =>
  fetch(sd3(), { method: "POST", headers, body: form(fields) });

describe("Stability AI", () => {
  it("answers raw bytes at the aspect ratio's size, with seed and finish-reason headers", async () => {
    const res = await post({ prompt: "a fox", model: "sd3.5-medium", aspect_ratio: "16:9", seed: "1234", output_format: "jpeg" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/jpeg");
    expect(res.headers.get("seed")).toBe("1234");
    expect(res.headers.get("finish-reason")).toBe("SUCCESS");
    expect(res.headers.get("x-request-id")).toBeTruthy();
    expect(await imageMeta(res)).toMatchObject({ format: "jpeg", width: 1344, height: 768 });
  });

  it("refuses a request over its documented 10 MiB with 413, and takes one just under", async () => {
    const png = (bytes: number) => new Blob([new Uint8Array(bytes)], { type: "image/png" });
    const over = await post({ prompt: "a fox", mode: "image-to-image", strength: "0.5", image: png(10 * 1024 * 1024) });
    expect(over.status).toBe(413);
    expect(await over.json()).toMatchObject({ name: "payload_too_large", errors: ["body: larger than 10MiB"] });
    // Under the limit the size is no reason to refuse: the (not a real) image is what it complains about.
    const under = await post({ prompt: "a fox", mode: "image-to-image", strength: "0.5", image: png(9 * 1024 * 1024) });
    expect(under.status).toBe(400);
    expect(((await under.json()) as { errors: string[] }).errors[0]).toMatch(/^image: /);
  });

  it("answers {image, finish_reason, seed} for Accept: application/json, and a random seed for seed 0", async () => {
    const res = await post({ prompt: "a fox", seed: "0" }, { ...AUTH, accept: "application/json" });
    expect(res.headers.get("content-type")).toBe("application/json; type=image/png");
    expect(res.headers.get("seed")).toBeNull();
    const body = (await res.json()) as { image: string; finish_reason: string; seed: number };
    expect(body.finish_reason).toBe("SUCCESS");
    expect(body.seed).toBeGreaterThanOrEqual(0);
    const meta = await sharp(Buffer.from(body.image, "base64")).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["png", 1024, 1024]);
  });

  it("takes image-to-image with an uploaded file and a strength", async () => {
    const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: "#f00" } }).png().toBuffer();
    const image = new Blob([new Uint8Array(png)], { type: "image/png" });
    const ok = await post({ prompt: "a fox", mode: "image-to-image", image, strength: "0.6" });
    expect(ok.status).toBe(200);
    const missing = await post({ prompt: "a fox", mode: "image-to-image", image });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { errors: string[] }).errors).toEqual(["strength: Required"]);
  });

  it("refuses an input image with a side under 64 px, or one it cannot read, with 400 naming image", async () => {
    const png = async (width: number, height: number) =>
      new Blob([new Uint8Array(await sharp({ create: { width, height, channels: 3, background: "#f00" } }).png().toBuffer())], { type: "image/png" });
    for (const [width, height] of [[32, 64], [64, 63]] as const) {
      const res = await post({ prompt: "a fox", mode: "image-to-image", strength: "0.5", image: await png(width, height) });
      expect(res.status, `${width}×${height}`).toBe(400);
      expect(((await res.json()) as { errors: string[] }).errors[0]).toMatch(/^image: /);
    }
    const garbage = await post({ prompt: "a fox", mode: "image-to-image", strength: "0.5", image: new Blob([new Uint8Array(1000)], { type: "image/png" }) });
    expect(garbage.status).toBe(400);
    expect(((await garbage.json()) as { errors: string[] }).errors[0]).toMatch(/^image: /);
  });

  it("keeps an input image's shape in image-to-image (aspect_ratio is text-to-image only)", async () => {
    const wide = await sharp({ create: { width: 320, height: 160, channels: 3, background: "#0f0" } }).png().toBuffer();
    const res = await post({ prompt: "a fox", mode: "image-to-image", strength: "0.5", image: new Blob([new Uint8Array(wide)], { type: "image/png" }) });
    expect(res.status).toBe(200);
    const { width, height } = await imageMeta(res);
    // About 1 MP in multiples of 64: the shape within rounding, not the 1:1 default.
    expect(Math.abs(width! / height! - 2)).toBeLessThan(0.15);
  });

  it("refuses a JSON body with 400, as the real API does", async () => {
    const res = await postJson(sd3(), { prompt: "a fox" }, { ...AUTH, accept: "image/*" });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ name: "bad_request", errors: ["content-type: must be multipart/form-data"] });
  });

  it("names the field in its errors and checks the documented ranges", async () => {
    for (const [field, value] of [["aspect_ratio", "4:3"], ["cfg_scale", "11"], ["seed", "4294967295"], ["output_format", "webp"], ["model", "sdxl"]]) {
      const res = await post({ prompt: "a fox", [field!]: value! });
      expect(res.status, field).toBe(400);
      const body = (await res.json()) as { id: string; name: string; errors: string[] };
      expect(body.name).toBe("bad_request");
      expect(body.errors[0]).toMatch(new RegExp(`^${field}: `));
    }
    const turbo = await post({ prompt: "a fox", model: "sd3-large-turbo", negative_prompt: "blur" });
    expect(((await turbo.json()) as { errors: string[] }).errors).toEqual(["negative_prompt: does not work with sd3-large-turbo"]);
  });

  it("rejects a missing or invalid key with 401", async () => {
    expect((await post({ prompt: "a fox" }, { accept: "image/*" })).status).toBe(401);
    expect((await post({ prompt: "a fox" }, { authorization: "Bearer invalid-key" })).status).toBe(401);
  });

  it("speaks its faults: CONTENT_FILTERED keeps an image, moderation is 403, 429 and 500 carry its error body", async () => {
    const filtered = await post({ prompt: "a fox [[emulate:nsfw]]" });
    expect(filtered.status).toBe(200);
    expect(filtered.headers.get("finish-reason")).toBe("CONTENT_FILTERED");
    expect((await imageMeta(filtered)).width).toBe(1024);
    const moderated = await post({ prompt: "a fox [[emulate:moderation]]" });
    expect(moderated.status).toBe(403);
    expect(await moderated.json()).toMatchObject({ name: "content_moderation" });
    expect((await post({ prompt: "a fox [[emulate:429]]" })).status).toBe(429);
    expect((await post({ prompt: "a fox [[emulate:500]]" })).status).toBe(500);
  });

  it("logs the form fields it received, files as a note", async () => {
    await post({ prompt: "a fox", seed: "5" });
    const log = (await (await fetch(`${emu.url}/__emulator/requests?provider=stability`)).json()) as { body: unknown; headers: Record<string, string> }[];
    expect(log[0]?.body).toEqual({ prompt: "a fox", seed: "5" });
    expect(log[0]?.headers.authorization).toBe("<redacted>");
  });
});
