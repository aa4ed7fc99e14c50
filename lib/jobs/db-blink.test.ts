/**
 * A dropped database connection (a Postgres failover or restart) at the moment an async job's id is recorded: the
 * job the provider accepted, and bills, is still collected, and its id kept.
 */
import fs from "node:fs";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import type { RunningEmulator } from "@/emulator/server";
import { testEngine } from "@/lib/db/test-database.test-helpers";
import { emulatedWorld, EmulatorControl } from "./pipeline.test-helpers";

let emulator: RunningEmulator;
let emu: EmulatorControl;
let dataDir: string;
let runs: typeof import("@/lib/db/runs");
let generations: typeof import("@/lib/db/generations");
let queue: typeof import("@/lib/db/queue");
let exec: typeof import("./execute");
let registry: typeof import("@/lib/providers");
let dbModule: typeof import("@/lib/db/client");
const WORKER = `blink-test-${process.pid}`;

beforeAll(async () => {
  ({ emulator, emu, dataDir } = await emulatedWorld("blink", { fal: "fal-blink:test-key" }));
  [runs, generations, queue, exec, registry, dbModule] = await Promise.all([
    import("@/lib/db/runs"),
    import("@/lib/db/generations"),
    import("@/lib/db/queue"),
    import("./execute"),
    import("@/lib/providers"),
    import("@/lib/db/client"),
  ]);
  // The database drops one connection exactly when the job id is written (what a Postgres failover or restart does).
  const real = await dbModule.db();
  let blinked = false;
  const bind = (o: object, k: PropertyKey) => {
    const v = Reflect.get(o, k);
    return typeof v === "function" ? v.bind(o) : v;
  };
  const generation = new Proxy(real.generation, {
    get: (g, k) =>
      k === "updateMany"
        ? async (args: { data?: { phase?: string } }) => {
            if (args?.data?.phase === "submitted" && !blinked) {
              blinked = true;
              throw Object.assign(new Error("Connection terminated unexpectedly"), { code: "ECONNRESET" });
            }
            return g.updateMany(args as never);
          }
        : bind(g, k),
  });
  const proxied = new Proxy(real, { get: (t, k) => (k === "generation" ? generation : bind(t, k)) });
  (globalThis as { __playgroundDb?: Promise<unknown> }).__playgroundDb = Promise.resolve(proxied);
});

afterAll(async () => {
  if (dbModule) await (await dbModule.db()).$disconnect();
  await emulator?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  vi.unstubAllEnvs();
});

it(`a connection blink while recording an async job's id does not lose the paid job (${testEngine})`, async () => {
  await emu.reset();
  const model = registry.getModel("fal", "fal-ai/stable-diffusion-v35-large")!;
  const input = model.schema.parse({ ...model.defaults, prompt: "a lighthouse" }) as Record<string, unknown>;
  const { generationIds } = await runs.createRun({ kind: "single", prompt: "a lighthouse", targets: [{ provider: "fal", model: model.id, prompt: "a lighthouse", input }] });
  const claimed = await queue.claimNext(WORKER, [], 60_000);
  await exec.executeGeneration(claimed!, new AbortController().signal, WORKER);
  const gen = await generations.getGeneration(generationIds[0]!);
  const sent = (await emu.requests("fal")).filter((r) => r.method === "POST");
  expect(sent).toHaveLength(1); // the provider accepted (and bills) the job
  const row = await (await dbModule.db()).generation.findUnique({ where: { id: generationIds[0]! }, select: { providerRequestId: true, reservedUsd: true } });
  expect({ status: gen?.status, error: gen?.error?.code ?? null }).toEqual({ status: "succeeded", error: null });
  expect(row?.providerRequestId).toEqual(expect.any(String));
  expect(gen?.images).toHaveLength(1);
});
