import "server-only";
import { db } from "./client";
import type { GenerationDTO, Page } from "./dto";
import { generationInclude, lightGeneration, toGenerationDTO } from "./mappers";

export async function getGeneration(id: string): Promise<GenerationDTO | null> {
  const row = await (await db()).generation.findUnique({ where: { id }, include: generationInclude });
  return row ? toGenerationDTO(row) : null;
}

/** Newest first; the cursor is the last item's id, resolved through the (createdAt, id) index. */
export async function listGenerations(opts: { cursor?: string | null; limit?: number }): Promise<Page<GenerationDTO>> {
  const client = await db();
  const limit = Math.min(Math.max(opts.limit ?? 40, 1), 100);
  const rows = await client.generation.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    ...(opts.cursor ? { cursor: { id: opts.cursor }, skip: 1 } : {}),
    include: generationInclude,
  });
  const items = rows.slice(0, limit).map((row) => lightGeneration(toGenerationDTO(row)));
  return { items, nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
}

export async function imageFile(id: string) {
  return (await db()).image.findUnique({
    where: { id },
    select: { file: true, thumbFile: true, mime: true, sha256: true },
  });
}
