/** The CLI prints its ready line, serves, and exits cleanly on SIGTERM. */
import { execFileSync, spawn } from "node:child_process";
import path from "node:path";
import { beforeAll, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");

beforeAll(() => {
  // The CLI as the launcher runs it: compiled, with plain node.
  execFileSync(process.execPath, [path.join(root, "scripts", "build-emulator.mjs"), "--if-stale"], { cwd: root });
}, 60_000);

it("starts on the requested port, prints the ready line and exits 0 on SIGTERM", async () => {
  const child = spawn(process.execPath, ["emulator/dist/main.js", "--port", "0"], {
    cwd: root,
    env: { ...process.env, EMULATOR_PORT: "1" }, // --port wins over the env var
    stdio: ["ignore", "pipe", "pipe"],
  });
  try {
    const line = await new Promise<string>((resolve, reject) => {
      let out = "";
      child.stdout.on("data", (d: Buffer) => {
        out += d.toString();
        const m = /provider emulator listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(out);
        if (m?.[1]) resolve(m[1]);
      });
      child.once("exit", (code) => reject(new Error(`exited early with ${code}: ${out}`)));
      setTimeout(() => reject(new Error(`no ready line: ${out}`)), 10_000);
    });
    expect(line).not.toMatch(/:0$/);
    const res = await fetch(`${line}/__emulator/stats`);
    expect(res.status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }
});
