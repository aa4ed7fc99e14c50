import "server-only";
import { env } from "@/lib/env";
import { providerIds, providers } from "@/lib/providers";
import { listBudgetCaps } from "@/lib/db/budget-caps";
import { spendSince } from "@/lib/db/spend";
import { effectiveCaps, spentIn, TOTAL, type Cap, type Period } from "./caps";
import { periodStarts } from "./periods";

export interface BudgetRow {
  scope: string;
  label: string;
  spent: Record<Period, number>;
  /** Per period: the environment's cap, the settings page's, and the one that applies (the stricter). */
  caps: Record<Period, { env: number | null; settings: number | null; applies: number | null }>;
}

/** What the settings page shows: spend today and this month, in total and per provider, beside every cap. */
export async function budgetOverview(now = new Date()): Promise<{ timeZone: string; rows: BudgetRow[] }> {
  const { budgets, BUDGET_TIME_ZONE } = env();
  const settings = await listBudgetCaps();
  const spend = await spendSince(periodStarts(now, BUDGET_TIME_ZONE));
  const applied = effectiveCaps(budgets, settings);
  const find = (list: Cap[], scope: string, period: Period) => list.find((c) => c.scope === scope && c.period === period)?.usd ?? null;
  const row = (scope: string, label: string): BudgetRow => {
    const capsOf = (period: Period) => ({ env: find(budgets, scope, period), settings: find(settings, scope, period), applies: find(applied, scope, period) });
    return {
      scope,
      label,
      spent: { day: spentIn(spend, { scope, period: "day" }), month: spentIn(spend, { scope, period: "month" }) },
      caps: { day: capsOf("day"), month: capsOf("month") },
    };
  };
  return { timeZone: BUDGET_TIME_ZONE, rows: [row(TOTAL, "Total"), ...providerIds.map((id) => row(id, providers[id].label))] };
}
