import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "./client";

/** A stored parity score of two images (see the Parity model). */
export interface StoredParity {
  imageA: string;
  imageB: string;
  identical: boolean;
  phashDistance: number;
  ssim: number;
  label: string;
}

export async function parityRows(runId: string): Promise<StoredParity[]> {
  return (await db()).parity.findMany({
    where: { runId },
    select: { imageA: true, imageB: true, identical: true, phashDistance: true, ssim: true, label: true },
  });
}

/**
 * Stores scores computed for a run. Two viewers may compute the same pair at once: the pair is unique, and the
 * second write is skipped rather than failing (both computed the same numbers).
 */
export async function saveParity(runId: string, rows: StoredParity[]): Promise<void> {
  const client = await db();
  for (const row of rows) {
    await client.parity.upsert({
      where: { imageA_imageB: { imageA: row.imageA, imageB: row.imageB } },
      create: { id: randomUUID(), runId, ...row },
      update: {},
    });
  }
}
