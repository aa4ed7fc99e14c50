"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { providerIds } from "@/lib/providers";
import { replaceBudgetCaps } from "@/lib/db/budget-caps";
import { budgetFieldName, TOTAL, type Period } from "@/lib/budget/caps";
import { validatedAction } from "./result";

/** An empty field removes the cap; a number is dollars (0 stops all spending in that scope). */
const dollars = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? Number(v.trim()) : v),
  z.number({ error: "Enter an amount in dollars, or leave it empty." }).min(0, "A cap cannot be negative.").max(1_000_000).optional(),
);
const periods: Period[] = ["day", "month"];
const scopes = [TOTAL, ...providerIds];

const schema = z.strictObject(Object.fromEntries(scopes.flatMap((s) => periods.map((p) => [budgetFieldName(s, p), dollars]))));

/** Saves the caps set on the settings page (replacing them all); the environment's caps still apply beside them. */
export const updateBudgets = validatedAction(
  { name: "updateBudgets", schema, subject: "The budget form", invalid: "Some amounts are not valid.", failed: "The budgets could not be saved" },
  async (values) => {
    const caps = scopes.flatMap((scope) =>
      periods.flatMap((period) => {
        const usd = values[budgetFieldName(scope, period)];
        return typeof usd === "number" ? [{ scope, period, usd }] : [];
      }),
    );
    await replaceBudgetCaps(caps);
    // The page's figures ("… left") and the form's defaults come from the server: show the saved caps at once.
    revalidatePath("/settings");
    return { ok: true as const, saved: caps.length };
  },
);
