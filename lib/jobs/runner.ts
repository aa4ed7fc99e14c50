import "server-only";
import { randomUUID } from "node:crypto";
import os from "node:os";
import { env } from "@/lib/env";
import { providerIds } from "@/lib/providers";
import { anyQueued, claimNext, renewLeases } from "@/lib/db/queue";
import { expireOrphans, recoverExpired } from "@/lib/db/recovery";
import { dbNow } from "@/lib/db/clock";
import { cleanStaleTemp, storageProblem } from "@/lib/storage/images";
import { executeGeneration } from "./execute";
import { adapters } from "@/lib/providers/server";

/** Providers whose jobs can be collected by id after a crash. */
const resumable = Object.entries(adapters)
  .filter(([, a]) => a.resume)
  .map(([id]) => id);

/**
 * The in-process generation runner. It claims queued generations from the database with a lease, bounded overall
 * and per provider, and runs each to its end. While it works it renews its leases (heartbeat); any process takes
 * over jobs whose lease has run out, periodically, so a crashed or killed worker's jobs never stay "running".
 */
class Runner {
  readonly workerId = `${os.hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  private active = 0;
  private perProvider = new Map<string, number>();
  /** Ids this process is running, counted: a stalled run and the run of the same job claimed again may overlap. */
  private readonly activeIds = new Map<string, number>();
  private pumping = false;
  private again = false;
  private timers: NodeJS.Timeout[] = [];
  private readonly abort = new AbortController();
  private started: Promise<void> | undefined;
  private storageWarned = false;
  private stopped = false;

  start(): Promise<void> {
    this.started ??= (async () => {
      const { imagesDir } = env();
      // Leftovers of writes a crash interrupted; never under a final name, so safe to drop once they are old.
      await cleanStaleTemp(imagesDir, 60_000).catch((error: unknown) => console.error("[runner] temp clean-up failed", error));
      await this.maintain();
      const leaseMs = env().JOB_LEASE_MS;
      // A slow tick picks up work queued by other processes and retries; local submits call kick().
      this.every(1000, () => this.kick());
      this.every(Math.max(250, Math.floor(leaseMs / 3)), () => this.maintain());
      // Work queued before this process started (a restart) starts now, not at the first tick.
      this.kick();
    })().catch((error: unknown) => {
      this.started = undefined;
      throw error;
    });
    return this.started;
  }

  private every(ms: number, fn: () => unknown) {
    const timer = setInterval(fn, ms);
    timer.unref();
    this.timers.push(timer);
  }

  /**
   * Heartbeat for this worker's jobs, then take over jobs whose lease ran out (any worker's). Leases are read and
   * written in the database's time, never this host's (lib/db/clock.ts).
   */
  private async maintain() {
    const { JOB_LEASE_MS } = env();
    try {
      const now = await dbNow();
      await renewLeases(this.workerId, [...this.activeIds.keys()], JOB_LEASE_MS, now);
      await expireOrphans(this.workerId, [...this.activeIds.keys()], new Date(now.getTime() - 10_000));
      const { requeued } = await recoverExpired(resumable, now, JOB_LEASE_MS);
      if (requeued > 0) this.kick();
    } catch (error) {
      console.error("[runner] lease upkeep failed; will try again", error);
    }
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
    while (!this.stopped && this.active < config.RUNNER_CONCURRENCY) {
      // Check what can be checked before paying: a job claimed now would be paid for and then fail to store.
      const problem = await storageProblem();
      if (problem) {
        if (!this.storageWarned) console.error(`[runner] not starting queued work: ${problem}`);
        this.storageWarned = true;
        return;
      }
      this.storageWarned = false;
      const full = providerIds.filter((id) => (this.perProvider.get(id) ?? 0) >= config.providers[id].concurrency);
      // The limits hold across every process sharing the database; `full` only saves a claim this one cannot use.
      const limits = Object.fromEntries(providerIds.map((id) => [id, config.providers[id].concurrency]));
      // A plain read first: the claim is a write transaction, and taking the write lock to find nothing would hold up
      // the writes of the jobs in flight (every tick, in every process).
      if (!(await anyQueued(full))) return;
      const gen = await claimNext(this.workerId, full, config.JOB_LEASE_MS, limits);
      if (!gen) return;
      this.active++;
      this.activeIds.set(gen.id, (this.activeIds.get(gen.id) ?? 0) + 1);
      this.perProvider.set(gen.provider, (this.perProvider.get(gen.provider) ?? 0) + 1);
      void executeGeneration(gen, this.abort.signal, this.workerId).finally(() => {
        this.active--;
        const runs = (this.activeIds.get(gen.id) ?? 1) - 1;
        if (runs > 0) this.activeIds.set(gen.id, runs);
        else this.activeIds.delete(gen.id);
        this.perProvider.set(gen.provider, (this.perProvider.get(gen.provider) ?? 1) - 1);
        this.kick();
      });
    }
  }

  /**
   * Stop looking for work (a worker told to stop, tests). Jobs in flight run to their end and keep their leases
   * meanwhile: without the heartbeat another process would take them over as crashed, failing a call that is still
   * open and handing its provider slot to a second request.
   */
  stop() {
    this.stopped = true;
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    const leaseMs = env().JOB_LEASE_MS;
    const heartbeat = setInterval(() => {
      if (this.active === 0) return clearInterval(heartbeat);
      renewLeases(this.workerId, [...this.activeIds.keys()], leaseMs).catch((error: unknown) => console.error("[runner] lease upkeep failed; will try again", error));
    }, Math.max(250, Math.floor(leaseMs / 3)));
    heartbeat.unref();
  }

  get busy() {
    return this.active;
  }
}

const store = globalThis as unknown as { __playgroundRunner?: Runner; __playgroundWorker?: boolean };

/** This process is a worker: it runs the queue whatever RUNNER says. */
export function markWorker() {
  store.__playgroundWorker = true;
}

export function runner(): Runner {
  store.__playgroundRunner ??= new Runner();
  return store.__playgroundRunner;
}

/**
 * Ensure the runner is started in this process and look for work at once. Never throws: queued work waits. A web
 * instance with RUNNER=off only queues; workers (`npm run worker`, scripts/worker.ts) pick the work up. Status reads
 * (polled every few ms by scripts) only make sure it runs: `lookForWork: false`, since nothing new was queued.
 */
export async function wakeRunner({ lookForWork = true } = {}) {
  if (env().RUNNER === "off" && !store.__playgroundWorker) return;
  try {
    await runner().start();
    if (lookForWork) runner().kick();
  } catch (error) {
    console.error("[runner] could not start; queued work waits for the next attempt", error);
  }
}
