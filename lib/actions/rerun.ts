"use server";
import { randomInt } from "node:crypto";
import { z } from "zod";
import { getRun } from "@/lib/db/runs";
import { getModel } from "@/lib/providers";
import { fieldsByRole } from "@/lib/params/roles";
import { startComparison } from "./start-comparison";
import { startGeneration } from "./start-generation";
import type { ActionFailure } from "./validate";

const args = z.object({ runId: z.string().uuid(), newSeed: z.boolean() });
const storedTargets = z.array(
  z.object({ provider: z.string(), model: z.string(), overrides: z.record(z.string(), z.unknown()).default({}) }),
);

/** "Run again" from any past run: the same settings, or the same settings with a new seed. Returns the new run. */
export async function rerun(raw: unknown): Promise<{ ok: true; runId: string } | ActionFailure> {
  const parsed = args.safeParse(raw);
  if (!parsed.success) return { ok: false, code: "invalid_input", message: "Unknown run.", fieldErrors: {} };
  const run = await getRun(parsed.data.runId);
  if (!run) return { ok: false, code: "not_found", message: "That run no longer exists.", fieldErrors: {} };
  const seed = randomInt(1, 2 ** 32 - 1);

  const stored = storedTargets.safeParse(run.shared.targets);
  // Targets deleted from the run are not run again (they would be paid for).
  const kept = stored.success ? stored.data.filter((_, i) => run.generations.some((g) => g.position === i)) : [];
  if (run.kind === "compare" && kept.length >= 2) {
    const values = (run.shared.values ?? {}) as Record<string, unknown>;
    return startComparison({ shared: parsed.data.newSeed ? { ...values, seed } : values, targets: kept });
  }

  const g = run.generations[0];
  const model = g && getModel(g.provider, g.model);
  if (!g || !model) return { ok: false, code: "not_found", message: "This run's model is no longer offered.", fieldErrors: {} };
  const seedField = fieldsByRole(model.schema).seed;
  const input = parsed.data.newSeed && seedField ? { ...g.input, [seedField]: seed } : g.input;
  const started = await startGeneration({ provider: g.provider, model: g.model, input });
  return started.ok ? { ok: true, runId: started.runId } : started;
}
