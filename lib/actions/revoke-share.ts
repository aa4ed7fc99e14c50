"use server";
import { randomUUID } from "node:crypto";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { revokeShare as markRevoked } from "@/lib/db/shares";
import { fieldErrorsOf, type ActionFailure } from "./validate";

const input = z.object({ id: z.string().uuid() });

/** Ends a shared link: from the next request on it answers exactly like a link that never existed. */
export async function revokeShare(raw: unknown): Promise<{ ok: true } | ActionFailure> {
  const parsed = input.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, code: "invalid_input", message: "Unknown share.", fieldErrors: fieldErrorsOf(parsed.error) };
  }
  try {
    if (!(await markRevoked(parsed.data.id))) {
      return { ok: false, code: "not_found", message: "That link was already revoked.", fieldErrors: {} };
    }
    revalidatePath("/shares");
    return { ok: true };
  } catch (error) {
    const reference = randomUUID().slice(0, 8);
    console.error(`[revokeShare] failed (ref ${reference})`, error);
    return { ok: false, code: "internal", message: `The link could not be revoked (reference ${reference}).`, fieldErrors: {} };
  }
}
