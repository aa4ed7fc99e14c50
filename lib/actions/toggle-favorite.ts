"use server";
import { z } from "zod";
import { setFavorite } from "@/lib/db/runs";
import type { ActionFailure } from "./validate";

const input = z.object({ runId: z.uuid(), favorite: z.boolean() });

/** Stars or unstars a gallery item (a run: a single generation, or a whole comparison). */
export async function toggleFavorite(raw: unknown): Promise<{ ok: true; favorite: boolean } | ActionFailure> {
  const parsed = input.safeParse(raw);
  if (!parsed.success) return { ok: false, code: "invalid_input", message: "Unknown item.", fieldErrors: {} };
  if (!(await setFavorite(parsed.data.runId, parsed.data.favorite))) {
    return { ok: false, code: "not_found", message: "This item no longer exists.", fieldErrors: {} };
  }
  return { ok: true, favorite: parsed.data.favorite };
}
