import "server-only";
import { randomUUID } from "node:crypto";
import type { ArenaPairDTO, RevealDTO, VoteOutcome } from "@/lib/arena/types";
import type { VoteCount } from "@/lib/arena/ranking";
import { targetLabel } from "@/lib/providers/labels";
import { newShareToken } from "@/lib/share/token";
import { db } from "./client";

/**
 * Arena pairs and votes. A pair is two succeeded generations of one run (same prompt) at different targets, dealt in
 * random left/right order under an opaque id; the vote copies the targets in, so rankings need no joins.
 */

export interface VoterScope {
  voter: string;
  /** Set when voting through a shared arena link. */
  shareId?: string | null;
  /** Pairs from this run only. */
  runId?: string | null;
}

interface Candidate {
  id: string;
  runId: string;
  provider: string;
  model: string;
  prompt: string;
  emulated: boolean;
  cellX: number | null;
  cellY: number | null;
  cellZ: number | null;
}

/**
 * Whether two of a run's generations answer the same request at different targets: a suite or a grid holds many
 * prompts and settings, so both must have the same prompt and differ along one batch axis at most (the one that
 * changes the target: a suite's target column, a grid's provider/model axis), or the vote would be about the prompt,
 * the steps or the size instead of the provider. Both are live or both emulated, as in a parity check: the emulator's
 * placeholder beside a provider's real image would be a vote on the emulator, counted for the provider.
 */
function comparable(a: Candidate, b: Candidate): boolean {
  if (a.provider === b.provider && a.model === b.model) return false;
  if (a.prompt !== b.prompt || a.emulated !== b.emulated) return false;
  const differ = ([[a.cellX, b.cellX], [a.cellY, b.cellY], [a.cellZ, b.cellZ]] as const).filter(([x, y]) => (x ?? 0) !== (y ?? 0));
  return differ.length <= 1;
}

const pairKeyOf = (a: string, b: string) => (a < b ? `${a}:${b}` : `${b}:${a}`);

/** Runs a deal reads first: nearly every deal finds its pair among a few. */
const FIRST_RUNS = 6;
/** The most runs read at once, so a run-heavy batch (a suite holds hundreds of generations) stays a bounded read. */
const MAX_RUNS = 64;
/**
 * The most runs one deal reads before it says none are left: a voter with every pair behind them, asking again and
 * again (the arena prefetches, a shared link takes 600 requests in 10 minutes), must not read the whole gallery each
 * time. Past this many runs a deal starts from a new random point on the next ask.
 */
const MAX_WALK = 2048;

/**
 * Runs with several targets, in id order from a random point round to just before it (run ids are random UUIDs: no
 * count, no offset), in batches. The first is a few runs; later ones double up to MAX_RUNS, so a voter with most
 * pairs behind them, or a gallery of comparisons whose other targets failed, is still dealt what is left, and is told
 * "none left" only once every run (up to MAX_WALK) has been read: a few reads per MAX_RUNS runs, never a read per run.
 */
async function* candidateRuns(runId: string | null | undefined): AsyncGenerator<string[]> {
  if (runId) {
    yield [runId];
    return;
  }
  const client = await db();
  const pivot = randomUUID();
  let take = FIRST_RUNS;
  let read = 0;
  for (const from of [{ gte: pivot }, { lt: pivot }]) {
    let after: string | null = null;
    for (;;) {
      const id: { gte?: string; lt?: string; gt?: string } = after === null ? from : { ...from, gt: after };
      const rows: { id: string }[] = await client.run.findMany({ where: { kind: { not: "single" }, id }, orderBy: { id: "asc" }, take, select: { id: true } });
      if (rows.length > 0) yield rows.map((r) => r.id);
      read += rows.length;
      if (read >= MAX_WALK) return;
      if (rows.length < take) break;
      after = rows.at(-1)!.id;
      take = Math.min(take * 2, MAX_RUNS);
    }
  }
}

/** How long a pair dealt and not voted on keeps its two images from being dealt to the same voter again. */
const OPEN_PAIR_MS = 30 * 60_000;

