import "server-only";
import { randomUUID } from "node:crypto";
import { env } from "@/lib/env";
import { providerIds } from "@/lib/providers";
import { claimNext, failOrphans, recoverInterrupted, runningClaimers } from "@/lib/db/generations";
import { executeGeneration } from "./execute";
import { adapters } from "@/lib/providers/server";

/**
 * The in-process generation runner. It claims queued generations from the database (atomically, so several
 * processes could share the queue), bounded overall and per provider, and runs each to its end.
 */
class Runner {
  readonly workerId = `${process.pid}-${randomUUID().slice(0, 8)}`;
  private active = 0;
  private perProvider = new Map<string, number>();
  private readonly activeIds = new Set<string>();
  private pumping = false;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly abort = new AbortController();
  private started: Promise<void> | undefined;

  start(): Promise<void> {
    this.started ??= (async () => {
      // A failed start (e.g. the database busy at boot) is retried by the next caller instead of sticking.
      // Claims held by another live process on this machine are left alone; everything else was interrupted.
      const live = (await runningClaimers()).filter((w) => w === this.workerId || processAlive(w));
      await recoverInterrupted(
        live,
        Object.entries(adapters).filter(([, a]) => a.resume).map(([id]) => id),
      );
      // A slow tick picks up work queued by other processes and retries; local submits call kick().
      this.timer = setInterval(() => {
        this.kick();
        void failOrphans(this.workerId, [...this.activeIds], new Date(Date.now() - 10_000)).catch(() => {});
      }, 1000);
      this.timer.unref();
      this.kick();
    })().catch((error: unknown) => {
      this.started = undefined;
      throw error;
    });
    return this.started;
  }

  /** Look for work now. */
  kick() {
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = true;
    void this.pump()
      .catch((error: unknown) => console.error("[runner] claim failed", error))
      .finally(() => {
        this.pumping = false;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  private async pump() {
    const config = env();
    while (this.active < config.RUNNER_CONCURRENCY) {
      const full = providerIds.filter((id) => (this.perProvider.get(id) ?? 0) >= config.providers[id].concurrency);
      const gen = await claimNext(this.workerId, full);
      if (!gen) return;
      this.active++;
      this.activeIds.add(gen.id);
      this.perProvider.set(gen.provider, (this.perProvider.get(gen.provider) ?? 0) + 1);
      void executeGeneration(gen, this.abort.signal).finally(() => {
        this.active--;
        this.activeIds.delete(gen.id);
        this.perProvider.set(gen.provider, (this.perProvider.get(gen.provider) ?? 1) - 1);
        this.kick();
      });
    }
  }

  get busy() {
    return this.active;
  }
}

const store = globalThis as unknown as { __playgroundRunner?: Runner };

export function runner(): Runner {
  store.__playgroundRunner ??= new Runner();
  return store.__playgroundRunner;
}

/** Ensure the runner is started in this process and look for work at once. Never throws: queued work waits. */
export async function wakeRunner() {
  try {
    await runner().start();
    runner().kick();
  } catch (error) {
    console.error("[runner] could not start; queued work waits for the next attempt", error);
  }
}

/** Worker ids start with the process id: is that process still running on this machine? */
function processAlive(workerId: string): boolean {
  const pid = Number(workerId.split("-")[0]);
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
