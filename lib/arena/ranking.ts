import { getModel } from "@/lib/providers";
import { targetLabel } from "@/lib/providers/labels";
import { bootstrapBradleyTerry, type Match } from "./bradley-terry";
import type { RankingDTO, VoteOutcome } from "./types";

/** Votes a target needs before it is placed: below this an interval spans most of the scale, which is noise. */
export const MIN_VOTES = 5;
/** Elo's scale: 400 points = ten times the odds. */
const ELO = 400 / Math.LN10;

export interface VoteCount {
  leftProvider: string;
  leftModel: string;
  rightProvider: string;
  rightModel: string;
  outcome: VoteOutcome;
  n: number;
}

const score: Record<VoteOutcome, number> = { left: 1, right: 0, tie: 0.5, bad: 0.5 };

/**
 * Bradley-Terry over the votes (both kinds of tie count half a win each), restricted to one model family when given
 * (both sides must be of it), with 95% bootstrap intervals from `resamples` resamples. A target is placed once it
 * has MIN_VOTES votes against other placed targets (asked again until no more drop out): the fit only uses those
 * votes, so a target whose votes were all against unplaced ones would otherwise sit at the average with a narrow
 * interval. A placed target's counts are those votes; a waiting one's are all of its votes.
 */
export function rankTargets(votes: readonly VoteCount[], family?: string, resamples = 200): RankingDTO {
  const inFamily = (provider: string, model: string) => !family || getModel(provider, model)?.family === family;
  const keys = new Map<string, { provider: string; model: string }>();
  const idOf = (provider: string, model: string) => {
    const key = `${provider}\u0000${model}`;
    if (!keys.has(key)) keys.set(key, { provider, model });
    return [...keys.keys()].indexOf(key);
  };
  const matches: Match[] = [];
  for (const v of votes) {
    if (!inFamily(v.leftProvider, v.leftModel) || !inFamily(v.rightProvider, v.rightModel)) continue;
    const [a, b] = [idOf(v.leftProvider, v.leftModel), idOf(v.rightProvider, v.rightModel)];
    for (let k = 0; k < v.n; k++) matches.push({ a, b, score: score[v.outcome] });
  }
  const targets = [...keys.values()];
  const all = countsOf(targets.length, matches);
  let placed = new Set(targets.keys());
  for (;;) {
    const counts = countsOf(targets.length, matches.filter((m) => placed.has(m.a) && placed.has(m.b)));
    const next = new Set([...placed].filter((i) => counts[i]!.votes >= MIN_VOTES));
    if (next.size === placed.size) break;
    placed = next;
  }
  placed = largestConnected(placed, matches);
  const waitingOf = (i: number) => ({ label: targetLabel(targets[i]!), votes: all[i]!.votes });
  if (placed.size < 2) return { totalVotes: matches.length, ranked: [], waiting: targets.map((_, i) => waitingOf(i)), minVotes: MIN_VOTES };
  const order = [...placed];
  const index = new Map(order.map((i, k) => [i, k]));
  const among = matches.filter((m) => index.has(m.a) && index.has(m.b)).map((m) => ({ a: index.get(m.a)!, b: index.get(m.b)!, score: m.score }));
  const used = countsOf(order.length, among);
  const fit = bootstrapBradleyTerry(order.length, among, resamples);
  const ranked = order
    .map((i, k) => ({
      ...targets[i]!,
      label: targetLabel(targets[i]!),
      rating: Math.round(1000 + ELO * fit[k]!.strength),
      low: Math.round(1000 + ELO * fit[k]!.low),
      high: Math.round(1000 + ELO * fit[k]!.high),
      ...used[k]!,
    }))
    .sort((x, y) => y.rating - x.rating);
  const waiting = targets.flatMap((_, i) => (placed.has(i) ? [] : [waitingOf(i)]));
  return { totalVotes: matches.length, ranked, waiting, minVotes: MIN_VOTES };
}

/**
 * The placed targets joined, vote by vote, to the group with the most votes among them. Ratings of groups never
 * compared with each other (one comparison of A and S, another of E and R) share no scale: put on one, they would rank
 * S below E with an interval that looks certain. The others wait, with fewer than MIN_VOTES against ranked targets.
 */
function largestConnected(placed: Set<number>, matches: readonly Match[]): Set<number> {
  const group = new Map([...placed].map((i) => [i, i]));
  const root = (i: number): number => (group.get(i) === i ? i : root(group.get(i)!));
  const among = matches.filter((m) => placed.has(m.a) && placed.has(m.b));
  for (const m of among) group.set(root(m.a), root(m.b));
  const votes = new Map<number, number>();
  for (const m of among) votes.set(root(m.a), (votes.get(root(m.a)) ?? 0) + 1);
  const best = [...votes.entries()].sort((x, y) => y[1] - x[1])[0]?.[0];
  return new Set([...placed].filter((i) => root(i) === best));
}

/** Votes, wins and ties (of either kind) per target over these matches. */
function countsOf(n: number, matches: readonly Match[]) {
  const counts = Array.from({ length: n }, () => ({ votes: 0, wins: 0, ties: 0 }));
  for (const m of matches) {
    for (const [i, won] of [[m.a, m.score === 1], [m.b, m.score === 0]] as const) {
      counts[i]!.votes++;
      if (won) counts[i]!.wins++;
      if (m.score === 0.5) counts[i]!.ties++;
    }
  }
  return counts;
}
