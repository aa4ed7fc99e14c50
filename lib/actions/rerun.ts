"use server";
import { randomInt } from "node:crypto";
import { z } from "zod";
import { getRun } from "@/lib/db/runs";
import { getModel } from "@/lib/providers";
import { fieldsByRole } from "@/lib/params/roles";
import { startComparison } from "./start-comparison";
import { startGeneration } from "./start-generation";
import { fail, validatedAction, type ActionFailure } from "./result";
import type { StartOptions } from "./idempotency";

const args = z.object({ runId: z.string().uuid(), newSeed: z.boolean() });
const storedTargets = z.array(
  z.object({ provider: z.string(), model: z.string(), overrides: z.record(z.string(), z.unknown()).default({}) }),
);

/**
 * "Run again" from any past run: the same settings, or the same settings with a new seed. Returns the new run. With
 * an idempotency key, a click delivered twice is one new run: the action it starts stores the answer with the run.
 */
export const rerun: (raw: unknown, options?: StartOptions) => Promise<{ ok: true; runId: string } | ActionFailure> = validatedAction(
  { name: "rerun", schema: args, invalid: "Unknown run.", failed: "The run could not be started again", idempotent: true },
  async ({ runId, newSeed }) => {
    const run = await getRun(runId);
    if (!run) return fail("not_found", "That run no longer exists.");
    const seed = randomInt(1, 2 ** 32 - 1);

    const stored = storedTargets.safeParse(run.shared.targets);
    // Targets deleted from the run are not run again (they would be paid for).
    const kept = stored.success ? stored.data.filter((_, i) => run.generations.some((g) => g.position === i)) : [];
    if (run.kind === "compare" && kept.length >= 2) {
      const values = (run.shared.values ?? {}) as Record<string, unknown>;
      // The same targets and counts the person ran (and confirmed, if it needed it) before.
      const result = await startComparison({ shared: newSeed ? { ...values, seed } : values, targets: kept, confirmed: true });
      return result.ok || result.code !== "needs_confirmation" ? result : fail("invalid_input", result.message);
    }

    const g = run.generations[0];
    const model = g && getModel(g.provider, g.model);
    if (!g || !model) return fail("not_found", "This run's model is no longer offered.");
    const seedField = fieldsByRole(model.schema).seed;
    const input = newSeed && seedField ? { ...g.input, [seedField]: seed } : g.input;
    return startGeneration({ provider: g.provider, model: g.model, input });
  },
);
