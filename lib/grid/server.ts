import "server-only";
import { env } from "@/lib/env";
import { getProvider, isProviderId } from "@/lib/providers";
import { confirmationReason, type Estimate } from "@/lib/cost/estimate";
import { estimate } from "@/lib/cost/history";
import { planGrid, type GridPlan } from "./plan";
import type { GridRequest } from "./spec";

/**
 * The plan with this server's limits and provider configuration, its cost from our own history where there is
 * enough of it (lib/cost/estimate.ts), else the price table.
 */
export async function planOnServer(req: GridRequest): Promise<GridPlan> {
  const e = env();
  const plan = planGrid(req, e, (id) => {
    const provider = getProvider(id);
    if (!provider || !isProviderId(id)) return null;
    return e.providers[id].mode === "missing" ? `${provider.label} is not configured: set ${provider.keyEnv} on the server.` : null;
  });
  if (!plan.ready) return plan;
  const costed = await estimate(plan.ready);
  return { ...plan, estimate: costed, confirmation: confirmationReason(costed, e) };
}

/** What the form shows before the run: no inputs, only the numbers and the problems. */
export interface GridPreview {
  ok: true;
  shape: string;
  lengths: number[];
  cells: number;
  images: number;
  /** Known dollars, cells whose cost is unknown, and where the figures come from. */
  usd: number | null;
  unknownCost: number;
  basis: string[];
  confirmation: string | null;
  axisErrors: string[][];
  errors: string[];
}

export function previewOf(plan: GridPlan): GridPreview {
  return {
    ok: true,
    shape: plan.shape,
    lengths: plan.lengths,
    cells: plan.cells,
    images: plan.images,
    usd: plan.estimate ? plan.estimate.usd : null,
    unknownCost: plan.estimate?.unknown ?? 0,
    basis: basisOf(plan.estimate),
    confirmation: plan.confirmation,
    axisErrors: plan.axisErrors,
    errors: plan.errors,
  };
}

function basisOf(estimate: Estimate | null): string[] {
  if (!estimate) return [];
  const lines = new Map<string, { cells: number; usd: number | null; basis: string }>();
  for (const item of estimate.items) {
    const key = `${item.provider}/${item.model}`;
    const line = lines.get(key) ?? { cells: 0, usd: item.usd === null ? null : 0, basis: item.basis };
    line.cells += 1;
    if (line.usd !== null && item.usd !== null) line.usd += item.usd;
    lines.set(key, line);
  }
  return [...lines.entries()].map(([key, l]) => `${key}: ${l.cells} × ${l.usd === null ? "unknown" : `$${(l.usd / l.cells).toFixed(3)}`} (${l.basis})`);
}
