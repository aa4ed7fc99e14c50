#!/usr/bin/env node
// One command for the playground: starts the provider emulator when some provider has no key (the offline demo),
// then Next.js (`dev`, or `start` after building once). The app itself only sees base URLs and keys.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const mode = process.argv[2] === "start" ? "start" : "dev";
for (const file of [".env.local", ".env"]) {
  if (existsSync(path.join(root, file))) process.loadEnvFile(path.join(root, file));
}

const keyVars = ["AIMLAPI_API_KEY", "SEGMIND_API_KEY", "EACHLABS_API_KEY", "IMAGEPIPELINE_API_KEY"];
const setting = process.env.PROVIDER_EMULATOR ?? "auto";
const anyKey = keyVars.some((k) => process.env[k]?.trim());
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
  console.log(`[launch] keyless providers are served by the built-in emulator at ${emulatorUrl.origin}`);
  run(bin("tsx"), ["e2e/emulator/main.ts"], { EMULATOR_PORT: emulatorUrl.port || "4010" });
}
if (mode === "start" && !existsSync(path.join(root, ".next", "BUILD_ID"))) {
  const built = spawnSync(bin("next"), ["build"], { cwd: root, stdio: "inherit" });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
// Loopback unless told otherwise: a playground spends its owner's provider keys (set HOST=0.0.0.0 to expose it,
// ideally with PLAYGROUND_PASSWORD).
run(bin("next"), [mode, "--port", process.env.PORT ?? "3000", "--hostname", process.env.HOST ?? "127.0.0.1"]);
