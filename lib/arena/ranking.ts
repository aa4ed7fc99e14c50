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
 * (both sides must be of it), with 95% bootstrap intervals from `resamples` resamples.
 */
export function rankTargets(votes: readonly VoteCount[], family?: string, resamples = 200): RankingDTO {
  const inFamily = (provider: string, model: string) => !family || getModel(provider, model)?.family === family;
  const ids = new Map<string, { provider: string; model: string; votes: number; wins: number; ties: number }>();
  const idOf = (provider: string, model: string) => {
    const key = `${provider}\u0000${model}`;
    if (!ids.has(key)) ids.set(key, { provider, model, votes: 0, wins: 0, ties: 0 });
    return [...ids.keys()].indexOf(key);
  };
  const matches: Match[] = [];
  let totalVotes = 0;
  for (const v of votes) {
    if (!inFamily(v.leftProvider, v.leftModel) || !inFamily(v.rightProvider, v.rightModel)) continue;
    const a = idOf(v.leftProvider, v.leftModel);
    const b = idOf(v.rightProvider, v.rightModel);
    const targets = [...ids.values()];
    for (const [i, won] of [[a, v.outcome === "left"], [b, v.outcome === "right"]] as const) {
      targets[i]!.votes += v.n;
      if (won) targets[i]!.wins += v.n;
      if (score[v.outcome] === 0.5) targets[i]!.ties += v.n;
    }
    for (let k = 0; k < v.n; k++) matches.push({ a, b, score: score[v.outcome] });
    totalVotes += v.n;
  }
  const targets = [...ids.values()];
  const placed = targets.map((t, i) => ({ t, i })).filter(({ t }) => t.votes >= MIN_VOTES);
  const waiting = targets.filter((t) => t.votes < MIN_VOTES).map((t) => ({ label: targetLabel(t), votes: t.votes }));
  if (placed.length < 2) return { totalVotes, ranked: [], waiting: targets.map((t) => ({ label: targetLabel(t), votes: t.votes })), minVotes: MIN_VOTES };
  // Fit only among placed targets, on the votes between them.
  const index = new Map(placed.map(({ i }, k) => [i, k]));
  const among = matches.filter((m) => index.has(m.a) && index.has(m.b)).map((m) => ({ a: index.get(m.a)!, b: index.get(m.b)!, score: m.score }));
  const fit = bootstrapBradleyTerry(placed.length, among, resamples);
  const ranked = placed
    .map(({ t }, k) => ({
      provider: t.provider,
      model: t.model,
      label: targetLabel(t),
      rating: Math.round(1000 + ELO * fit[k]!.strength),
      low: Math.round(1000 + ELO * fit[k]!.low),
      high: Math.round(1000 + ELO * fit[k]!.high),
      votes: t.votes,
      wins: t.wins,
      ties: t.ties,
    }))
    .sort((x, y) => y.rating - x.rating);
  return { totalVotes, ranked, waiting, minVotes: MIN_VOTES };
}
