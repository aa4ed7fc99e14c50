import "server-only";
import type { RunDTO } from "@/lib/db/dto";
import { imageFile } from "@/lib/db/generations";
import { parityRows, saveParity, type StoredParity } from "@/lib/db/parity";
import { readImage } from "@/lib/storage/images";
import { parityCandidates, parityPossible, type ParityCandidate } from "./pairs";
import { scorePair, type ParityLabel, type ParityScore } from "./score";

export interface ParityPair extends ParityCandidate {
  score: ParityScore;
}

export interface ParityReport {
  /** Two providers of one model family are in the run: parity can be checked once their images are in. */
  possible: boolean;
  pairs: ParityPair[];
  /** Generations still queued or running: more pairs may come. */
  unfinished: number;
  counts: Record<ParityLabel, number>;
}

/**
 * The run's parity report. Scores come from the Parity table; pairs not scored yet are computed now (the first view
 * after their images are stored) and saved, so each pair is computed once.
 */
export async function parityReport(run: RunDTO): Promise<ParityReport> {
  const candidates = parityCandidates(run.generations);
  const stored = new Map((await parityRows(run.id)).map((r) => [`${r.imageA}|${r.imageB}`, r]));
  const fresh: StoredParity[] = [];
  const pairs: ParityPair[] = [];
  for (const c of candidates) {
    let row = stored.get(`${c.a.image.id}|${c.b.image.id}`);
    if (!row) {
      const score = await scoreImages(c.a.image.id, c.b.image.id);
      if (!score) continue;
      row = { imageA: c.a.image.id, imageB: c.b.image.id, ...score };
      fresh.push(row);
    }
    pairs.push({ ...c, score: { identical: row.identical, phashDistance: row.phashDistance, ssim: row.ssim, label: row.label as ParityLabel } });
  }
  if (fresh.length > 0) await saveParity(run.id, fresh);
  const counts = { identical: 0, "near-identical": 0, different: 0 };
  for (const p of pairs) counts[p.score.label]++;
  return {
    possible: parityPossible(run.generations),
    pairs,
    unfinished: run.generations.filter((g) => g.status === "queued" || g.status === "running").length,
    counts,
  };
}

/** Null when a stored file is gone (deleted meanwhile): that pair is left out rather than failing the page. */
async function scoreImages(idA: string, idB: string): Promise<ParityScore | null> {
  const [fa, fb] = await Promise.all([imageFile(idA), imageFile(idB)]);
  if (!fa || !fb) return null;
  try {
    const [a, b] = await Promise.all([readImage(fa.file), readImage(fb.file)]);
    return await scorePair(Buffer.from(a), Buffer.from(b));
  } catch (error) {
    console.error("[parity] could not score a pair", idA, idB, error);
    return null;
  }
}
