/**
 * `docker stop` and most supervisors send SIGTERM to the one process they started: with `npm run worker` (or `npm
 * start`) that is npm. npm passes it to its script's shell, and `sh -c` (dash) does not pass it on, so the worker went
 * on claiming jobs, orphaned, until a SIGKILL cut its calls off ("may have been billed"). The scripts `exec` their
 * command, so the signal reaches the process that drains.
 */
import { spawn, spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { freshDatabaseUrl } from "@/lib/db/test-database.test-helpers";

const ROOT = path.resolve(import.meta.dirname, "..");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sd3-npm-signals-"));
/** Marks this test's worker on its command line, to find one npm left behind (node itself, not npm or its shell). */
const tag = `--npm-signals-test=${randomUUID()}`;
const leftBehind = () =>
  spawnSync("pgrep", ["-f", "--", `^\\S*node .*scripts/worker\\.ts ${tag}`], { encoding: "utf8" }).stdout.split("\n").filter(Boolean).map(Number);

afterAll(() => {
  for (const pid of leftBehind()) process.kill(pid, "SIGKILL");
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it("SIGTERM to `npm run worker` alone reaches the worker: it drains and exits, nothing left running", async () => {
  const databaseUrl = await freshDatabaseUrl();
  const npm = spawn("npm", ["run", "worker", "--", tag], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: databaseUrl, PROVIDER_EMULATOR: "on" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  npm.stdout.on("data", (d: Buffer) => (out += d.toString()));
  npm.stderr.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => npm.once("exit", (code) => resolve(code)));
  await expect.poll(() => out, { timeout: 45_000 }).toContain("is working the queue");
  expect(leftBehind().length, "the worker is found by its tag").toBeGreaterThan(0);

  npm.kill("SIGTERM");
  expect(await exited).toBe(0);
  await expect.poll(leftBehind, { timeout: 10_000 }).toEqual([]);
  expect(out).toContain("[worker] SIGTERM: finishing 0 job(s) in flight before stopping");
});
