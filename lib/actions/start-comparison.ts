"use server";
import { z } from "zod";
import { env } from "@/lib/env";
import { getModel, getProvider, isProviderId } from "@/lib/providers";
import { targetLabel } from "@/lib/providers/labels";
import type { Adjustment, SharedValues } from "@/lib/compare/types";
import { createRun, type CreatedRun } from "@/lib/db/runs";
import { wakeRunner } from "@/lib/jobs/runner";
import { mapShared, SHARED_OVERRIDE, sharedOverrides } from "@/lib/compare/mapping";
import { sharedSchema, sizeOf } from "@/lib/compare/shared";
import { confirmationReason } from "@/lib/cost/estimate";
import { humanErrorMap } from "@/lib/forms/human-errors";
import { inputImageProblems } from "@/lib/input-image-check";
import { estimate as estimateCost } from "@/lib/cost/history";
import type { StartOptions } from "./idempotency";
import { fail, fieldErrorsOf, invalid, unknownFields, unknownFieldsFailure, validatedAction, type ActionFailure, type NeedsConfirmation } from "./result";

const MAX_TARGETS = 12;

const envelope = z.object({
  shared: z.record(z.string(), z.unknown()),
  targets: z
    .array(
      z.object({
        provider: z.string().min(1),
        model: z.string().min(1),
        overrides: z.record(z.string(), z.unknown()).default({}),
      }),
    )
    .min(2, "Pick at least two targets to compare.")
    .max(MAX_TARGETS, `At most ${MAX_TARGETS} targets at once.`),
  /** The person confirmed a comparison above the confirmation threshold (CONFIRM_ABOVE_IMAGES / _USD). */
  confirmed: z.boolean().default(false),
});

export type StartComparisonResult = { ok: true; runId: string } | NeedsConfirmation | ActionFailure;

type TargetRequest = z.output<typeof envelope>["targets"][number];
type ReadyTarget = TargetRequest & { input: Record<string, unknown>; adjustments: Adjustment[] };

/**
 * One submit for every target: validates the shared values, maps them onto each model (recording every
 * adjustment), validates each mapped input with its model's schema, stores one run with a generation per target,
 * and returns at once. The runner fans out inside the server, bounded per provider.
 */
export const startComparison: (raw: unknown, options?: StartOptions) => Promise<StartComparisonResult> = validatedAction(
  {
    name: "startComparison",
    schema: envelope,
    subject: "A comparison request",
    invalid: (error) => error.issues[0]?.message ?? "Malformed request.",
    failed: "The comparison could not be stored",
    idempotent: true,
  },
  async ({ shared: rawShared, targets: requested, confirmed }, { idempotencyKey }) => {
    const extra = unknownFieldsFailure(unknownFields(sharedSchema, rawShared, "shared"), "A comparison request");
    if (extra) return extra;
    const sharedParsed = sharedSchema.safeParse(rawShared, { error: humanErrorMap(sharedSchema) });
    if (!sharedParsed.success) return invalid(sharedParsed.error, "Some shared values are not valid.");
    const form = sharedParsed.data;
    const shared = { ...form, ...sizeOf(form) };
    const fieldErrors: Record<string, string> = {};
    const problems: string[] = [];
    const targets = requested.map((t, i) => prepareTarget(t, i, shared, fieldErrors, problems));
    if (problems.length > 0 || targets.some((t) => t === null)) {
      return { ok: false, code: "invalid_input", message: problems.join(" "), fieldErrors } satisfies ActionFailure;
    }
    const ready = targets.filter((t): t is ReadyTarget => t !== null);
    const images = await imageProblemsOf(ready);
    if (Object.keys(images).length > 0) return fail("invalid_input", [...new Set(Object.values(images))].join(" "), images);
    const estimate = await estimateCost(ready.map((t) => ({ provider: t.provider, model: t.model, input: t.input })));
    const reason = confirmationReason(estimate, env());
    if (reason && !confirmed) {
      const images = estimate.items.reduce((n, i) => n + i.images, 0);
      return { ok: false, code: "needs_confirmation", message: `Confirm this comparison: ${reason}.`, images, usd: estimate.usd, unknown: estimate.unknown } satisfies NeedsConfirmation;
    }
    const answer = ({ runId }: CreatedRun) => ({ ok: true as const, runId });
    const created = await createRun({
      kind: "compare",
      prompt: form.prompt,
      shared: {
        values: form,
        targets: ready.map((t) => ({ provider: t.provider, model: t.model, overrides: t.overrides, adjustments: t.adjustments })),
      },
      targets: ready.map((t) => ({ provider: t.provider, model: t.model, prompt: form.prompt, input: t.input })),
      idempotency: idempotencyKey === undefined ? undefined : { key: idempotencyKey, answer },
    });
    await wakeRunner();
    return answer(created);
  },
);

/** Each target's uploaded input images that are unreadable or outside the provider's pixel limits, by field. */
async function imageProblemsOf(ready: ReadyTarget[]): Promise<Record<string, string>> {
  const problems: Record<string, string> = {};
  for (const [i, t] of ready.entries()) {
    const model = getModel(t.provider, t.model);
    if (model) Object.assign(problems, await inputImageProblems(model.schema, t.input, `targets.${i}`));
  }
  return problems;
}

/** One target's mapped, validated input; or null, with its problems and field errors noted. */
function prepareTarget(
  t: TargetRequest,
  i: number,
  shared: SharedValues,
  fieldErrors: Record<string, string>,
  problems: string[],
): ReadyTarget | null {
  const provider = getProvider(t.provider);
  const model = getModel(t.provider, t.model);
  if (!provider || !model || !isProviderId(t.provider)) {
    problems.push(`Target ${i + 1}: unknown model ${t.provider}/${t.model}.`);
    return null;
  }
  if (env().providers[t.provider].mode === "missing") {
    problems.push(`${provider.label} is not configured: set ${provider.keyEnv} on the server.`);
    return null;
  }
  for (const path of unknownFields(model.schema, t.overrides, `targets.${i}.overrides`)) {
    fieldErrors[path] = "Unknown field.";
    problems.push(`${targetLabel({ provider: provider.id, model: model.id })} does not take "${path.split(".").pop()}".`);
  }
  const setByShared = sharedOverrides(model, t.overrides, `targets.${i}.overrides`, targetLabel({ provider: provider.id, model: model.id }));
  if (setByShared) {
    for (const path of setByShared.paths) fieldErrors[path] = SHARED_OVERRIDE;
    problems.push(setByShared.message);
  }
  const mapped = mapShared(provider.label, model, shared, t.overrides);
  const parsed = model.schema.safeParse(mapped.input, { error: humanErrorMap(model.schema) });
  if (!parsed.success) {
    for (const [path, message] of Object.entries(fieldErrorsOf(parsed.error))) fieldErrors[`targets.${i}.${path}`] = message;
    problems.push(`${targetLabel({ provider: provider.id, model: model.id })}: ${parsed.error.issues[0]?.message ?? "invalid"}`);
    return null;
  }
  return { ...t, input: parsed.data as Record<string, unknown>, adjustments: mapped.adjustments };
}
