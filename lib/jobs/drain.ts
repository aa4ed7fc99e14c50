import "server-only";
import { env } from "@/lib/env";
import { runner } from "./runner";

const SIGNALS = ["SIGTERM", "SIGINT"] as const;

/**
 * On SIGTERM or SIGINT (a deploy, `docker stop`, Ctrl-C): stop claiming work and let the jobs in flight finish, up to
 * PROVIDER_TIMEOUT_MS (no call runs longer), then hand over to what the process did on that signal before: Next.js
 * closes its server and exits, a worker exits. A sync call cut off by an exit ends "may have been billed", its image
 * lost, though it would have finished seconds later. A second signal skips the wait; a hard kill is what leases cover.
 */
export function drainOnSignals(name: string, done: (signal: NodeJS.Signals) => void = () => process.exit(0)) {
  let draining = false;
  for (const signal of SIGNALS) {
    const before = process.listeners(signal);
    process.removeAllListeners(signal);
    const finish = () => {
      if (before.length === 0) return done(signal);
      for (const listener of before) listener(signal);
    };
    process.on(signal, () => {
      if (draining) return finish();
      draining = true;
      runner().stop();
      console.log(`[${name}] ${signal}: finishing ${runner().busy} job(s) in flight before stopping`);
      const deadline = Date.now() + env().PROVIDER_TIMEOUT_MS;
      const wait = setInterval(() => {
        if (runner().busy > 0 && Date.now() < deadline) return;
        clearInterval(wait);
        finish();
      }, 200);
    });
  }
}
