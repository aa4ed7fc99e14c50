"use server";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { deleteGeneration, deleteRuns, referencedFiles } from "@/lib/db/runs";
import { removeUnreferenced } from "@/lib/storage/images";
import type { ActionFailure } from "./validate";

const input = z.union([
  z.object({ runIds: z.array(z.uuid()).min(1).max(5000) }),
  z.object({ generationId: z.uuid() }),
]);

export type DeleteItemsResult = { ok: true; deletedRunIds: string[]; runDeleted: boolean } | ActionFailure;

/**
 * Deletes gallery items — whole runs, or one generation of a run — with their image files. A file stays on disk
 * while another image row still uses it (storage is content-addressed, so identical images share one file).
 */
export async function deleteItems(raw: unknown): Promise<DeleteItemsResult> {
  const parsed = input.safeParse(raw);
  if (!parsed.success) return { ok: false, code: "invalid_input", message: "Nothing valid to delete.", fieldErrors: {} };
  try {
    if ("runIds" in parsed.data) {
      const { deleted, files } = await deleteRuns(parsed.data.runIds);
      await removeUnreferenced(files, referencedFiles);
      return { ok: true, deletedRunIds: deleted, runDeleted: deleted.length > 0 };
    }
    const result = await deleteGeneration(parsed.data.generationId);
    if (!result) return { ok: false, code: "not_found", message: "This generation no longer exists.", fieldErrors: {} };
    await removeUnreferenced(result.files, referencedFiles);
    return { ok: true, deletedRunIds: result.runDeleted ? [result.runId] : [], runDeleted: result.runDeleted };
  } catch (error) {
    const reference = randomUUID().slice(0, 8);
    console.error(`[deleteItems] failed (ref ${reference})`, error);
    return { ok: false, code: "internal", message: `The items could not be deleted (reference ${reference}).`, fieldErrors: {} };
  }
}
