import "server-only";
import { db } from "./client";
import type { Cap, Period } from "@/lib/budget/caps";
import type { Tx } from "./spend";

/** Caps set on the settings page. */
export async function listBudgetCaps(tx?: Pick<Tx, "budgetCap">): Promise<Cap[]> {
  const rows = await (tx ?? (await db())).budgetCap.findMany({ orderBy: [{ scope: "asc" }, { period: "asc" }] });
  return rows.map((r) => ({ scope: r.scope, period: r.period as Period, usd: r.usd, source: "settings" as const }));
}

/** Replaces every cap set on the settings page with these (an empty list removes them all). */
export async function replaceBudgetCaps(caps: { scope: string; period: Period; usd: number }[]): Promise<void> {
  const client = await db();
  await client.$transaction(async (tx) => {
    await tx.budgetCap.deleteMany({});
    if (caps.length > 0) await tx.budgetCap.createMany({ data: caps.map((c) => ({ scope: c.scope, period: c.period, usd: c.usd })) });
  });
}
