import "server-only";
import { env } from "@/lib/env";
import { runner } from "./runner";

const SIGNALS = ["SIGTERM", "SIGINT"] as const;
/** Copies of one stop arrive together (a terminal's Ctrl-C to the whole group, and launch.mjs forwarding it). */
const SAME_STOP_MS = 1000;

const store = globalThis as { __playgroundDrain?: boolean };

/**
 * On SIGTERM or SIGINT (a deploy, `docker stop`, Ctrl-C): stop claiming work and let the jobs in flight finish, up to
 * PROVIDER_TIMEOUT_MS (no call runs longer), then hand over to what the process did on that signal before: Next.js
 * closes its server and exits; a worker exits, 0 when every job finished, else 1. A sync call cut off by an exit ends
 * "may have been billed", its image lost, though it would have finished seconds later. A second stop (a second later
 * or more) skips the wait; a hard kill is what leases cover. `next dev` kills its server 100 ms after a signal: no
 * drain there.
 */
export function drainOnSignals(name: string, done: (signal: NodeJS.Signals, drained: boolean) => void = (_, drained) => process.exit(drained ? 0 : 1)) {
  if (store.__playgroundDrain) return;
  store.__playgroundDrain = true;
  let stopAt: number | null = null;
  for (const signal of SIGNALS) {
    // Only the handlers that can be seen (Next's shutdown) wait for the drain: a runner's own hidden one (tsx tells
    // its parent the signal arrived through it, and kills the process if it does not hear) stays where it is.
    const before = process.listeners(signal);
    for (const listener of before) process.removeListener(signal, listener);
    const finish = () => {
      const drained = runner().busy === 0;
      if (before.length === 0) return done(signal, drained);
      for (const listener of before) listener(signal);
    };
    process.on(signal, () => {
      if (stopAt !== null) return Date.now() - stopAt < SAME_STOP_MS ? undefined : finish();
      stopAt = Date.now();
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
