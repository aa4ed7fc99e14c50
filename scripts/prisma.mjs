#!/usr/bin/env node
// Runs the Prisma CLI without letting it download its native schema engine, which this network cannot reach.
// `prisma generate` only needs PRISMA_SCHEMA_ENGINE_BINARY to name an existing file; migration authoring uses the
// offline shim from ../shared/tools when it is there. On a machine with normal internet the stock CLI works too.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const shim = path.resolve(root, "../shared/tools/prisma-offline/schema-engine-shim.mjs");
const env = { ...process.env, CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1" };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY) {
  env.PRISMA_SCHEMA_ENGINE_BINARY = existsSync(shim) ? shim : fileURLToPath(import.meta.url);
}
const bin = path.join(root, "node_modules", "prisma", "build", "index.js");
const result = spawnSync(process.execPath, [bin, ...process.argv.slice(2)], { cwd: root, env, stdio: "inherit" });
process.exit(result.status ?? 1);
