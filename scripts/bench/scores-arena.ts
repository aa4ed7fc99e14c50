/**
 * The scorecard page and the arena's next pair on the gallery bench's 100,000 generations, plus 20,000 votes seeded
 * here (on pairs of its four-target comparisons, from 50 voters). Called from gallery.ts while its server runs.
 *
 *   scores_page_ms_p95       GET /scores (the server-rendered HTML, default filters: live, last 30 days)
 *   arena_next_pair_ms_p95   POST /api/arena/next as a voter with votes already stored (deals and stores a pair)
 * plus the scorecard over all time, reported alongside.
 */
import { randomUUID } from "node:crypto";
import type { Client, InValue } from "@libsql/client";
import { percentile } from "./util";

export const ARENA_VOTES = 20_000;
const SAMPLES = 40;
const outcomes = ["left", "right", "tie", "bad"] as const;
const round = (n: number) => Math.round(n * 10) / 10;

type Tx = { execute(stmt: { sql: string; args: InValue[] }): Promise<unknown> };

export async function seedVotes(client: Client, votes = ARENA_VOTES, insertRows: (tx: Tx, table: string, cols: string[], rows: InValue[][]) => Promise<void>) {
  const gens = (
    await client.execute(
      `SELECT g."id", g."runId", g."provider", g."model" FROM "Generation" g JOIN "Run" r ON r."id" = g."runId" WHERE r."kind" = 'compare' AND g."status" = 'succeeded' ORDER BY g."runId"`,
    )
  ).rows.map((r) => ({ id: String(r.id), runId: String(r.runId), provider: String(r.provider), model: String(r.model) }));
  const byRun = new Map<string, typeof gens>();
  for (const g of gens) byRun.set(g.runId, [...(byRun.get(g.runId) ?? []), g]);
  const runs = [...byRun.values()].filter((list) => list.length >= 2);
  let s = 99;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const voters = Array.from({ length: 50 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`);
  const rows: InValue[][] = [];
  const created = new Date().toISOString().replace("Z", "+00:00");
  // One vote per voter and pair, as the unique index demands: a repeat draw is drawn again.
  const cast = new Set<string>();
  for (let i = 0; rows.length < votes; i++) {
    const list = runs[Math.floor(rand() * runs.length)]!;
    const a = list[Math.floor(rand() * list.length)]!;
    let b = list[Math.floor(rand() * list.length)]!;
    if (b.id === a.id) b = list[(list.indexOf(a) + 1) % list.length]!;
    const key = a.id < b.id ? `${a.id}:${b.id}` : `${b.id}:${a.id}`;
    const voter = voters[i % voters.length]!;
    if (cast.has(`${voter}/${key}`)) continue;
    cast.add(`${voter}/${key}`);
    rows.push([randomUUID(), randomUUID(), randomUUID(), key, a.runId, a.id, b.id, a.provider, a.model, b.provider, b.model, outcomes[Math.floor(rand() * 4)]!, voter, null, created]);
  }
  // One write transaction, waiting out the server's own short writes (lease sweeps) rather than failing on them.
  await client.execute("PRAGMA busy_timeout = 30000");
  const tx = await client.transaction("write");
  await insertRows(tx, "ArenaVote", ["id", "idempotencyKey", "pairId", "pairKey", "runId", "leftId", "rightId", "leftProvider", "leftModel", "rightProvider", "rightModel", "outcome", "voter", "shareId", "createdAt"], rows);
  await tx.commit();
  return { votes: rows.length, runs: runs.length };
}

async function time(send: () => Promise<Response>, check: (res: Response, body: string) => void) {
  const times: number[] = [];
  for (let i = 0; i < 5 + SAMPLES; i++) {
    const t0 = performance.now();
    const res = await send();
    const body = await res.text();
    const ms = performance.now() - t0;
    check(res, body);
    if (i >= 5) times.push(ms);
  }
  return { p95: round(percentile(times, 95)), p50: round(percentile(times, 50)) };
}

export async function measureScoresArena(appUrl: string, log: (...args: unknown[]) => void): Promise<Record<string, number>> {
  const html = (res: Response, body: string) => {
    if (!res.ok || !body.includes("Scores")) throw new Error(`/scores answered ${res.status}`);
  };
  const results: Record<string, number> = {};
  const scores = await time(() => fetch(`${appUrl}/scores`), html);
  results.scores_page_ms_p95 = scores.p95;
  log(`  scores_page_ms_p95: p95 ${scores.p95} ms, p50 ${scores.p50} ms`);
  const allTime = await time(() => fetch(`${appUrl}/scores?period=all`), html);
  results.scores_page_all_time_ms_p95 = allTime.p95;
  log(`  scores_page_all_time_ms_p95: p95 ${allTime.p95} ms, p50 ${allTime.p50} ms`);
  // Voter 0 of the seeded ones: 400 votes already stored, which the deal must step around.
  const cookie = "arena_voter=00000000-0000-4000-8000-000000000000";
  const arena = await time(
    () => fetch(`${appUrl}/api/arena/next`, { method: "POST", headers: { "Content-Type": "application/json", Cookie: cookie }, body: "{}" }),
    (res, body) => {
      if (res.status !== 200 || !body.includes("pairId")) throw new Error(`/api/arena/next answered ${res.status}: ${body.slice(0, 200)}`);
    },
  );
  results.arena_next_pair_ms_p95 = arena.p95;
  log(`  arena_next_pair_ms_p95: p95 ${arena.p95} ms, p50 ${arena.p50} ms`);
  return results;
}
