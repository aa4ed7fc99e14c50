/**
 * The queue wait (the time before the first send) across a second claim. "Retry download" an hour later: the
 * scorecard's wait is the first attempt's, not the hour in between. A job taken over after its worker died: its wait
 * and start stand, so the provider's time before the crash is not counted again as waiting (lib/jobs/execute.ts books
 * the time since that start to the step the job was in).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { freshDatabaseUrl, testEngine } from "./test-database.test-helpers";

let dataDir: string;
let m: {
  runs: typeof import("./runs");
  queue: typeof import("./queue");
  claim: typeof import("./claim");
  recovery: typeof import("./recovery");
  client: typeof import("./client");
};

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sd3-retry-wait-"));
  vi.stubEnv("DATA_DIR", dataDir);
  vi.stubEnv("DATABASE_URL", await freshDatabaseUrl());
  vi.stubEnv("PROVIDER_EMULATOR", "on");
  vi.resetModules();
  m = { runs: await import("./runs"), queue: await import("./queue"), claim: await import("./claim"), recovery: await import("./recovery"), client: await import("./client") };
}, 60_000);

afterAll(async () => {
  vi.useRealTimers();
  if (m) await (await m.client.db()).$disconnect();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  vi.unstubAllEnvs();
});

it(`a download retried an hour later keeps its first queue wait (${testEngine})`, async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-11-30T10:00:00Z"));
  const P = "retry download";
  const run = await m.runs.createRun({ kind: "single", prompt: P, targets: [{ provider: "segmind", model: "stable-diffusion-3.5-large-txt2img", prompt: P, input: { prompt: P } }] });
  vi.setSystemTime(new Date("2026-11-30T10:00:02Z"));
  const first = (await m.claim.claimNext("w1", [], 30_000))!;
  expect(first.id).toBe(run.generationIds[0]);
  expect(first.timings.waitMs).toBe(2000);
  // The provider delivered, saving failed: the answer is kept for "Retry download".
  await m.queue.failGeneration({ id: first.id, workerId: "w1", attempt: 1 }, {
    code: "storage", message: "disk full", providerMs: 4000,
    recovery: { images: [{ kind: "url", url: "http://x/y.png" }], warnings: [], providerMs: 4000 },
  });
  // The person clicks "Retry download" an hour later; a worker takes it at once.
  vi.setSystemTime(new Date("2026-11-30T11:00:00Z"));
  expect(await m.queue.requeueGeneration(first.id)).toBe(true);
  const again = (await m.claim.claimNext("w2", [], 30_000))!;
  const row = await (await m.client.db()).generation.findUniqueOrThrow({ where: { id: again.id } });
  expect(row.waitMs).toBe(2000);
});

/** Seconds after noon on the day the takeover cases run. */
const at = (seconds: number) => new Date(Date.parse("2026-12-01T12:00:00Z") + seconds * 1000);

/** A Replicate job submitted at 0 s and claimed by w1 at 2 s. */
async function claimedAtTwoSeconds(prompt: string) {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(at(0));
  const target = { provider: "replicate", model: "stable-diffusion-3.5-large", prompt, input: { prompt } };
  const run = await m.runs.createRun({ kind: "single", prompt, targets: [target] });
  vi.setSystemTime(at(2));
  const first = (await m.claim.claimNext("w1", [], 30_000))!;
  expect(first.id).toBe(run.generationIds[0]);
  expect(first.timings.waitMs).toBe(2000);
  return { id: first.id, workerId: "w1", attempt: first.attempts };
}

/** w1 dies: its lease runs out, recovery takes the job over, and w2 claims it at `seconds`. */
async function takenOverAt(claim: { id: string }, seconds: number) {
  await (await m.client.db()).generation.update({ where: { id: claim.id }, data: { leaseUntil: new Date(0) } });
  await m.recovery.recoverExpired(["replicate"]);
  vi.setSystemTime(at(seconds));
  const again = (await m.claim.claimNext("w2", [], 30_000))!;
  expect(again.id).toBe(claim.id);
  return again;
}

it(`a download taken over after a crash keeps the first wait and start, not the provider's 20 s as waiting (${testEngine})`, async () => {
  const claim = await claimedAtTwoSeconds("crash while downloading");
  // Replicate answered after 20 s; w1 kept the answer, began the download and died.
  vi.setSystemTime(at(22));
  const answer = { images: [{ kind: "url" as const, url: "http://x/y.png" }], warnings: [], providerMs: 20_000 };
  expect(await m.queue.updateRunning(claim, { phase: "downloading", recovery: answer })).toBe(true);
  const again = await takenOverAt(claim, 40);
  expect(again.keptAnswer).not.toBeNull();
  expect({ waitMs: again.timings.waitMs, startedAt: again.startedAt }).toEqual({ waitMs: 2000, startedAt: at(2).toISOString() });
});

it(`an async job collected by id after a crash keeps the first wait and start (${testEngine})`, async () => {
  const claim = await claimedAtTwoSeconds("crash while polling");
  vi.setSystemTime(at(3));
  expect(await m.queue.updateRunning(claim, { sent: { input: { prompt: "crash while polling" } }, phase: "submitted", providerRequestId: "job-1" })).toBe(true);
  const again = await takenOverAt(claim, 40);
  expect(again.providerRequestId).toBe("job-1");
  expect({ waitMs: again.timings.waitMs, startedAt: again.startedAt }).toEqual({ waitMs: 2000, startedAt: at(2).toISOString() });
});

it(`a job taken over before it was sent waits until it is sent (${testEngine})`, async () => {
  const claim = await claimedAtTwoSeconds("crash before sending");
  const again = await takenOverAt(claim, 40);
  expect({ waitMs: again.timings.waitMs, startedAt: again.startedAt }).toEqual({ waitMs: 40_000, startedAt: at(40).toISOString() });
});
