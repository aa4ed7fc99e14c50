/**
 * A provider key as people paste it into a container's environment: wrapped in quotes (`docker run --env-file` and
 * Compose's list form keep them), or carrying a curly quote or a line break. The first is the key; the second cannot
 * be sent at all, and the card must say so by the key's variable instead of blaming the network.
 */
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { RunningEmulator } from "@/emulator/server";
import { emulatedWorld, EmulatorControl } from "./pipeline.test-helpers";

const WORKER = `key-format-test-${process.pid}`;
let emulator: RunningEmulator;
let emu: EmulatorControl;
let dataDir: string;
let m: {
  runs: typeof import("@/lib/db/runs");
  queue: typeof import("@/lib/db/queue");
  generations: typeof import("@/lib/db/generations");
  exec: typeof import("./execute");
  registry: typeof import("@/lib/providers");
  client: typeof import("@/lib/db/client");
};
const sentAuth: string[] = [];

beforeAll(async () => {
  ({ emulator, emu, dataDir } = await emulatedWorld(
    "key-format",
    { fal: '"fal-K3Y-quoted:9e1f"', segmind: "\u201cSG_K3Y-curly-0d4e8a\u201d" },
    { PROVIDER_TIMEOUT_MS: "30000" },
  ));
  m = {
    runs: await import("@/lib/db/runs"),
    queue: await import("@/lib/db/queue"),
    generations: await import("@/lib/db/generations"),
    exec: await import("./execute"),
    registry: await import("@/lib/providers"),
    client: await import("@/lib/db/client"),
  };
  const original = globalThis.fetch;
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const auth = new Headers(init?.headers).get("authorization");
    if (auth) sentAuth.push(auth);
    return original(input, init);
  });
});

afterAll(async () => {
  vi.restoreAllMocks();
  await (await m.client.db()).$disconnect();
  await emulator?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  vi.unstubAllEnvs();
});

async function runOne(provider: "fal" | "segmind", modelId: string) {
  const model = m.registry.getModel(provider, modelId)!;
  const input = model.schema.parse({ ...model.defaults, prompt: "a lighthouse" }) as Record<string, unknown>;
  const { generationIds } = await m.runs.createRun({ kind: "single", prompt: "a lighthouse", targets: [{ provider, model: modelId, prompt: "a lighthouse", input }] });
  const gen = await m.queue.claimNext(WORKER, [], 60_000);
  await m.exec.executeGeneration(gen!, new AbortController().signal, WORKER);
  return (await m.generations.getGeneration(generationIds[0]!))!;
}

describe("a provider key as pasted into the environment", () => {
  it("wrapped in quotes: the quotes are not sent as part of the key", async () => {
    const gen = await runOne("fal", "fal-ai/stable-diffusion-v35-large");
    expect(gen.status).toBe("succeeded");
    expect(sentAuth.length).toBeGreaterThan(0);
    for (const auth of sentAuth) expect(auth).toBe("Key fal-K3Y-quoted:9e1f");
  });

  it("with a curly quote: the card names the key's variable and calls nothing, rather than 'could not be reached'", async () => {
    await emu.reset();
    const gen = await runOne("segmind", "stable-diffusion-3.5-large-txt2img");
    expect(gen.status).toBe("failed");
    expect(gen.error?.code).toBe("not_configured");
    expect(gen.error?.message).toContain("SEGMIND_API_KEY");
    expect(gen.error?.message).not.toMatch(/could not be reached/);
    expect(JSON.stringify(gen)).not.toContain("SG_K3Y-curly");
    expect(await emu.requests("segmind")).toEqual([]);
  });
});
