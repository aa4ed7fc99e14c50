/**
 * A worker told to stop (SIGTERM on `npm run worker`, a deploy) lets the jobs in flight finish, and keeps their leases
 * meanwhile: another process does not take a sync call still open over as crashed ("may have been billed"), nor hand
 * the provider's only slot to a second request.
 */
import fs from "node:fs";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import type { RunningEmulator } from "@/emulator/server";
import { testEngine } from "@/lib/db/test-database.test-helpers";
import { emulatedWorld, EmulatorControl, until } from "./pipeline.test-helpers";

let emulator: RunningEmulator;
let emu: EmulatorControl;
let dataDir: string;
let runs: typeof import("@/lib/db/runs");
let generations: typeof import("@/lib/db/generations");
let queue: typeof import("@/lib/db/queue");
let recovery: typeof import("@/lib/db/recovery");
let runnerModule: typeof import("./runner");
let registry: typeof import("@/lib/providers");
let dbModule: typeof import("@/lib/db/client");
// Long enough that a loaded machine renews it in time, short enough that waiting two of them stays quick.
const LEASE = 3000;

beforeAll(async () => {
  ({ emulator, emu, dataDir } = await emulatedWorld(
    "shutdown",
    { segmind: "SG_shutdown-test-key" },
    { JOB_LEASE_MS: String(LEASE), PROVIDER_TIMEOUT_MS: "60000", SEGMIND_CONCURRENCY: "1" },
  ));
  [runs, generations, queue, recovery, runnerModule, registry, dbModule] = await Promise.all([
    import("@/lib/db/runs"),
    import("@/lib/db/generations"),
    import("@/lib/db/queue"),
    import("@/lib/db/recovery"),
    import("./runner"),
    import("@/lib/providers"),
    import("@/lib/db/client"),
  ]);
});

afterAll(async () => {
  runnerModule?.runner().stop();
  await until(async () => (runnerModule.runner().busy === 0 ? true : undefined), 20_000).catch(() => {});
  if (dbModule) await (await dbModule.db()).$disconnect();
  await emulator?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  vi.unstubAllEnvs();
});

it(`a worker draining after SIGTERM keeps the leases of the jobs it still runs (${testEngine})`, async () => {
  await emu.reset();
  const model = registry.getModel("segmind", "stable-diffusion-3.5-large-txt2img")!;
  const t = (p: string) => {
    const input = model.schema.parse({ ...model.defaults, prompt: p }) as Record<string, unknown>;
    return { provider: "segmind", model: model.id, prompt: p, input };
  };
  // A sync call that takes 20 s (well inside PROVIDER_TIMEOUT_MS, well past the two leases waited below however slow
  // the machine), then a second job for the same provider.
  const first = (await runs.createRun({ kind: "single", prompt: "a", targets: [t("slow lighthouse [[latency:20000]]")] })).generationIds[0]!;
  const worker = runnerModule.runner();
  await worker.start();
  await until(async () => ((await generations.getGeneration(first))?.status === "running" && (await emu.stats()).segmind.inFlight === 1 ? true : undefined), 30_000);
  const second = (await runs.createRun({ kind: "single", prompt: "b", targets: [t("second lighthouse")] })).generationIds[0]!;

  worker.stop(); // what scripts/worker.ts does on SIGTERM: stop claiming, let the job in flight finish
  await new Promise((r) => setTimeout(r, LEASE * 2));
  expect(worker.busy).toBe(1); // still working the first job, its request still open at the provider

  // Another worker's upkeep and claim, as every other process does every LEASE/3 and every second.
  const taken = await recovery.recoverExpired([], new Date(), LEASE);
  const claimedElsewhere = await queue.claimNext("other-worker", [], LEASE, { segmind: 1 });
  const firstNow = await generations.getGeneration(first);
  expect(taken.interrupted).toBe(0);
  expect(firstNow?.status).toBe("running");
  expect(claimedElsewhere).toBeNull();
  // The call ends and is recorded; then the second job is free for another worker.
  await until(async () => ((await generations.getGeneration(first))?.status === "succeeded" ? true : undefined), 40_000);
  expect((await queue.claimNext("other-worker", [], LEASE, { segmind: 1 }))?.id).toBe(second);
}, 120_000);
