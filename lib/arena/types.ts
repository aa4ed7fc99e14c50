/** Client-safe shapes for the blind arena. A pair carries nothing that names a provider until it is voted on. */

export const voteOutcomes = ["left", "right", "tie", "bad"] as const;
export type VoteOutcome = (typeof voteOutcomes)[number];

export interface ArenaPairDTO {
  /** Opaque: random, unrelated to any generation id. */
  pairId: string;
  prompt: string;
  leftUrl: string;
  rightUrl: string;
}

export interface RevealDTO {
  outcome: VoteOutcome;
  left: string;
  right: string;
}

export interface RankedTarget {
  provider: string;
  model: string;
  label: string;
  /** On an Elo-like scale (1000 = average of the targets ranked; +400 = ten times the odds of winning). */
  rating: number;
  low: number;
  high: number;
  votes: number;
  wins: number;
  ties: number;
}

export interface RankingDTO {
  totalVotes: number;
  /** Targets with enough votes to be placed, best first; empty until at least two have enough. */
  ranked: RankedTarget[];
  /** Targets still short of votes, with how many they have. */
  waiting: { label: string; votes: number }[];
  minVotes: number;
}
