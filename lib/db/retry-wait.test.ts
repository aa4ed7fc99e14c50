/** "Retry download" an hour later: the scorecard's queue wait is the first attempt's, not the hour in between. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { freshDatabaseUrl, testEngine } from "./test-database.test-helpers";

let dataDir: string;
let m: { runs: typeof import("./runs"); queue: typeof import("./queue"); claim: typeof import("./claim"); client: typeof import("./client") };

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sd3-retry-wait-"));
  vi.stubEnv("DATA_DIR", dataDir);
  vi.stubEnv("DATABASE_URL", await freshDatabaseUrl());
  vi.stubEnv("PROVIDER_EMULATOR", "on");
  vi.resetModules();
  m = { runs: await import("./runs"), queue: await import("./queue"), claim: await import("./claim"), client: await import("./client") };
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
