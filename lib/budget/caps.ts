import { getProvider } from "@/lib/providers";
import { formatUsd as formatSmallUsd } from "@/lib/results/pricing";
import { BudgetExceeded } from "./errors";

/**
 * Budget arithmetic, pure. A cap is set in the environment or on the settings page; when both set the same one,
 * the stricter (smaller) applies. Spend is counted in the budget's time zone from the start of the day or month.
 */
export type Period = "day" | "month";
export const TOTAL = "total";

export interface Cap {
  /** "total" or a provider id. */
  scope: string;
  period: Period;
  usd: number;
  source: "env" | "settings";
}

/** Dollars counted so far this day and this month, per provider. */
export interface Spend {
  day: Record<string, number>;
  month: Record<string, number>;
}

/** What a submission reserves, per target: dollars, or null when its cost is unknown. */
export interface Reservation {
  provider: string;
  usd: number | null;
}

/** The settings form's field for a cap: `total_day`, `segmind_month`, … */
export const budgetFieldName = (scope: string, period: Period) => `${scope}_${period}`;

/** One cap per scope and period: the stricter of the environment's and the settings page's. */
export function effectiveCaps(...lists: Cap[][]): Cap[] {
  const byKey = new Map<string, Cap>();
  for (const cap of lists.flat()) {
    const key = `${cap.scope}/${cap.period}`;
    const seen = byKey.get(key);
    if (!seen || cap.usd < seen.usd) byKey.set(key, cap);
  }
  return [...byKey.values()];
}

export function spentIn(spend: Spend, cap: Pick<Cap, "scope" | "period">): number {
  const rows = spend[cap.period];
  if (cap.scope === TOTAL) return Object.values(rows).reduce((a, b) => a + b, 0);
  return rows[cap.scope] ?? 0;
}

export function capLabel(cap: Pick<Cap, "scope" | "period">): string {
  const period = cap.period === "day" ? "daily" : "monthly";
  if (cap.scope === TOTAL) return `the ${period} budget`;
  return `${getProvider(cap.scope)?.label ?? cap.scope}'s ${period} budget`;
}

/**
 * `usd` rounded up or down to `decimals` places, never to the nearest: what is left is never shown as more than it
 * is, nor spend or an estimate as less, so "$2.00 is left" never stands beside a refused "$2.00". Floating-point dust
 * (a millionth of the last place) does not move a figure a step.
 */
export function roundUsd(usd: number, decimals: number, direction: "up" | "down"): number {
  const step = 10 ** decimals;
  const scaled = usd * step;
  return (direction === "up" ? Math.ceil(scaled - 1e-6) : Math.floor(scaled + 1e-6)) / step;
}

/**
 * "$12.50" for budget-sized sums, "$0.065" / "$0.0040" for the price of a run; `direction` rounds what is left down
 * and what is spent or asked for up, at the same precision.
 */
export function formatUsd(usd: number, direction?: "up" | "down"): string {
  if (usd === 0) return "$0";
  if (!direction) return usd >= 1 ? `$${usd.toFixed(2)}` : formatSmallUsd(usd);
  const decimals = usd >= 1 ? 2 : usd >= 0.01 ? 3 : 4;
  const rounded = roundUsd(usd, decimals, direction);
  return rounded === 0 ? "$0" : `$${rounded.toFixed(decimals)}`;
}

// Sums that differ by less than this are equal (floating-point dust must not refuse a run that fits exactly).
const EPSILON = 1e-9;

/**
 * The refusal for a submission, or null when it fits every cap. A target whose cost is unknown is refused when a
 * cap covers it: we cannot promise it fits. Emulated targets reserve 0 and never count.
 */
export function checkBudget(caps: Cap[], spend: Spend, reservations: Reservation[]): BudgetExceeded | null {
  for (const cap of caps) {
    const covered = reservations.filter((r) => cap.scope === TOTAL || r.provider === cap.scope);
    if (covered.length === 0) continue;
    const need = covered.reduce((sum, r) => sum + (r.usd ?? 0), 0);
    const unknown = covered.filter((r) => r.usd === null).length;
    // Rounded to a billionth of a dollar, so floating-point dust reads as nothing left.
    const left = Math.max(0, Math.round((cap.usd - spentIn(spend, cap)) * 1e9) / 1e9);
    if (unknown === 0 && need <= left + EPSILON) continue;
    const name = capLabel(cap);
    const estimate = unknown
      ? `the cost of ${unknown === 1 ? "one target is" : `${unknown} targets is`} unknown${need > 0 ? ` (the rest is estimated at ${formatUsd(need, "up")})` : ""}, and a budget cannot be kept with an unknown cost`
      : `this submission is estimated at ${formatUsd(need, "up")}`;
    const message = `Over budget: ${name} is ${formatUsd(cap.usd)} and ${formatUsd(left, "down")} is left; ${estimate}. Nothing was sent.`;
    return new BudgetExceeded(message, name, cap.usd, left, need);
  }
  return null;
}
