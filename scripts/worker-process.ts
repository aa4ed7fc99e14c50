import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");

/**
 * `npm run worker` (scripts/worker.ts) as a child process, for tests and benchmarks that run several; resolves once it
 * works the queue. Node itself runs it, with tsx as a loader, and not the tsx command: that command runs the script in
 * a child of its own, which a SIGKILL of the command leaves running (still claiming from the queue). `preload` modules
 * are imported first (e.g. a test's moved clock).
 */
export function startWorkerProcess(env: Record<string, string>, preload: string[] = []): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", ...preload.flatMap((p) => ["--import", p]), "scripts/worker.ts"], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    const onData = (d: Buffer) => {
      out += d.toString();
      if (out.includes("is working the queue")) resolve(child);
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => reject(new Error(`worker exited (${code}): ${out.slice(-2000)}`)));
  });
}
