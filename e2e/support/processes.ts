import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ROOT, appEnv } from "./env";

async function waitForHttp(url: string, timeoutMs: number, child: ChildProcess, log: () => string) {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer";
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`process exited (${child.exitCode}) before ${url} answered:\n${log()}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (error) {
      last = String((error as Error).cause ?? error); // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms (last: ${last}):\n${log()}`);
}

export interface Proc {
  stop(): Promise<void>;
  /** `kill -9` the process group: no clean-up, no exit handlers, as a crash or an OOM kill would. */
  kill9(): Promise<void>;
  output(): string;
  /** Resident memory of the process and everything it started (its process group), in bytes; Linux only. */
  rssBytes(): number;
}

/** Sum of VmRSS over the processes in process group `pgid`, from /proc. */
function groupRss(pgid: number): number {
  let total = 0;
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      // Fields after the command name (which may contain spaces): state ppid pgrp ...
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) !== pgid) continue;
      const rss = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${entry}/status`, "utf8"))?.[1];
      total += Number(rss ?? 0) * 1024;
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

async function waitForText(text: string, timeoutMs: number, child: ChildProcess, log: () => string) {
  const deadline = Date.now() + timeoutMs;
  while (!log().includes(text)) {
    if (child.exitCode !== null) throw new Error(`process exited (${child.exitCode}) before it said "${text}":\n${log()}`);
    if (Date.now() > deadline) throw new Error(`no "${text}" within ${timeoutMs} ms:\n${log()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Start a long-running process and wait until `ready` answers 200 (a URL), or until its output contains
 * `ready.text` (a process without an HTTP server, such as a worker).
 */
export async function startProcess(
  cmd: string,
  args: string[],
  env: Record<string, string>,
  ready: string | { text: string },
  timeoutMs = 120_000,
): Promise<Proc> {
  let out = "";
  const child = spawn(path.isAbsolute(cmd) ? cmd : path.join(ROOT, "node_modules", ".bin", cmd), args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group, so stopping it also stops what it spawned (next start runs the server in a child node).
    detached: true,
  });
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (out += d.toString()));
  try {
    if (typeof ready === "string") await waitForHttp(ready, timeoutMs, child, () => out.slice(-4000));
    else await waitForText(ready.text, timeoutMs, child, () => out);
  } catch (error) {
    killGroup("SIGKILL");
    throw error;
  }
  return {
    output: () => out,
    kill9: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        killGroup("SIGKILL");
      }),
    rssBytes: () => (child.pid ? groupRss(child.pid) : 0),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        killGroup("SIGTERM");
        setTimeout(() => killGroup("SIGKILL"), 5000).unref();
      }),
  };
}

/**
 * A production app server (`next start`) of its own on `port`, with a fresh data folder under test-results and the
 * e2e environment plus `env`; ready once `readyPath` answers.
 */
export async function startAppServer(name: string, port: number, env: Record<string, string>, readyPath = "/login") {
  const dataDir = path.join(ROOT, "test-results", `e2e-${name}-data-${Date.now()}`);
  fs.mkdirSync(dataDir, { recursive: true });
  const url = `http://127.0.0.1:${port}`;
  const proc = await startProcess("next", ["start", "--port", String(port), "--hostname", "127.0.0.1"], { ...appEnv(dataDir), ...env }, `${url}${readyPath}`);
  return { proc, url, dataDir };
}
