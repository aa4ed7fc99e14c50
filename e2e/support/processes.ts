import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { ROOT } from "./env";

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
  output(): string;
}

/** Start a long-running process and wait until `readyUrl` answers 200. */
export async function startProcess(
  cmd: string,
  args: string[],
  env: Record<string, string>,
  readyUrl: string,
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
    await waitForHttp(readyUrl, timeoutMs, child, () => out.slice(-4000));
  } catch (error) {
    killGroup("SIGKILL");
    throw error;
  }
  return {
    output: () => out,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        killGroup("SIGTERM");
        setTimeout(() => killGroup("SIGKILL"), 5000).unref();
      }),
  };
}
