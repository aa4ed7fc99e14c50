"use server";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { env } from "../env";
import { getModel, getProvider, isProviderId } from "../providers";
import { fieldsByRole } from "../providers/roles";
import { createRun } from "../db/runs";
import { wakeRunner } from "../jobs/runner";
import { fieldErrorsOf, type ActionFailure } from "./validate";
import { humanErrorMap } from "../forms/human-errors";

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
export async function startGeneration(raw: unknown): Promise<StartGenerationResult> {
  const outer = envelope.safeParse(raw);
  if (!outer.success) {
    return { ok: false, code: "invalid_input", message: "The request was malformed.", fieldErrors: fieldErrorsOf(outer.error) };
  }
  const { provider: providerId, model: modelId, input } = outer.data;
  const provider = getProvider(providerId);
  const model = getModel(providerId, modelId);
  if (!provider || !model || !isProviderId(providerId)) {
    return { ok: false, code: "not_found", message: `Unknown model ${providerId}/${modelId}.`, fieldErrors: {} };
  }
  if (env().providers[providerId].mode === "missing") {
    return {
      ok: false,
      code: "not_configured",
      message: `${provider.label} is not configured: set ${provider.keyEnv} on the server.`,
      fieldErrors: {},
    };
  }
  const parsed = model.schema.safeParse(input, { error: humanErrorMap(model.schema) });
  if (!parsed.success) {
    return {
      ok: false,
      code: "invalid_input",
      message: `Some ${provider.label} parameters are not valid.`,
      fieldErrors: fieldErrorsOf(parsed.error),
    };
  }
  const data = parsed.data as Record<string, unknown>;
  const promptField = fieldsByRole(model.schema).prompt ?? "prompt";
  let created: { runId: string; generationIds: string[] };
  try {
    created = await createRun({
      kind: "single",
      prompt: String(data[promptField] ?? ""),
      targets: [{ provider: providerId, model: modelId, prompt: String(data[promptField] ?? ""), input: data }],
    });
  } catch (error) {
    const reference = randomUUID().slice(0, 8);
    console.error(`[startGeneration] failed (ref ${reference})`, error);
    return {
      ok: false,
      code: "internal",
      message: `The generation could not be stored (reference ${reference}).`,
      fieldErrors: {},
    };
  }
  // Stored: from here on it will run, even if waking the runner fails now (its next tick picks it up).
  await wakeRunner();
  return { ok: true, ...created };
}
