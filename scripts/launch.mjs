#!/usr/bin/env node
// One command for the playground: starts the provider emulator when some provider has no key (the offline demo),
// then Next.js (`dev`, or `start` after building when the sources changed since the last build). The app itself
// only sees base URLs and keys. Needs no devDependencies: the emulator runs compiled (scripts/build-emulator.mjs).
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildEmulator, emulatorEntry } from "./build-emulator.mjs";
import { providerKeyVars } from "./provider-keys.mjs";
import { appSources, isStale } from "./stale.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const mode = process.argv[2] === "start" ? "start" : "dev";
for (const file of [".env.local", ".env"]) {
  if (existsSync(path.join(root, file))) process.loadEnvFile(path.join(root, file));
}

const setting = process.env.PROVIDER_EMULATOR ?? "auto";
const anyKey = providerKeyVars.some((k) => process.env[k]?.trim());
const needEmulator = setting === "on" || (setting !== "off" && !anyKey);
const emulatorUrl = new URL(process.env.EMULATOR_URL ?? "http://127.0.0.1:4010");

const children = [];
function run(cmd, args, env = {}) {
  const child = spawn(cmd, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  children.push(child);
  child.on("exit", (code) => {
    for (const other of children) if (other !== child) other.kill("SIGTERM");
    process.exit(code ?? 0);
  });
  return child;
}
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => children.forEach((c) => c.kill(sig)));

const bin = (name) => path.join(root, "node_modules", ".bin", name);

if (needEmulator) {
  // Rebuilt when its sources changed and TypeScript is there; otherwise the last build runs.
  if (!buildEmulator({ ifStale: true }) && !existsSync(path.join(root, emulatorEntry))) {
    console.error("[launch] the emulator is not built: run `npm ci` (with devDependencies) or set provider keys.");
    process.exit(1);
  }
  console.log(`[launch] keyless providers are served by the built-in emulator at ${emulatorUrl.origin}`);
  run(process.execPath, [emulatorEntry], { EMULATOR_PORT: emulatorUrl.port || "4010" });
}
// BUILD_ID is written last by `next build`: a build older than any source (after a `git pull`, an edit) is redone.
if (mode === "start" && isStale(root, path.join(".next", "BUILD_ID"), appSources)) {
  console.log("[launch] the sources changed since the last build: building");
  const built = spawnSync(bin("next"), ["build"], { cwd: root, stdio: "inherit" });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
// Loopback unless told otherwise: a playground spends its owner's provider keys (set HOST=0.0.0.0 to expose it,
// ideally with PLAYGROUND_PASSWORD).
run(bin("next"), [mode, "--port", process.env.PORT ?? "3000", "--hostname", process.env.HOST ?? "127.0.0.1"]);
