/**
 * A per-target override of a field the shared form sets (guidance, steps, seed, size…) is refused by name: the shared
 * value would win, so accepting it would bill a request with settings the caller did not ask for.
 */
import { beforeEach, describe, expect, it, vi } from "vitest";

// Nothing is stored or run: the point is what the action accepts.
const createRun = vi.fn<(run: unknown) => Promise<{ runId: string; generationIds: string[] }>>(async () => ({ runId: "r1", generationIds: [] }));
vi.mock("@/lib/db/runs", () => ({ createRun: (a: unknown) => createRun(a) }));
vi.mock("@/lib/jobs/runner", () => ({ wakeRunner: async () => {} }));
vi.mock("@/lib/env", async (orig) => {
  const real = await orig<typeof import("@/lib/env")>();
  return { ...real, env: () => ({ providers: new Proxy({}, { get: () => ({ mode: "emulated" }) }) }) };
});

describe("a comparison's per-target overrides", () => {
  beforeEach(() => createRun.mockClear());
  const fal = { provider: "fal", model: "fal-ai/stable-diffusion-v35-large", overrides: {} };

  it("refuses one naming a shared field, on that field, and stores nothing", async () => {
    const { startComparison } = await import("./start-comparison");
    const result = await startComparison({
      shared: { prompt: "a cat", size: "1:1" },
      targets: [{ provider: "segmind", model: "stable-diffusion-3.5-large-txt2img", overrides: { guidance_scale: 9, steps: 50 } }, fal],
    });
    expect(result).toMatchObject({
      ok: false,
      code: "invalid_input",
      message: 'Segmind · Stable Diffusion 3.5 Large: "guidance_scale", "steps" are set by the shared settings for every target, not per target.',
      fieldErrors: {
        "targets.0.overrides.guidance_scale": "Set by the shared settings for every target, not per target.",
        "targets.0.overrides.steps": "Set by the shared settings for every target, not per target.",
      },
    });
    expect(createRun).not.toHaveBeenCalled();
  });

  it("takes one naming the target's own field", async () => {
    const { startComparison } = await import("./start-comparison");
    const result = await startComparison({
      shared: { prompt: "a cat", size: "1:1" },
      targets: [{ provider: "segmind", model: "stable-diffusion-3.5-large-txt2img", overrides: { sampler: "euler" } }, fal],
    });
    expect(result.ok).toBe(true);
    expect((createRun.mock.calls[0]![0] as { targets: { input: Record<string, unknown> }[] }).targets[0]!.input.sampler).toBe("euler");
  });
});
