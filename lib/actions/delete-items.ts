"use server";
import { z } from "zod";
import { countInFlight, deleteGeneration, deleteRuns, referencedFiles } from "@/lib/db/runs";
import { removeUnreferenced } from "@/lib/storage/images";
import { fail, validatedAction, type ActionFailure } from "./result";

// Strict: `{runIds, generationId}` is refused, not read as the runs alone.
const input = z.union([
  z.strictObject({ runIds: z.array(z.uuid()).min(1).max(5000) }),
  z.strictObject({ generationId: z.uuid() }),
]);

export type DeleteItemsResult = { ok: true; deletedRunIds: string[]; runDeleted: boolean } | ActionFailure;

/**
 * Deletes gallery items — whole runs, or one generation of a run — with their image files. A file stays on disk
 * while another image row still uses it (storage is content-addressed, so identical images share one file).
 */
export const deleteItems: (raw: unknown) => Promise<DeleteItemsResult> = validatedAction(
  { name: "deleteItems", schema: input, invalid: "Nothing valid to delete.", failed: "The items could not be deleted" },
  async (data) => {
    const running = await countInFlight(data);
    if (running > 0) return fail("in_flight", stillRunning(running));
    if ("runIds" in data) {
      const { deleted, files } = await deleteRuns(data.runIds);
      await removeUnreferenced(files, referencedFiles);
      return { ok: true as const, deletedRunIds: deleted, runDeleted: deleted.length > 0 };
    }
    const result = await deleteGeneration(data.generationId);
    if (!result) return fail("not_found", "This generation no longer exists.");
    if (result.inFlight) return fail("in_flight", stillRunning(1));
    await removeUnreferenced(result.files, referencedFiles);
    return { ok: true as const, deletedRunIds: result.runDeleted ? [result.runId] : [], runDeleted: result.runDeleted };
  },
);

const stillRunning = (n: number) =>
  `${n === 1 ? "A generation is" : `${n} generations are`} still queued or running, and the provider would bill for ${n === 1 ? "it" : "them"} with nothing left to keep the result: cancel ${n === 1 ? "it" : "them"} or wait until ${n === 1 ? "it ends" : "they end"}, then delete.`;
