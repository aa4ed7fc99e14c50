import { execFileSync } from "node:child_process";
import path from "node:path";
import { CANARY_KEYS, ROOT } from "./support/env";

/** Build once with the canary keys in the environment, so a key inlined into client code would be caught. */
export default function globalSetup() {
  // The specs run the emulator as the launcher does: compiled, with plain node.
  execFileSync(process.execPath, [path.join(ROOT, "scripts", "build-emulator.mjs"), "--if-stale"], { cwd: ROOT, stdio: "inherit" });
  if (process.env.E2E_SKIP_BUILD === "1") return;
  execFileSync(path.join(ROOT, "node_modules", ".bin", "next"), ["build"], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, ...CANARY_KEYS, NEXT_TELEMETRY_DISABLED: "1" },
  });
}
