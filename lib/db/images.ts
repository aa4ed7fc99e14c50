import "server-only";
import { db } from "./client";
import type { GenerationDTO, ImageDTO } from "./dto";
import { getGeneration } from "./generations";

/** One stored image with the generation that made it (for downloads that embed its settings). */
export async function imageWithGeneration(
  id: string,
): Promise<{ file: string; image: ImageDTO; generation: GenerationDTO } | null> {
  const row = await (await db()).image.findUnique({ where: { id }, select: { file: true, generationId: true } });
  if (!row) return null;
  const generation = await getGeneration(row.generationId);
  const image = generation?.images.find((img) => img.id === id);
  return generation && image ? { file: row.file, image, generation } : null;
}
