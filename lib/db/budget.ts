import "server-only";
import { env } from "@/lib/env";
import { isProviderId } from "@/lib/providers";
import type { EstimateTarget } from "@/lib/cost/estimate";
import { estimate } from "@/lib/cost/history";
import { checkBudget, effectiveCaps, type Reservation } from "@/lib/budget/caps";
import { periodStarts } from "@/lib/budget/periods";
import { reportedUsd } from "@/lib/results/pricing";
import { db } from "./client";
import type { Prisma } from "./generated/client";
import { listBudgetCaps } from "./budget-caps";
import { lockBudgets, spendSince, type Tx } from "./spend";

/**
 * The budget gate every submission goes through (createRun, requeueGeneration): the estimate is reserved in the same
 * transaction that stores the work, after the spend so far was read under a lock that serializes every such
 * transaction across processes, so two submissions cannot both pass a cap that only one fits.
 */

/** What each target reserves: its estimate, 0 when an emulator serves it (emulated work never counts). */
export async function reservationsFor(targets: EstimateTarget[]): Promise<Reservation[]> {
  const { providers } = env();
  const emulated = (t: EstimateTarget) => isProviderId(t.provider) && providers[t.provider].mode === "emulated";
  // Only what is billed is estimated: the history query is skipped for emulated targets.
  const billed = targets.filter((t) => !emulated(t));
  const { items } = billed.length > 0 ? await estimate(billed) : { items: [] };
  let next = 0;
  return targets.map((t) => (emulated(t) ? { provider: t.provider, usd: 0 } : { provider: t.provider, usd: items[next++]!.usd }));
}

/** Inside a transaction: throws BudgetExceeded when the reservations do not fit what is left of a cap. */
export async function checkBudgetIn(tx: Tx, reservations: Reservation[], now = new Date()): Promise<void> {
  const caps = effectiveCaps(env().budgets, await listBudgetCaps(tx));
  if (caps.length === 0) return;
  await lockBudgets(tx);
  const spend = await spendSince(periodStarts(now, env().BUDGET_TIME_ZONE), tx);
  const refusal = checkBudget(caps, spend, reservations);
  if (refusal) throw refusal;
}

type Ops = Pick<Tx, "run" | "generation" | "idempotencyKey" | "$executeRawUnsafe">;

/**
 * Estimates the targets, then stores them in one transaction: `store` returns the writes (not awaited), given each
 * target's reservation (dollars, or null when unknown) to write to `Generation.reservedUsd`. With a cap set, the
 * same transaction first checks the budgets under the lock (BudgetExceeded: nothing is written). With none, the
 * writes go as one batch, as they did before budgets existed.
 */
export async function withBudget(targets: EstimateTarget[], store: (tx: Ops, reservedUsd: (number | null)[]) => Prisma.PrismaPromise<unknown>[]): Promise<unknown[]> {
  const reservations = await reservationsFor(targets);
  const reserved = reservations.map((r) => r.usd);
  const client = await db();
  if (effectiveCaps(env().budgets, await listBudgetCaps()).length === 0) {
    return client.$transaction(store(client, reserved));
  }
  return client.$transaction(async (tx) => {
    await checkBudgetIn(tx, reservations);
    const results: unknown[] = [];
    for (const op of store(tx, reserved)) results.push(await op);
    return results;
  });
}

/**
 * What a generation that ended counts from now on (`reservedUsd`): the provider's reported charge when it reported
 * one; otherwise, when it was billed (it answered with images), the reservation stays (undefined); an unbilled
 * failure counts nothing.
 */
export function settledUsd(reported: { amount: number; unit: string } | null | undefined, billed: boolean): number | undefined {
  const usd = reported ? reportedUsd(reported) : null;
  if (usd !== null) return usd;
  return billed ? undefined : 0;
}
