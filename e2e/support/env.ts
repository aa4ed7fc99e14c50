import path from "node:path";
import { providerIds, providers, type ProviderId } from "@/lib/providers";
import type { ProviderDefinition } from "@/lib/providers/types";

/** Fixed ports and canary keys for the e2e run; the canaries must never appear in anything the browser receives. */
export const EMULATOR_PORT = Number(process.env.E2E_EMULATOR_PORT ?? 4110);
export const APP_PORT = Number(process.env.E2E_APP_PORT ?? 3110);
export const ROOT = path.resolve(import.meta.dirname, "..", "..");
export const ARTIFACTS = path.join(ROOT, "test-results", "artifacts");

/** The emulator as the launcher runs it (compiled by e2e/global-setup.ts). */
export const EMULATOR_ENTRY = "emulator/dist/main.js";

/** One canary per provider; the compiler asks for one when a provider is added. */
const canaries = {
  aimlapi: "canary-aiml-5b1f0c9e7d",
  segmind: "SG_canary0a1b2c3d4e",
  eachlabs: "canary-each-8c2d4e6f",
  imagepipeline: "canary-ip-3e5f7a9b",
  replicate: "r8_canary7f3e9a1c5b",
  deepinfra: "canary-di-4d6b8f0a",
  stability: "sk-canary-stab-71d3a0c5",
  fal: "canary-fal-2c9e4b7a:0f3d",
} satisfies Record<ProviderId, string>;

/** Each provider's key variable set to its canary. */
export const CANARY_KEYS: Record<string, string> = Object.fromEntries(
  providerIds.map((id) => [providers[id].keyEnv, canaries[id]]),
);


export const emulatorUrl = `http://127.0.0.1:${EMULATOR_PORT}`;

/** The app talks to the emulator as if it were the real providers: real keys (canaries), base URLs moved. */
export function appEnv(dataDir: string, emulator = emulatorUrl): Record<string, string> {
  return {
    ...CANARY_KEYS,
    // The emulator mounts each provider at /<id>.
    ...Object.fromEntries(providerIds.map((id) => [providers[id].baseUrlEnv, `${emulator}/${id}`])),
    // A provider's extra hosts (fal's queue) are mounted below its own: /<id>/<name>.
    ...Object.fromEntries(
      providerIds.flatMap((id) =>
        Object.entries((providers[id] as ProviderDefinition).extraBaseUrls ?? {}).map(([name, x]) => [x.env, `${emulator}/${id}/${name}`]),
      ),
    ),
    PROVIDER_EMULATOR: "off",
    DATA_DIR: dataDir,
    PROVIDER_TIMEOUT_MS: "4000",
    POLL_INTERVAL_MS: "150",
    GENERATION_DEADLINE_MS: "20000",
    SEGMIND_CONCURRENCY: "2",
    // Explicitly empty, so a developer's .env cannot put the shared test server behind a password.
    PLAYGROUND_PASSWORD: "",
    SESSION_SECRET: "",
    TRUST_PROXY: "",
    // The host allow-list: a LAN address the exposure-banner test uses; any other name is refused (421).
    ALLOWED_HOSTS: "192.168.1.50",
    PUBLIC_URL: "",
  };
}


