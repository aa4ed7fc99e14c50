"use server";
import { z } from "zod";
import { requestCancel } from "@/lib/db/cancel";
import { validatedAction } from "./result";

/** One action cancels a whole batch: queued cells fail at once (never sent), running ones are flagged. */
export const cancelBatch = validatedAction(
  { name: "cancelBatch", schema: z.strictObject({ runId: z.uuid() }), invalid: "Unknown batch.", failed: "The batch could not be cancelled" },
  async ({ runId }) => {
    const { canceled, stopping } = await requestCancel({ runId });
    return { ok: true as const, canceled, stopping };
  },
);
