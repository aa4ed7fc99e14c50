import "server-only";
import { findRole } from "@/lib/params/roles";
import { getModel } from "@/lib/providers";
import { usdCost } from "@/lib/results/pricing";
import { reportedCosts } from "@/lib/db/spend";
import type { FieldRole } from "@/lib/params/field-meta";
import { imagesRequested, sumEstimates, tableEstimate, type Estimate, type EstimateTarget, type TargetEstimate } from "./estimate";

/** At least this many reported costs before their median is trusted over the price table. */
export const HISTORY_MIN_RUNS = 5;
/** The newest reported costs the median is taken over: prices change, old runs stop counting. */
const HISTORY_WINDOW = 99;

const keyRoles: FieldRole[] = ["size", "width", "height", "aspectRatio", "steps"];

/** The input fields a price depends on (size and steps), by wire name; absent ones are matched as absent. */
export function costKey(target: EstimateTarget): { match: Record<string, unknown>; countField: string | undefined } {
  const schema = getModel(target.provider, target.model)?.schema;
  const match: Record<string, unknown> = {};
  if (!schema) return { match, countField: undefined };
  for (const role of keyRoles) {
    const field = findRole(schema, role);
    if (field) match[field] = target.input[field];
  }
  return { match, countField: findRole(schema, "count") };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Dollars per image of each reported cost (converted from the provider's unit; unknown units are skipped). */
async function perImageCosts(target: EstimateTarget): Promise<number[]> {
  const { match, countField } = costKey(target);
  const rows = await reportedCosts(target.provider, target.model, match, countField, HISTORY_WINDOW);
  return rows.flatMap((r) => {
    const usd = usdCost(target.provider, target.model, { amount: Number(r.cost), unit: r.costUnit });
    if (!usd || usd.estimate) return [];
    const n = Number(r.count);
    return [usd.usd / (Number.isInteger(n) && n > 0 ? n : 1)];
  });
}

/**
 * The history estimate of each target (null where fewer than HISTORY_MIN_RUNS costs were reported). Targets with
 * the same provider, model, size and steps share one query, so a 400-cell grid asks once per distinct setting.
 */
export async function historyEstimates(targets: EstimateTarget[]): Promise<(TargetEstimate | null)[]> {
  const byKey = new Map<string, Promise<number[]>>();
  const keyOf = (t: EstimateTarget) => JSON.stringify([t.provider, t.model, costKey(t).match]);
  for (const t of targets) if (!byKey.has(keyOf(t))) byKey.set(keyOf(t), perImageCosts(t));
  return Promise.all(
    targets.map(async (t) => {
      const costs = await byKey.get(keyOf(t))!;
      if (costs.length < HISTORY_MIN_RUNS) return null;
      const images = imagesRequested(t);
      return {
        provider: t.provider,
        model: t.model,
        images,
        usd: median(costs) * images,
        source: "history" as const,
        basis: `history of ${costs.length} runs`,
      };
    }),
  );
}

/**
 * The estimate of a submission (server only): per target, the median of our own reported costs for the same
 * provider, model, size and steps when there are at least 5; otherwise the price table; otherwise unknown.
 */
export async function estimate(targets: EstimateTarget[]): Promise<Estimate> {
  const history = await historyEstimates(targets);
  return sumEstimates(targets.map((t, i) => history[i] ?? tableEstimate(t)));
}
