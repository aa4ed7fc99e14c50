"use server";
import { z } from "zod";
import { createShare as storeShare } from "@/lib/db/shares";
import { publicOrigin } from "@/lib/share/origin";
import { fail, validatedAction, type ActionFailure } from "./result";

const input = z.union([
  z.object({ generationId: z.string().uuid(), includePrompt: z.boolean() }).strict(),
  z.object({ runId: z.string().uuid(), includePrompt: z.boolean() }).strict(),
]);

export type CreateShareResult = { ok: true; id: string; token: string; url: string; includePrompt: boolean } | ActionFailure;

/** Makes a read-only link to one generation or a whole run; the prompt and parameters travel only if asked. */
export const createShare: (raw: unknown) => Promise<CreateShareResult> = validatedAction(
  { name: "createShare", schema: input, invalid: "Nothing to share was named.", failed: "The link could not be created" },
  async (data) => {
    const { includePrompt } = data;
    const target = "generationId" in data ? { generationId: data.generationId } : { runId: data.runId };
    const share = await storeShare({ target, includePrompt });
    if (!share) return fail("not_found", "That result no longer exists.");
    return { ok: true as const, id: share.id, token: share.token, url: `${await publicOrigin()}${share.path}`, includePrompt };
  },
);
