"use server";
import { z } from "zod";
import { env } from "@/lib/env";
import { getModel, getProvider, isProviderId } from "@/lib/providers";
import { fieldsByRole } from "@/lib/params/roles";
import { createRun, type CreatedRun } from "@/lib/db/runs";
import { wakeRunner } from "@/lib/jobs/runner";
import { fail, invalid, unknownFields, unknownFieldsFailure, validatedAction, type ActionFailure } from "./result";
import type { StartOptions } from "./idempotency";
import { humanErrorMap } from "@/lib/forms/human-errors";
import { inputImageProblems } from "@/lib/input-image-check";

const envelope = z.object({
  provider: z.string().min(1),
  model: z.string().min(1),
  input: z.record(z.string(), z.unknown()),
});

export type StartGenerationResult = { ok: true; runId: string; generationIds: string[] } | ActionFailure;

/**
 * Validates (envelope, then the model's own schema), stores the generation as queued and returns at once;
 * the runner does the provider work.
 */
export const startGeneration: (raw: unknown, options?: StartOptions) => Promise<StartGenerationResult> = validatedAction(
  {
    name: "startGeneration",
    schema: envelope,
    subject: "A generation request",
    invalid: (error) => error.issues[0]?.message ?? "The request was malformed.",
    failed: "The generation could not be stored",
    idempotent: true,
  },
  async ({ provider: providerId, model: modelId, input }, { idempotencyKey }) => {
    const provider = getProvider(providerId);
    const model = getModel(providerId, modelId);
    if (!provider || !model || !isProviderId(providerId)) return fail("not_found", `Unknown model ${providerId}/${modelId}.`);
    if (env().providers[providerId].mode === "missing") {
      return fail("not_configured", `${provider.label} is not configured: set ${provider.keyEnv} on the server.`);
    }
    const unknown = unknownFieldsFailure(unknownFields(model.schema, input), `${provider.label} ${model.label}`);
    if (unknown) return unknown;
    const parsed = model.schema.safeParse(input, { error: humanErrorMap(model.schema) });
    if (!parsed.success) return invalid(parsed.error, `Some ${provider.label} parameters are not valid.`);
    const data = parsed.data as Record<string, unknown>;
    const images = await inputImageProblems(model.schema, data);
    if (Object.keys(images).length > 0) return fail("invalid_input", Object.values(images).join(" "), images);
    const prompt = String(data[fieldsByRole(model.schema).prompt ?? "prompt"] ?? "");
    const answer = (created: CreatedRun) => ({ ok: true as const, ...created });
    const created = await createRun({
      kind: "single",
      prompt,
      targets: [{ provider: providerId, model: modelId, prompt, input: data }],
      idempotency: idempotencyKey === undefined ? undefined : { key: idempotencyKey, answer },
    });
    // Stored: from here on it will run, even if waking the runner fails now (its next tick picks it up).
    await wakeRunner();
    return answer(created);
  },
);
