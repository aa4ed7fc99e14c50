"use server";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { createShare as storeShare } from "@/lib/db/shares";
import { publicOrigin } from "@/lib/share/origin";
import { fieldErrorsOf, type ActionFailure } from "./validate";

const input = z.union([
  z.object({ generationId: z.string().uuid(), includePrompt: z.boolean() }).strict(),
  z.object({ runId: z.string().uuid(), includePrompt: z.boolean() }).strict(),
]);

export type CreateShareResult = { ok: true; id: string; token: string; url: string; includePrompt: boolean } | ActionFailure;

/** Makes a read-only link to one generation or a whole run; the prompt and parameters travel only if asked. */
export async function createShare(raw: unknown): Promise<CreateShareResult> {
  const parsed = input.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, code: "invalid_input", message: "Nothing to share was named.", fieldErrors: fieldErrorsOf(parsed.error) };
  }
  const { includePrompt } = parsed.data;
  const target = "generationId" in parsed.data ? { generationId: parsed.data.generationId } : { runId: parsed.data.runId };
  try {
    const share = await storeShare({ target, includePrompt });
    if (!share) return { ok: false, code: "not_found", message: "That result no longer exists.", fieldErrors: {} };
    return { ok: true, id: share.id, token: share.token, url: `${await publicOrigin()}${share.path}`, includePrompt };
  } catch (error) {
    const reference = randomUUID().slice(0, 8);
    console.error(`[createShare] failed (ref ${reference})`, error);
    return { ok: false, code: "internal", message: `The link could not be created (reference ${reference}).`, fieldErrors: {} };
  }
}