/** Every comparable pair among one run's generations. */
function pairsOf(gens: readonly Candidate[]): [Candidate, Candidate][] {
  const pairs: [Candidate, Candidate][] = [];
  for (let i = 0; i < gens.length; i++) {
    for (let j = i + 1; j < gens.length; j++) if (comparable(gens[i]!, gens[j]!)) pairs.push([gens[i]!, gens[j]!]);
  }
  return pairs;
}

/**
 * The pairs this voter may be dealt from the first of `runIds` (in their order) that has any, or null: three reads
 * for the whole batch, and the voter's votes only read for runs that have pairs at all.
 */
async function openPairs(runIds: string[], voter: string): Promise<[Candidate, Candidate][] | null> {
  const client = await db();
  const gens: Candidate[] = await client.generation.findMany({
    where: { runId: { in: runIds }, status: "succeeded", images: { some: {} } },
    select: { id: true, runId: true, provider: true, model: true, prompt: true, emulated: true, cellX: true, cellY: true, cellZ: true },
  });
  const byRun = new Map<string, Candidate[]>();
  for (const g of gens) byRun.set(g.runId, [...(byRun.get(g.runId) ?? []), g]);
  const candidates = runIds.map((id) => pairsOf(byRun.get(id) ?? [])).filter((pairs) => pairs.length > 0);
  if (candidates.length === 0) return null;
  const withPairs = candidates.map((pairs) => pairs[0]![0].runId);
  // Voted on, or dealt a moment ago and still on screen (the arena fetches the next pair before this one is voted).
  const since = new Date(Date.now() - OPEN_PAIR_MS);
  const [votes, open] = await Promise.all([
    client.arenaVote.findMany({ where: { voter, runId: { in: withPairs } }, select: { pairKey: true } }),
    client.arenaPair.findMany({ where: { voter, runId: { in: withPairs }, createdAt: { gte: since } }, select: { pairKey: true } }),
  ]);
  const seen = new Set([...votes, ...open].map((v) => v.pairKey));
  for (const pairs of candidates) {
    const left = pairs.filter(([a, b]) => !seen.has(pairKeyOf(a.id, b.id)));
    if (left.length > 0) return left;
  }
  return null;
}

/**
 * Deals the next pair of images this voter has neither voted on nor been dealt in the last half hour, or null when
 * there is none in any run. Image URLs start with `urlBase`.
 */
export async function dealPair(scope: VoterScope, urlBase: string, random: () => number = Math.random): Promise<ArenaPairDTO | null> {
  for await (const runIds of candidateRuns(scope.runId)) {
    const pairs = await openPairs(runIds, scope.voter);
    if (!pairs) continue;
    const [a, b] = pairs[Math.floor(random() * pairs.length)]!;
    const [left, right] = random() < 0.5 ? [a, b] : [b, a];
    const id = newShareToken();
    await (await db()).arenaPair.create({
      data: { id, runId: a.runId, leftId: left.id, rightId: right.id, pairKey: pairKeyOf(a.id, b.id), voter: scope.voter, shareId: scope.shareId ?? null },
    });
    // The generations' own prompt: a suite's run is named after the suite.
    return { pairId: id, prompt: a.prompt, leftUrl: `${urlBase}/${id}/left`, rightUrl: `${urlBase}/${id}/right` };
  }
  return null;
}

