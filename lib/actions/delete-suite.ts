"use server";
import { z } from "zod";
import { deleteSuite as removeSuite } from "@/lib/db/suites";
import { fail, validatedAction } from "./result";

/** Deletes a suite; the runs made from it stay in the gallery. */
export const deleteSuite = validatedAction(
  { name: "deleteSuite", schema: z.strictObject({ id: z.uuid() }), invalid: "Unknown suite.", failed: "The suite could not be deleted" },
  async ({ id }) => {
    if (!(await removeSuite(id))) return fail("not_found", "This suite no longer exists.");
    return { ok: true as const };
  },
);
