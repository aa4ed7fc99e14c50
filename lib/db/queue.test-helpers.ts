/** For tests that record a generation's end without running it: claim one specific generation as `workerId`. */
import { db } from "./client";
import type { Claim } from "./queue";

export async function claimForTest(id: string, workerId = "test-worker"): Promise<Claim> {
  const row = await (await db()).generation.update({
    where: { id },
    data: { status: "running", claimedBy: workerId, claimedAt: new Date(), leaseUntil: new Date(Date.now() + 60_000), attempts: { increment: 1 } },
  });
  return { id, workerId, attempt: row.attempts };
}