/** The stored image behind one side of a pair, if the pair belongs to `shareId` (null: the owner's own pairs). */
export async function pairImage(pairId: string, side: "left" | "right", shareId: string | null) {
  const client = await db();
  const pair = await client.arenaPair.findUnique({ where: { id: pairId } });
  if (!pair || (pair.shareId ?? null) !== shareId) return null;
  const generationId = side === "left" ? pair.leftId : pair.rightId;
  const generation = await client.generation.findUnique({
    where: { id: generationId },
    select: { images: { orderBy: { index: "asc" }, take: 1, select: { file: true, sha256: true } } },
  });
  return generation?.images[0] ?? null;
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

const revealOf = (v: { outcome: string; leftProvider: string; leftModel: string; rightProvider: string; rightModel: string }): RevealDTO => ({
  outcome: v.outcome as VoteOutcome,
  left: targetLabel({ provider: v.leftProvider, model: v.leftModel }),
  right: targetLabel({ provider: v.rightProvider, model: v.rightModel }),
});

const mirrored = { left: "right", right: "left", tie: "tie", bad: "bad" } as const;

/**
 * A vote stored on the same two images as this pair, as this pair shows them: dealt again (two tabs), they may sit on
 * the other sides, and the names must land on the images this screen showed.
 */
function revealAs(v: Parameters<typeof revealOf>[0] & { leftId: string }, leftId: string): RevealDTO {
  const reveal = revealOf(v);
  return v.leftId === leftId ? reveal : { outcome: mirrored[reveal.outcome], left: reveal.right, right: reveal.left };
}

/**
 * Stores a vote once: the same idempotency key, a second vote on the same pair, or a vote by the same voter on the
 * same two images dealt again, answers with the vote already stored. Null when the pair is unknown or was dealt to
 * someone else; "gone" when it is this voter's but one of its images was deleted since it was dealt (nothing stored).
 */
export async function castVote(args: { pairId: string; outcome: VoteOutcome; idempotencyKey: string } & Omit<VoterScope, "runId">): Promise<RevealDTO | "gone" | null> {
  const client = await db();
  const existing = await client.arenaVote.findFirst({ where: { OR: [{ idempotencyKey: args.idempotencyKey }, { pairId: args.pairId }] } });
  if (existing) return existing.voter === args.voter ? revealOf(existing) : null;
  const pair = await client.arenaPair.findUnique({ where: { id: args.pairId } });
  if (!pair || pair.voter !== args.voter || (pair.shareId ?? null) !== (args.shareId ?? null)) return null;
  const sameImages = await client.arenaVote.findFirst({ where: { voter: args.voter, runId: pair.runId, pairKey: pair.pairKey } });
  if (sameImages) return revealAs(sameImages, pair.leftId);
  const gens = await client.generation.findMany({ where: { id: { in: [pair.leftId, pair.rightId] } }, select: { id: true, provider: true, model: true } });
  const left = gens.find((g) => g.id === pair.leftId);
  const right = gens.find((g) => g.id === pair.rightId);
  if (!left || !right) return "gone";
  const data = {
    id: randomUUID(),
    idempotencyKey: args.idempotencyKey,
    pairId: pair.id,
    pairKey: pair.pairKey,
    runId: pair.runId,
    leftId: left.id,
    rightId: right.id,
    leftProvider: left.provider,
    leftModel: left.model,
    rightProvider: right.provider,
    rightModel: right.model,
    outcome: args.outcome,
    voter: args.voter,
    shareId: pair.shareId,
  };
  try {
    await client.arenaVote.create({ data });
    return revealOf(data);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Two copies of the same request raced, or two tabs voted on the same two images at once: the other one stored it.
    const stored = await client.arenaVote.findFirst({
      where: { OR: [{ idempotencyKey: args.idempotencyKey }, { pairId: args.pairId }, { voter: args.voter, pairKey: pair.pairKey }] },
    });
    return stored && stored.voter === args.voter ? revealAs(stored, pair.leftId) : null;
  }
}

export type VoteScope = { kind: "mine"; voter: string } | { kind: "shared" } | { kind: "all" } | { kind: "share"; shareId: string };

/** Votes counted by pair of targets and outcome: what the ranking fits. */
export type VoteGroup = VoteCount;

/** Votes grouped by the two targets and the outcome: a few hundred rows however many votes there are. */
export async function voteGroups(scope: VoteScope): Promise<VoteGroup[]> {
  const where =
    scope.kind === "mine" ? { voter: scope.voter, shareId: null } : scope.kind === "shared" ? { shareId: { not: null } } : scope.kind === "share" ? { shareId: scope.shareId } : {};
  const rows = await (await db()).arenaVote.groupBy({
    by: ["leftProvider", "leftModel", "rightProvider", "rightModel", "outcome"],
    where,
    _count: { _all: true },
  });
  return rows.map((r) => ({ ...r, outcome: r.outcome as VoteOutcome, n: r._count._all }));
}
