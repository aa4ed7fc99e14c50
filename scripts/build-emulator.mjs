#!/usr/bin/env node
// Compiles the provider emulator (emulator/*.ts) to CommonJS in emulator/dist, so the launcher runs it with plain
// node. Runs at install (postinstall) and build time, when TypeScript (a devDependency) is there; `--if-stale`
// skips the work when dist is newer than every emulator source.
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { emulatorSources, isStale } from "./stale.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const emulatorEntry = "emulator/dist/main.js";

/** Build the emulator; returns false (with a message) when TypeScript is not installed. */
export function buildEmulator({ ifStale = false } = {}) {
  if (ifStale && !isStale(root, emulatorEntry, emulatorSources)) return true;
  let tsc;
  try {
    tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  } catch {
    console.error("[emulator] TypeScript is not installed (npm ci --omit=dev?), so the emulator cannot be compiled.");
    return false;
  }
  const dist = path.join(root, "emulator", "dist");
  rmSync(dist, { recursive: true, force: true });
  const built = spawnSync(process.execPath, [tsc, "-p", path.join(root, "emulator", "tsconfig.json")], { stdio: "inherit" });
  if (built.status !== 0) return false;
  // The repository is "type": "module"; the compiled files are CommonJS.
  mkdirSync(dist, { recursive: true });
  writeFileSync(path.join(dist, "package.json"), '{ "type": "commonjs" }\n');
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // --optional (postinstall): an install without devDependencies still succeeds, without an emulator build.
  const ok = buildEmulator({ ifStale: process.argv.includes("--if-stale") });
  if (!ok && !process.argv.includes("--optional")) process.exit(1);
}
