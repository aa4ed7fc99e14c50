/** Helpers shared by the emulator's own tests. */
import sharp from "sharp";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { startEmulator, type RunningEmulator } from "./server";

export const SEGMIND_PATH = "/segmind/v1/stable-diffusion-3.5-large-txt2img";

/** Starts one emulator for the file and resets it before each test. */
export function setupEmulator(): { readonly url: string } {
  let emu: RunningEmulator | undefined;
  const handle = {
    get url(): string {
      if (!emu) throw new Error("emulator not started");
      return emu.url;
    },
  };
  beforeAll(async () => {
    emu = await startEmulator({ port: 0 });
  });
  afterAll(async () => {
    await emu?.close();
  });
  beforeEach(async () => {
    if (emu) await fetch(`${emu.url}/__emulator/reset`, { method: "POST" });
  });
  return handle;
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}, signal?: AbortSignal): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
    signal,
  });
}

export async function imageMeta(res: Response): Promise<{ format?: string; width?: number; height?: number; bytes: Buffer }> {
  const bytes = Buffer.from(await res.arrayBuffer());
  const meta = await sharp(bytes).metadata();
  return { format: meta.format, width: meta.width, height: meta.height, bytes };
}

export async function fetchImage(url: string) {
  const res = await fetch(url);
  if (res.status !== 200) throw new Error(`GET ${url} -> ${res.status}`);
  return { contentType: res.headers.get("content-type"), ...(await imageMeta(res)) };
}

export async function configure(base: string, body: Record<string, unknown>): Promise<void> {
  const res = await postJson(`${base}/__emulator/config`, body);
  if (res.status !== 200) throw new Error(`config failed: ${res.status} ${await res.text()}`);
}

export interface StatsEntry {
  requests: number;
  inFlight: number;
  maxInFlight: number;
}

export async function stats(base: string): Promise<Record<string, StatsEntry>> {
  return (await (await fetch(`${base}/__emulator/stats`)).json()) as Record<string, StatsEntry>;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until check returns a value (not undefined) or the deadline passes (generous: a loaded CI machine is slow). */
export async function until<T>(check: () => Promise<T | undefined>, timeoutMs = 15_000, everyMs = 20): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error("timed out");
    await sleep(everyMs);
  }
}

// Request bodies that the docs accept, per provider.
export const aimlBody = (extra: Record<string, unknown> = {}) => ({ model: "stable-diffusion-v35-large", prompt: "a red fox", ...extra });
export const segmindBody = (extra: Record<string, unknown> = {}) => ({
  prompt: "a red fox",
  sampler: "euler",
  scheduler: "sgm_uniform",
  ...extra,
});
export const eachBody = (input: Record<string, unknown> = {}) => ({
  model: "stable-diffusion-3.5-large",
  version: "0.0.1",
  input: { prompt: "a red fox", ...input },
});
export const ipBody = (extra: Record<string, unknown> = {}) => ({
  prompt: "a red fox",
  negative_prompt: "blurry",
  num_inference_steps: 4,
  samples: 1,
  guidance_scale: 0,
  ...extra,
});
export const AIML_AUTH = { authorization: "Bearer test-key" };
export const SEGMIND_AUTH = { "x-api-key": "SG_0123456789abcdef" };
export const EACH_AUTH = { "X-API-Key": "each-key" };
export const IP_AUTH = { "API-Key": "ip-key" };
