"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { revokeShare as markRevoked } from "@/lib/db/shares";
import { fail, validatedAction } from "./result";

const input = z.object({ id: z.string().uuid() });

/** Ends a shared link: from the next request on it answers exactly like a link that never existed. */
export const revokeShare = validatedAction(
  { name: "revokeShare", schema: input, invalid: "Unknown share.", failed: "The link could not be revoked" },
  async ({ id }) => {
    if (!(await markRevoked(id))) return fail("not_found", "That link was already revoked.");
    revalidatePath("/shares");
    return { ok: true as const };
  },
);
