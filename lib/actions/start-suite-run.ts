"use server";
import { z } from "zod";
import { env } from "@/lib/env";
import { getModel, getProvider, isProviderId } from "@/lib/providers";
import { createRun, type CreatedRun } from "@/lib/db/runs";
import { getSuite } from "@/lib/db/suites";
import { confirmationReason } from "@/lib/cost/estimate";
import { estimate as estimateCost } from "@/lib/cost/history";
import { wakeRunner } from "@/lib/jobs/runner";
import { inputImageProblems } from "@/lib/input-image-check";
import type { LineProblem } from "@/lib/suites/import";
import { batchLimitProblem, checkTargetLimits } from "@/lib/suites/limits";
import { SHARED_OVERRIDE, sharedOverrides } from "@/lib/compare/mapping";
import { MAX_SUITE_TARGETS, planSuiteRun, suiteSharedSchema, suiteTargetSchema } from "@/lib/suites/plan";
import type { StartOptions } from "./idempotency";
import { fail, unknownFields, unknownFieldsFailure, validatedAction, type ActionFailure, type NeedsConfirmation } from "./result";

export type { NeedsConfirmation } from "./result";

const envelope = z.strictObject({
  suiteId: z.uuid(),
  /** The revision the person was shown: a suite edited since (another tab, a script) is not run unseen. */
  revision: z.int({ error: "The revision must be a whole number." }).min(1, { error: "The revision must be 1 or more." }).optional(),
  shared: suiteSharedSchema,
  targets: z
    .array(suiteTargetSchema)
    .min(1, "Pick at least one target.")
    .max(MAX_SUITE_TARGETS, `At most ${MAX_SUITE_TARGETS} targets at once.`),
  /** The person confirmed a batch above the confirmation threshold. */
  confirmed: z.boolean().default(false),
});

export type StartSuiteRunResult =
  | { ok: true; runId: string; images: number }
  | NeedsConfirmation
  | (ActionFailure & { problems?: LineProblem[] });

/**
 * Runs a suite on N targets as one batch: every prompt × target is mapped and validated, the batch is checked
 * against the hard limit (BATCH_MAX_IMAGES) and the confirmation threshold, and only then stored, all queued, in
 * one transaction. Nothing reaches a provider before that.
 */
export const startSuiteRun: (raw: unknown, options?: StartOptions) => Promise<StartSuiteRunResult> = validatedAction(
  {
    name: "startSuiteRun",
    schema: envelope,
    subject: "A suite run",
    invalid: (error) => error.issues[0]?.message ?? "Malformed request.",
    failed: "The suite run could not be stored",
    idempotent: true,
  },
  async ({ suiteId, revision, shared, targets, confirmed }, { idempotencyKey }) => {
    const config = env();
    for (const [i, t] of targets.entries()) {
      const provider = getProvider(t.provider);
      if (!provider || !isProviderId(t.provider)) return fail("invalid_input", `Target ${i + 1}: unknown provider ${t.provider}.`);
      if (config.providers[t.provider].mode === "missing") {
        return fail("not_configured", `${provider.label} is not configured: set ${provider.keyEnv} on the server.`);
      }
    }
    const suite = await getSuite(suiteId);
    if (!suite) return fail("not_found", "This suite no longer exists.");
    if (revision !== undefined && revision !== suite.revision) {
      return fail("stale", `Nothing was run: this suite was edited since this page showed it (revision ${revision}, now ${suite.revision}). Check its prompts and run again.`);
    }
    const tooLong = checkTargetLimits(suite.prompts, targets);
    if (tooLong.length > 0) {
      return { ...fail("invalid_input", `Nothing was run: ${tooLong.length} ${tooLong.length === 1 ? "prompt is" : "prompts are"} too long for a chosen target.`), problems: tooLong };
    }
    for (const [i, t] of targets.entries()) {
      const model = getModel(t.provider, t.model);
      if (!model) return fail("invalid_input", `Target ${i + 1}: unknown model ${t.provider}/${t.model}.`);
      const extra = unknownFieldsFailure(unknownFields(model.schema, t.overrides, `targets.${i}.overrides`), `${model.label}`);
      if (extra) return extra;
      const shared = sharedOverrides(model, t.overrides, `targets.${i}.overrides`, model.label);
      if (shared) return fail("invalid_input", shared.message, Object.fromEntries(shared.paths.map((p) => [p, SHARED_OVERRIDE])));
      const images = await inputImageProblems(model.schema, t.overrides, `targets.${i}.overrides`);
      if (Object.keys(images).length > 0) return fail("invalid_input", Object.values(images).join(" "), images);
    }
    const plan = planSuiteRun(suite.prompts, shared, targets, (id) => (isProviderId(id) ? config.providers[id].concurrency : 1));
    if (!plan.ok) return fail("invalid_input", plan.problems.join(" "), plan.fieldErrors);
    const estimate = await estimateCost(plan.cells);
    const images = estimate.items.reduce((n, i) => n + i.images, 0);
    const over = batchLimitProblem(images, config.BATCH_MAX_IMAGES, suite.prompts.length, targets.length);
    if (over) return fail("invalid_input", over);
    const reason = confirmationReason(estimate, config);
    if (reason && !confirmed) {
      return { ok: false, code: "needs_confirmation", message: `Confirm this batch: ${reason}.`, images, usd: estimate.usd, unknown: estimate.unknown };
    }
    const answer = ({ runId }: CreatedRun) => ({ ok: true as const, runId, images });
    const created = await createRun({
      kind: "suite",
      prompt: suite.name,
      shared: { values: shared },
      spec: {
        suiteId: suite.id,
        revision: suite.revision,
        name: suite.name,
        prompts: suite.prompts,
        targets: plan.targets.map((t) => ({ provider: t.provider, model: t.model, overrides: t.overrides, adjustments: t.adjustments })),
        shared,
      },
      targets: plan.cells,
      idempotency: idempotencyKey === undefined ? undefined : { key: idempotencyKey, answer },
    });
    await wakeRunner();
    return answer(created);
  },
);
