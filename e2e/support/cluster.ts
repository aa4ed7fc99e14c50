import fs from "node:fs";
import path from "node:path";
import { expect } from "@playwright/test";
import { getModel, providerIds, type ProviderId } from "@/lib/providers";
import { APP_PORT, CANARY_KEYS, EMULATOR_ENTRY, EMULATOR_PORT, ROOT, appEnv } from "./env";
import { startProcess, type Proc } from "./processes";

/**
 * Real processes for the durability tests: an emulator of its own, and app servers (`next start`) that share one
 * data folder, each of which can be stopped, `kill -9`'d and started again. Ports sit above the main e2e ones.
 */
export const PROVIDERS = providerIds;
export type Provider = ProviderId;

/** A small valid input per provider (the emulator draws small images fast) and the path its submit goes to. */
export const TARGETS: Record<Provider, { model: string; input: Record<string, unknown>; submit: RegExp; async: boolean }> = {
  aimlapi: { model: "stable-diffusion-v35-large", input: { image_size: "square" }, submit: /\/v1\/images\/generations$/, async: false },
  segmind: { model: "stable-diffusion-3.5-large-txt2img", input: { width: 256, height: 256 }, submit: /\/v1\/stable-diffusion/, async: false },
  eachlabs: { model: "stable-diffusion-3.5-large", input: { aspect_ratio: "1:1" }, submit: /\/v1\/prediction\/?$/, async: true },
  imagepipeline: { model: "sd3_5", input: { width: 256, height: 256 }, submit: /\/sd3_5\/v1\/?$/, async: true },
  replicate: { model: "stable-diffusion-3.5-large-turbo", input: { aspect_ratio: "1:1" }, submit: /\/predictions$/, async: true },
  deepinfra: { model: "stabilityai/sd3.5", input: { aspect_ratio: "1:1" }, submit: /\/v1\/inference\//, async: false },
  fal: { model: "fal-ai/stable-diffusion-v35-large", input: { image_size: "square" }, submit: /\/queue\/fal-ai\/stable-diffusion-v35-large$/, async: true },
  stability: { model: "sd3.5-large", input: { aspect_ratio: "1:1" }, submit: /\/v2beta\/stable-image\/generate\/sd3$/, async: false },
};

export interface Generation {
  id: string;
  provider: string;
  status: string;
  phase: string | null;
  providerRequestId: string | null;
  error: { code: string; message: string } | null;
  images: unknown[];
}

export class Cluster {
  readonly emulatorUrl: string;
  private emulator: Proc | undefined;
  private apps = new Map<number, Proc>();
  private workers = new Map<number, Proc>();

  constructor(
    readonly dataDir: string,
    private readonly extraEnv: Record<string, string> = {},
    private readonly offset = 20,
  ) {
    this.emulatorUrl = `http://127.0.0.1:${EMULATOR_PORT + offset}`;
  }

  static fresh(name: string, extraEnv: Record<string, string> = {}, offset = 20) {
    const dataDir = path.join(ROOT, "test-results", `durability-${name}-${Date.now()}`);
    fs.mkdirSync(path.join(dataDir, "images"), { recursive: true });
    return new Cluster(dataDir, extraEnv, offset);
  }

  async startEmulator() {
    this.emulator = await startProcess(
      process.execPath,
      [EMULATOR_ENTRY],
      { EMULATOR_PORT: String(EMULATOR_PORT + this.offset) },
      `${this.emulatorUrl}/__emulator/stats`,
    );
  }

  appUrl(n = 0) {
    return `http://127.0.0.1:${APP_PORT + this.offset + n}`;
  }

  private env(extra: Record<string, string>) {
    // Every provider host, extra ones (fal's queue) included, at this cluster's own emulator.
    const base = appEnv(this.dataDir, this.emulatorUrl);
    return { ...base, JOB_LEASE_MS: "3000", POLL_INTERVAL_MS: "100", GENERATION_DEADLINE_MS: "30000", ...this.extraEnv, ...extra };
  }

  /** Starts app server `n` on the shared data folder; resolves once it answers (its health may still say 503). */
  async startApp(n = 0, env: Record<string, string> = {}) {
    const proc = await startProcess(
      "next",
      ["start", "--port", String(APP_PORT + this.offset + n), "--hostname", "127.0.0.1"],
      this.env(env),
      `${this.appUrl(n)}/api/runs?limit=1`,
    );
    this.apps.set(n, proc);
    return proc;
  }

  /** Starts worker `n` (`npm run worker`: the runner without an HTTP server); resolves once it works the queue. */
  async startWorker(n = 0, env: Record<string, string> = {}) {
    const proc = await startProcess("tsx", ["--conditions=react-server", "scripts/worker.ts"], this.env(env), {
      text: "is working the queue",
    });
    this.workers.set(n, proc);
    return proc;
  }

  worker(n = 0) {
    const proc = this.workers.get(n);
    if (!proc) throw new Error(`worker ${n} is not running`);
    return proc;
  }

  app(n = 0) {
    const proc = this.apps.get(n);
    if (!proc) throw new Error(`app ${n} is not running`);
    return proc;
  }

  /** Submits one generation through the API; returns the HTTP status and its id. */
  async submit(provider: Provider, prompt: string, n = 0): Promise<{ status: number; id?: string; body: unknown }> {
    const t = TARGETS[provider];
    const res = await fetch(`${this.appUrl(n)}/api/generations`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ provider, model: t.model, input: { ...getModel(provider, t.model)?.defaults, ...t.input, prompt } }),
    });
    const body = (await res.json().catch(() => ({}))) as { generationIds?: string[] };
    return { status: res.status, id: body.generationIds?.[0], body };
  }

  async generation(id: string, n = 0): Promise<Generation> {
    const res = await fetch(`${this.appUrl(n)}/api/generations/${id}`);
    expect(res.status, `GET generation ${id}`).toBe(200);
    return (await res.json()) as Generation;
  }

  /** Waits until every generation is succeeded or failed; fails the test with the stragglers after `timeoutMs`. */
  async settle(ids: string[], timeoutMs: number, n = 0): Promise<Generation[]> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const all = await Promise.all(ids.map((id) => this.generation(id, n)));
      const open = all.filter((g) => g.status !== "succeeded" && g.status !== "failed");
      if (open.length === 0) return all;
      if (Date.now() > end) {
        throw new Error(`${open.length} of ${ids.length} generations not finished: ${JSON.stringify(open.slice(0, 5))}`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  /** How many times each prompt token was submitted to a provider (what the provider would bill). */
  async submitsPerToken(tokens: string[]): Promise<Map<string, number>> {
    const log = (await (await fetch(`${this.emulatorUrl}/__emulator/requests`)).json()) as {
      provider: Provider;
      method: string;
      path: string;
      body: unknown;
    }[];
    const counts = new Map(tokens.map((t) => [t, 0]));
    for (const entry of log) {
      if (entry.method !== "POST" || !TARGETS[entry.provider]?.submit.test(entry.path)) continue;
      const text = JSON.stringify(entry.body ?? "");
      for (const token of tokens) if (text.includes(`${token} `) || text.includes(`${token}"`)) counts.set(token, counts.get(token)! + 1);
    }
    return counts;
  }

  output() {
    return [...this.apps.values(), ...this.workers.values()].map((p) => p.output()).join("\n");
  }

  async stopAll() {
    const logs = this.output();
    fs.writeFileSync(path.join(this.dataDir, "server.log"), logs);
    await Promise.all([...this.apps.values(), ...this.workers.values()].map((p) => p.stop()));
    this.apps.clear();
    this.workers.clear();
    await this.emulator?.stop();
    for (const key of Object.values(CANARY_KEYS)) expect(logs, "server log leaks a key").not.toContain(key);
  }
}

/** Every token submitted exactly once (or, with `atMostOnce`, never twice). */
export function expectSentOnce(counts: Map<string, number>, opts: { atMostOnce?: boolean } = {}) {
  const twice = [...counts].filter(([, n]) => n > 1);
  expect(twice, "sent to the provider more than once").toEqual([]);
  if (!opts.atMostOnce) {
    const never = [...counts].filter(([, n]) => n === 0);
    expect(never, "never sent to the provider").toEqual([]);
  }
}
