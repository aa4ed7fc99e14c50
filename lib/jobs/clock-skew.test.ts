/**
 * Workers on different hosts share one queue (README, "Deploy for a team"), and hosts' clocks drift. A lease must mean
 * the same to all of them: a worker whose clock runs ahead of another's must not take the other's live jobs over as
 * crashed ("may have been billed; not re-sent", its provider slot handed to the next job), nor a worker whose clock
 * runs behind hand out leases that everyone else already sees as run out. Two real worker processes (scripts/worker.ts)
 * against one database, one of them with its wall clock moved.
 */
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import { afterAll, afterEach, beforeAll, expect, it, vi } from "vitest";
import type { RunningEmulator } from "@/emulator/server";
import { testEngine } from "@/lib/db/test-database.test-helpers";
import { startWorkerProcess } from "@/scripts/worker-process";
import { emulatedWorld, EmulatorControl, until } from "./pipeline.test-helpers";

let emulator: RunningEmulator;
let emu: EmulatorControl;
let dataDir: string;
let runs: typeof import("@/lib/db/runs");
let generations: typeof import("@/lib/db/generations");
let registry: typeof import("@/lib/providers");
let dbModule: typeof import("@/lib/db/client");
const LEASE = 3000;
/** Far more than a lease's slack (the part of a lease left when it is renewed, LEASE × 2/3), as a drifted host may be. */
const SKEW = 15_000;
const workers: ChildProcess[] = [];

beforeAll(async () => {
  ({ emulator, emu, dataDir } = await emulatedWorld(
    "clock-skew",
    { segmind: "SG_clock-skew-test-key" },
    { JOB_LEASE_MS: String(LEASE), PROVIDER_TIMEOUT_MS: "90000", SEGMIND_CONCURRENCY: "1" },
  ));
  [runs, generations, registry, dbModule] = await Promise.all([
    import("@/lib/db/runs"),
    import("@/lib/db/generations"),
    import("@/lib/providers"),
    import("@/lib/db/client"),
  ]);
  await dbModule.db(); // migrated before the workers start
});

afterEach(async () => {
  await Promise.all(workers.splice(0).map(stopWorker));
  // A case that failed leaves a call open at the emulator and jobs unfinished: the next case starts without them.
  await until(async () => ((await emu.stats()).segmind.inFlight === 0 ? true : undefined), 60_000);
  await (await dbModule.db()).generation.updateMany({ where: { status: { in: ["queued", "running"] } }, data: { status: "failed" } });
});

afterAll(async () => {
  if (dbModule) await (await dbModule.db()).$disconnect();
  await emulator?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  vi.unstubAllEnvs();
});

/** `npm run worker` with this test's environment, its wall clock `skewMs` off; resolves once it works the queue. */
async function startWorker(skewMs: number): Promise<ChildProcess> {
  const child = await startWorkerProcess({ CLOCK_SKEW_MS: String(skewMs) }, ["./lib/jobs/skewed-clock.test-helpers.ts"]);
  workers.push(child);
  return child;
}

function stopWorker(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });
}

const job = (prompt: string) => {
  const model = registry.getModel("segmind", "stable-diffusion-3.5-large-txt2img")!;
  const input = model.schema.parse({ ...model.defaults, prompt, width: 256, height: 256 }) as Record<string, unknown>;
  return { provider: "segmind", model: model.id, prompt, input };
};

it.each([
  ["another worker's clock runs ahead", 0, SKEW],
  ["the clock of the worker running it runs behind", -SKEW, 0],
])(
  `a sync call in flight stays running, and its provider slot taken, when %s (${testEngine})`,
  async (_case, runnerSkew, otherSkew) => {
    await emu.reset();
    // A sync call that stays open well past several leases and the second worker's start, then a second job for the
    // same provider, whose only slot the first holds.
    const first = (await runs.createRun({ kind: "single", prompt: "a", targets: [job("slow lighthouse [[latency:25000]]")] })).generationIds[0]!;
    await startWorker(runnerSkew);
    await until(async () => ((await generations.getGeneration(first))?.status === "running" && (await emu.stats()).segmind.inFlight === 1 ? true : undefined), 30_000);
    const second = (await runs.createRun({ kind: "single", prompt: "b", targets: [job("second lighthouse")] })).generationIds[0]!;

    await startWorker(otherSkew);
    // Its start and a few lease upkeeps (every LEASE/3) and claims (every second).
    await new Promise((r) => setTimeout(r, LEASE * 2));

    const firstNow = await generations.getGeneration(first);
    expect(await emu.stats().then((s) => s.segmind.inFlight)).toBe(1); // the call is still open at the provider
    expect({ status: firstNow?.status, error: firstNow?.error?.message ?? null }).toEqual({ status: "running", error: null });
    expect((await generations.getGeneration(second))?.status).toBe("queued");

    // Both end, each sent once, never two at once at a provider allowed one.
    await until(async () => ((await generations.getGeneration(second))?.status === "succeeded" ? true : undefined), 60_000);
    expect((await generations.getGeneration(first))?.status).toBe("succeeded");
    const stats = (await emu.stats()).segmind;
    expect({ requests: stats.requests, maxInFlight: stats.maxInFlight }).toEqual({ requests: 2, maxInFlight: 1 });
  },
  150_000,
);
