/** Helpers for lib/jobs tests: a job test's world, the emulator's control API and a recorder of raw provider answers. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { vi } from "vitest";
import { startEmulator, type RunningEmulator } from "@/emulator/server";
import { freshDatabaseUrl } from "@/lib/db/test-database.test-helpers";
import { getProvider, providerIds, type ProviderId } from "@/lib/providers";

/** The registry's ids: the emulator mounts every provider (emulator/providers.test.ts pins its list to them). */
export const PROVIDER_IDS = providerIds;
export type TestProviderId = ProviderId;

export interface EmulatorLogEntry {
  provider: TestProviderId;
  method: string;
  path: string;
  headers: Record<string, string | string[]>;
  body: unknown;
  at: string;
}

export interface EmulatorStats {
  requests: number;
  inFlight: number;
  maxInFlight: number;
}

/** Thin client for the emulator's /__emulator control endpoints. */
export class EmulatorControl {
  constructor(readonly url: string) {}

  async reset(): Promise<void> {
    const res = await fetch(`${this.url}/__emulator/reset`, { method: "POST" });
    if (!res.ok) throw new Error(`emulator reset failed: ${res.status}`);
  }

  async configure(body: {
    provider: TestProviderId | "all";
    fault?: string | null;
    times?: number;
    latencyMs?: number;
    phase?: "submit" | "poll";
  }): Promise<void> {
    const res = await fetch(`${this.url}/__emulator/config`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`emulator config failed: ${res.status} ${await res.text()}`);
  }

  /** The provider no longer has these async jobs (all of its jobs, or the one id): their ids answer 404. */
  async forget(provider: TestProviderId | "all", id?: string): Promise<number> {
    const res = await fetch(`${this.url}/__emulator/forget`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ provider, id }),
    });
    if (!res.ok) throw new Error(`emulator forget failed: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { forgotten: number }).forgotten;
  }

  async requests(provider?: TestProviderId): Promise<EmulatorLogEntry[]> {
    const query = provider ? `?provider=${provider}` : "";
    return (await (await fetch(`${this.url}/__emulator/requests${query}`)).json()) as EmulatorLogEntry[];
  }

  async stats(): Promise<Record<TestProviderId, EmulatorStats>> {
    return (await (await fetch(`${this.url}/__emulator/stats`)).json()) as Record<TestProviderId, EmulatorStats>;
  }
}

/**
 * A job test's world, for its beforeAll: the emulator, a fresh database and image folder, and each provider named in
 * `keys` set to that key (its ecosystem's variable) with its base URLs at the emulator. `env` adds or overrides
 * variables. Modules are reset, so the modules under test are imported after this, with these variables.
 */
export async function emulatedWorld(
  name: string,
  keys: Partial<Record<ProviderId, string>>,
  env: Record<string, string> = {},
): Promise<{ emulator: RunningEmulator; emu: EmulatorControl; dataDir: string }> {
  const emulator = await startEmulator({ port: 0 });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `sd3-${name}-`));
  const vars: Record<string, string | undefined> = { DATA_DIR: dataDir, DATABASE_URL: await freshDatabaseUrl(), PROVIDER_EMULATOR: "off", POLL_INTERVAL_MS: "30" };
  for (const [id, key] of Object.entries(keys)) {
    const p = getProvider(id)!;
    vars[p.keyEnv] = key;
    vars[p.baseUrlEnv] = `${emulator.url}/${id}`;
    for (const [extra, { env: variable }] of Object.entries(p.extraBaseUrls ?? {})) vars[variable] = `${emulator.url}/${id}/${extra}`;
  }
  for (const [k, v] of Object.entries({ ...vars, ...env })) vi.stubEnv(k, v);
  vi.resetModules();
  return { emulator, emu: new EmulatorControl(emulator.url), dataDir };
}

export interface RecordedExchange {
  url: string;
  method: string;
  status: number;
  contentType: string;
  headers: Record<string, string>;
  /** The body exactly as received, for JSON answers only. */
  text?: string;
}

/**
 * Wraps the global fetch (which the app's job runner calls at request time) so every JSON answer's raw text is kept:
 * the only way to compare a 64-bit seed against what the provider actually wrote, digit for digit.
 */
export function recordFetch() {
  const exchanges: RecordedExchange[] = [];
  const original = globalThis.fetch;
  const spy = vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const res = await original(input, init);
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const contentType = res.headers.get("content-type") ?? "";
    const headers = Object.fromEntries(res.headers.entries());
    const entry: RecordedExchange = { url, method: init?.method ?? "GET", status: res.status, contentType, headers };
    if (contentType.includes("json")) entry.text = await res.clone().text();
    exchanges.push(entry);
    return res;
  });
  return {
    exchanges,
    clear: () => void exchanges.splice(0, exchanges.length),
    restore: () => spy.mockRestore(),
  };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns something other than undefined, or throws after `timeoutMs`. */
export async function until<T>(check: () => Promise<T | undefined>, timeoutMs: number, everyMs = 25): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(everyMs);
  }
}
