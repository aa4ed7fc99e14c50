"use server";
import { z } from "zod";
import { requeueGeneration } from "@/lib/db/queue";
import { wakeRunner } from "@/lib/jobs/runner";
import { fail, validatedAction } from "./result";

/** Runs one failed target again with the same input, leaving the rest of its run alone. */
export const retryGeneration = validatedAction(
  { name: "retryGeneration", schema: z.string().uuid(), invalid: "Unknown generation.", failed: "The retry could not be queued" },
  async (id) => {
    if (!(await requeueGeneration(id))) return fail("not_found", "Only a failed generation can be retried.");
    await wakeRunner();
    return { ok: true as const };
  },
);
