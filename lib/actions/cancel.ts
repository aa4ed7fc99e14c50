"use server";
import { z } from "zod";
import { requestCancel } from "@/lib/db/cancel";
import { getGeneration } from "@/lib/db/generations";
import { getRun } from "@/lib/db/runs";
import { fail, validatedAction } from "./result";

/** The person's cancel of one generation, or of every unfinished generation of a run ("Cancel all"). */
const cancelInput = z.union([
  z.strictObject({ generationId: z.string().uuid() }),
  z.strictObject({ runId: z.string().uuid() }),
]);

export const cancelGenerations = validatedAction(
  {
    name: "cancelGenerations",
    schema: cancelInput,
    invalid: "Unknown generation or run.",
    failed: "The cancel could not be recorded",
    subject: "Cancel",
  },
  async (input) => {
    const scope = "runId" in input ? { runId: input.runId } : { generationIds: [input.generationId] };
    const { canceled, stopping } = await requestCancel(scope);
    if (canceled + stopping === 0) {
      const found = "runId" in input ? await getRun(input.runId) : await getGeneration(input.generationId);
      if (!found) return fail("not_found", "runId" in input ? "Unknown run." : "Unknown generation.");
      // Already ended (or already being cancelled): nothing is left to stop, and saying so is the honest answer.
      return { ok: true as const, canceled, stopping };
    }
    return { ok: true as const, canceled, stopping };
  },
);
