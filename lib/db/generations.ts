import "server-only";
import { parseRunCursor, runCursor } from "@/lib/gallery/cursor";
import { db } from "./client";
import type { GenerationDTO, Page } from "./dto";
import { generationInclude, lightGeneration, toGenerationDTO } from "./mappers";

export async function getGeneration(id: string): Promise<GenerationDTO | null> {
  const row = await (await db()).generation.findUnique({ where: { id }, include: generationInclude });
  return row ? toGenerationDTO(row) : null;
}

/**
 * Newest first. The cursor is the last item's place, `<createdAt ISO>~<id>` (lib/gallery/cursor.ts), so the next page
 * starts in the right place even when that generation has been deleted since; a bare id (the older form) is placed
 * through its row, and one whose row is gone gives null (the caller says so) rather than an empty last page.
 */
export async function listGenerations(opts: { cursor?: string | null; limit?: number }): Promise<Page<GenerationDTO> | null> {
  const client = await db();
  const limit = Math.min(Math.max(opts.limit ?? 40, 1), 100);
  let after = opts.cursor ? parseRunCursor(opts.cursor) : null;
  if (after && !after.createdAt) {
    const row = await client.generation.findUnique({ where: { id: after.id }, select: { createdAt: true } });
    if (!row) return null;
    after = { createdAt: row.createdAt, id: after.id };
  }
  const rows = await client.generation.findMany({
    // One range on the (createdAt, id) index, less the cursor's own time at or after its id.
    where: after?.createdAt ? { createdAt: { lte: after.createdAt }, NOT: { createdAt: after.createdAt, id: { gte: after.id } } } : {},
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    include: generationInclude,
  });
  const items = rows.slice(0, limit).map((row) => lightGeneration(toGenerationDTO(row)));
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? runCursor(last) : null };
}

export async function imageFile(id: string) {
  return (await db()).image.findUnique({
    where: { id },
    select: { file: true, thumbFile: true, mime: true, sha256: true },
  });
}
