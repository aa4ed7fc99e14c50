import path from "node:path";

/** Fixed ports and canary keys for the e2e run; the canaries must never appear in anything the browser receives. */
export const EMULATOR_PORT = Number(process.env.E2E_EMULATOR_PORT ?? 4110);
export const APP_PORT = Number(process.env.E2E_APP_PORT ?? 3110);
export const ROOT = path.resolve(import.meta.dirname, "..", "..");
export const ARTIFACTS = path.join(ROOT, "test-results", "artifacts");

export const CANARY_KEYS = {
  AIMLAPI_API_KEY: "canary-aiml-5b1f0c9e7d",
  SEGMIND_API_KEY: "SG_canary0a1b2c3d4e",
  EACHLABS_API_KEY: "canary-each-8c2d4e6f",
  IMAGEPIPELINE_API_KEY: "canary-ip-3e5f7a9b",
};

const emulator = `http://127.0.0.1:${EMULATOR_PORT}`;

/** The app talks to the emulator as if it were the real providers: real keys (canaries), base URLs moved. */
export function appEnv(dataDir: string): Record<string, string> {
  return {
    ...CANARY_KEYS,
    AIMLAPI_BASE_URL: `${emulator}/aimlapi`,
    SEGMIND_BASE_URL: `${emulator}/segmind`,
    EACHLABS_BASE_URL: `${emulator}/eachlabs`,
    IMAGEPIPELINE_BASE_URL: `${emulator}/imagepipeline`,
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

export const emulatorUrl = emulator;
