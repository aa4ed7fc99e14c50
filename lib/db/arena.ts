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
  provider: string;
  model: string;
  prompt: string;
  cellX: number | null;
  cellY: number | null;
  cellZ: number | null;
}

/**
 * Whether two of a run's generations answer the same request at different targets: a suite or a grid holds many
 * prompts and settings, so both must have the same prompt and differ along one batch axis at most (the one that
 * changes the target: a suite's target column, a grid's provider/model axis), or the vote would be about the prompt,
 * the steps or the size instead of the provider.
 */
function comparable(a: Candidate, b: Candidate): boolean {
  if (a.provider === b.provider && a.model === b.model) return false;
  if (a.prompt !== b.prompt) return false;
  const differ = ([[a.cellX, b.cellX], [a.cellY, b.cellY], [a.cellZ, b.cellZ]] as const).filter(([x, y]) => (x ?? 0) !== (y ?? 0));
  return differ.length <= 1;
}

const pairKeyOf = (a: string, b: string) => (a < b ? `${a}:${b}` : `${b}:${a}`);

/** A few runs with several targets, from a random point in id order (run ids are random UUIDs): no count, no scan. */
async function candidateRuns(runId: string | null | undefined): Promise<string[]> {
  if (runId) return [runId];
  const client = await db();
  const pivot = randomUUID();
  const where = { kind: { not: "single" } } as const;
  const after = await client.run.findMany({ where: { ...where, id: { gte: pivot } }, orderBy: { id: "asc" }, take: 6, select: { id: true } });
  const before = after.length < 6 ? await client.run.findMany({ where: { ...where, id: { lt: pivot } }, orderBy: { id: "asc" }, take: 6 - after.length, select: { id: true } }) : [];
  return [...after, ...before].map((r) => r.id);
}

/** How long a pair dealt and not voted on keeps its two images from being dealt to the same voter again. */
const OPEN_PAIR_MS = 30 * 60_000;

/**
 * Deals the next pair of images this voter has neither voted on nor been dealt in the last half hour, or null when
 * there is none. Image URLs start with `urlBase`.
 */
export async function dealPair(scope: VoterScope, urlBase: string, random: () => number = Math.random): Promise<ArenaPairDTO | null> {
  const client = await db();
  for (const runId of await candidateRuns(scope.runId)) {
    const gens: Candidate[] = await client.generation.findMany({
      where: { runId, status: "succeeded", images: { some: {} } },
      select: { id: true, provider: true, model: true, prompt: true, cellX: true, cellY: true, cellZ: true },
    });
    // Voted on, or dealt a moment ago and still on screen (the arena fetches the next pair before this one is voted).
    const since = new Date(Date.now() - OPEN_PAIR_MS);
    const [votes, open] = await Promise.all([
      client.arenaVote.findMany({ where: { voter: scope.voter, runId }, select: { pairKey: true } }),
      client.arenaPair.findMany({ where: { voter: scope.voter, runId, createdAt: { gte: since } }, select: { pairKey: true } }),
    ]);
    const voted = new Set([...votes, ...open].map((v) => v.pairKey));
    const pairs: [Candidate, Candidate][] = [];
    for (let i = 0; i < gens.length; i++) {
      for (let j = i + 1; j < gens.length; j++) {
        const a = gens[i]!;
        const b = gens[j]!;
        if (comparable(a, b) && !voted.has(pairKeyOf(a.id, b.id))) pairs.push([a, b]);
      }
    }
    if (pairs.length === 0) continue;
    const [a, b] = pairs[Math.floor(random() * pairs.length)]!;
    const [left, right] = random() < 0.5 ? [a, b] : [b, a];
    const id = newShareToken();
    await client.arenaPair.create({
      data: { id, runId, leftId: left.id, rightId: right.id, pairKey: pairKeyOf(a.id, b.id), voter: scope.voter, shareId: scope.shareId ?? null },
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

/**
 * Stores a vote once: the same idempotency key, a second vote on the same pair, or a vote by the same voter on the
 * same two images dealt again, answers with the vote already stored. Null when the pair is unknown or was dealt to
 * someone else.
 */
export async function castVote(args: { pairId: string; outcome: VoteOutcome; idempotencyKey: string } & Omit<VoterScope, "runId">): Promise<RevealDTO | null> {
  const client = await db();
  const existing = await client.arenaVote.findFirst({ where: { OR: [{ idempotencyKey: args.idempotencyKey }, { pairId: args.pairId }] } });
  if (existing) return existing.voter === args.voter ? revealOf(existing) : null;
  const pair = await client.arenaPair.findUnique({ where: { id: args.pairId } });
  if (!pair || pair.voter !== args.voter || (pair.shareId ?? null) !== (args.shareId ?? null)) return null;
  const sameImages = await client.arenaVote.findFirst({ where: { voter: args.voter, runId: pair.runId, pairKey: pair.pairKey } });
  if (sameImages) return revealOf(sameImages);
  const gens = await client.generation.findMany({ where: { id: { in: [pair.leftId, pair.rightId] } }, select: { id: true, provider: true, model: true } });
  const left = gens.find((g) => g.id === pair.leftId);
  const right = gens.find((g) => g.id === pair.rightId);
  if (!left || !right) return null;
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
    // Two copies of the same request raced: the other one stored it.
    const stored = await client.arenaVote.findFirst({ where: { OR: [{ idempotencyKey: args.idempotencyKey }, { pairId: args.pairId }] } });
    return stored && stored.voter === args.voter ? revealOf(stored) : null;
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
