"use server";
import { z } from "zod";
import { deleteGeneration, deleteRuns, referencedFiles } from "@/lib/db/runs";
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
    if ("runIds" in data) {
      const { deleted, files } = await deleteRuns(data.runIds);
      await removeUnreferenced(files, referencedFiles);
      return { ok: true as const, deletedRunIds: deleted, runDeleted: deleted.length > 0 };
    }
    const result = await deleteGeneration(data.generationId);
    if (!result) return fail("not_found", "This generation no longer exists.");
    await removeUnreferenced(result.files, referencedFiles);
    return { ok: true as const, deletedRunIds: result.runDeleted ? [result.runId] : [], runDeleted: result.runDeleted };
  },
);
