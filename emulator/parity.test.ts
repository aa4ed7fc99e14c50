/** Parity mode: one family renders one image for one prompt, seed and size at every provider; off, they differ. */
import { describe, expect, it } from "vitest";
import { familyOf } from "./parity";
import { SEGMIND_AUTH, SEGMIND_PATH, postJson, segmindBody, setupEmulator } from "./test-helpers";

const emu = setupEmulator();

async function segmindLarge(): Promise<Buffer> {
  const res = await postJson(`${emu.url}${SEGMIND_PATH}`, segmindBody({ seed: 7, width: 1024, height: 1024, image_format: "png" }), SEGMIND_AUTH);
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

async function stability(model: string): Promise<Buffer> {
  const form = new FormData();
  for (const [k, v] of Object.entries({ prompt: "a red fox", model, seed: "7", aspect_ratio: "1:1", output_format: "png" })) form.append(k, v);
  const res = await fetch(`${emu.url}/stability/v2beta/stable-image/generate/sd3`, {
    method: "POST",
    headers: { authorization: "Bearer sk-test", accept: "image/*" },
    body: form,
  });
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

const setParity = (parity: unknown) => postJson(`${emu.url}/__emulator/config`, { parity });

describe("parity mode", () => {
  it("off (the default): two providers' SD3.5 Large images for one prompt, seed and size differ", async () => {
    expect((await segmindLarge()).equals(await stability("sd3.5-large"))).toBe(false);
  });

  it("on: the same family renders the same bytes; another family still differs; reset turns it off", async () => {
    expect((await setParity(true)).status).toBe(200);
    const segmind = await segmindLarge();
    expect(segmind.equals(await stability("sd3.5-large"))).toBe(true);
    expect(segmind.equals(await stability("sd3.5-medium"))).toBe(false);
    await fetch(`${emu.url}/__emulator/reset`, { method: "POST" });
    expect((await segmindLarge()).equals(await stability("sd3.5-large"))).toBe(false);
  });

  it("rejects a parity value that is not a boolean", async () => {
    expect((await setParity("yes")).status).toBe(400);
  });

  it("reads the family from each provider's model id", () => {
    expect(
      ["stable-diffusion-v35-large", "fal-ai/stable-diffusion-v35-large/turbo", "sd3_5", "sd3", "stable-diffusion-v3-medium", "stabilityai/sd3.5-medium", "sd3-large-turbo", "stable-diffusion-3.5-turbo-txt2img"].map(familyOf),
    ).toEqual(["sd3.5-large", "sd3.5-large-turbo", "sd3.5-large", "sd3-medium", "sd3-medium", "sd3.5-medium", "sd3-large-turbo", "sd3.5-large-turbo"]);
  });
});
