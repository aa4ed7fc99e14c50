"use server";
import { z } from "zod";
import { setFavorite } from "@/lib/db/runs";
import { fail, validatedAction } from "./result";

const input = z.object({ runId: z.uuid(), favorite: z.boolean() });

/** Stars or unstars a gallery item (a run: a single generation, or a whole comparison). */
export const toggleFavorite = validatedAction(
  { name: "toggleFavorite", schema: input, invalid: "Unknown item.", failed: "The star could not be saved" },
  async ({ runId, favorite }) => {
    if (!(await setFavorite(runId, favorite))) return fail("not_found", "This item no longer exists.");
    return { ok: true as const, favorite };
  },
);
