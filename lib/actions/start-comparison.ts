"use server";
import { targetLabel } from "@/lib/providers/labels";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { env } from "@/lib/env";
import { getModel, getProvider, isProviderId } from "@/lib/providers";
import { createRun } from "@/lib/db/runs";
import { wakeRunner } from "@/lib/jobs/runner";
import { mapShared } from "@/lib/compare/mapping";
import { sharedSchema, sizeOf } from "@/lib/compare/shared";
import { fieldErrorsOf, type ActionFailure } from "./validate";

const MAX_TARGETS = 12;

const envelope = z.object({
  shared: z.unknown(),
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
});

export type StartComparisonResult = { ok: true; runId: string } | ActionFailure;

/**
 * One submit for every target: validates the shared values, maps them onto each model (recording every
 * adjustment), validates each mapped input with its model's schema, stores one run with a generation per target,
 * and returns at once. The runner fans out inside the server, bounded per provider.
 */
export async function startComparison(raw: unknown): Promise<StartComparisonResult> {
  const outer = envelope.safeParse(raw);
  if (!outer.success) {
    return { ok: false, code: "invalid_input", message: outer.error.issues[0]?.message ?? "Malformed request.", fieldErrors: fieldErrorsOf(outer.error) };
  }
  const sharedParsed = sharedSchema.safeParse(outer.data.shared);
  if (!sharedParsed.success) {
    return {
      ok: false,
      code: "invalid_input",
      message: "Some shared values are not valid.",
      fieldErrors: fieldErrorsOf(sharedParsed.error),
    };
  }
  const form = sharedParsed.data;
  const shared = { ...form, ...sizeOf(form) };
  const fieldErrors: Record<string, string> = {};
  const problems: string[] = [];
  const targets = outer.data.targets.map((t, i) => {
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
    const mapped = mapShared(provider.label, model, shared, t.overrides);
    const parsed = model.schema.safeParse(mapped.input);
    if (!parsed.success) {
      for (const [path, message] of Object.entries(fieldErrorsOf(parsed.error))) {
        fieldErrors[`targets.${i}.${path}`] = message;
      }
      problems.push(`${targetLabel({ provider: provider.id, model: model.id })}: ${parsed.error.issues[0]?.message ?? "invalid"}`);
      return null;
    }
    return { provider: t.provider, model: t.model, overrides: t.overrides, input: parsed.data as Record<string, unknown>, adjustments: mapped.adjustments };
  });
  if (problems.length > 0 || targets.some((t) => t === null)) {
    return { ok: false, code: "invalid_input", message: problems.join(" "), fieldErrors };
  }
  const ready = targets.filter((t): t is NonNullable<typeof t> => t !== null);
  let runId: string;
  try {
    ({ runId } = await createRun({
      kind: "compare",
      prompt: form.prompt,
      shared: {
        values: form,
        targets: ready.map((t) => ({ provider: t.provider, model: t.model, overrides: t.overrides, adjustments: t.adjustments })),
      },
      targets: ready.map((t) => ({ provider: t.provider, model: t.model, prompt: form.prompt, input: t.input })),
    }));
  } catch (error) {
    const reference = randomUUID().slice(0, 8);
    console.error(`[startComparison] failed (ref ${reference})`, error);
    return { ok: false, code: "internal", message: `The comparison could not be stored (reference ${reference}).`, fieldErrors: {} };
  }
  await wakeRunner();
  return { ok: true, runId };
}
