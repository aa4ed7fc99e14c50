import { describe, expect, it } from "vitest";
import { MIN_VOTES, rankTargets, type VoteCount } from "./ranking";

const A = { provider: "aimlapi", model: "stable-diffusion-v35-large" };
const S = { provider: "segmind", model: "stable-diffusion-3.5-large-txt2img" };
const M = { provider: "aimlapi", model: "stable-diffusion-v3-medium" };
const vote = (l: typeof A, r: typeof A, outcome: VoteCount["outcome"], n: number): VoteCount => ({
  leftProvider: l.provider, leftModel: l.model, rightProvider: r.provider, rightModel: r.model, outcome, n,
});

describe("rankTargets", () => {
  it("says there are not enough votes instead of ranking noise", () => {
    const r = rankTargets([vote(A, S, "left", MIN_VOTES - 1)]);
    expect(r.ranked).toEqual([]);
    expect(r.totalVotes).toBe(MIN_VOTES - 1);
    expect(r.waiting.map((w) => w.votes)).toEqual([MIN_VOTES - 1, MIN_VOTES - 1]);
  });

  it("ranks with intervals and vote counts, both-bad and both-good counting half", () => {
    const r = rankTargets([vote(A, S, "left", 30), vote(S, A, "left", 10), vote(A, S, "tie", 5), vote(A, S, "bad", 5)]);
    expect(r.ranked.map((t) => t.provider)).toEqual(["aimlapi", "segmind"]);
    const [a, s] = r.ranked;
    expect(a).toMatchObject({ votes: 50, wins: 30, ties: 10 });
    expect(s).toMatchObject({ votes: 50, wins: 10, ties: 10 });
    expect(a!.low).toBeLessThanOrEqual(a!.rating);
    expect(a!.high).toBeGreaterThanOrEqual(a!.rating);
    expect(a!.rating).toBeGreaterThan(s!.rating);
  });

  it("places a target only on votes against other placed targets, so its interval is not a false certainty", () => {
    const F = { provider: "fal", model: "fal-ai/stable-diffusion-v35-large" };
    const D = { provider: "deepinfra", model: "stabilityai/sd3.5" };
    const E = { provider: "eachlabs", model: "stable-diffusion-3.5-large" };
    // Stability-like F won all 5 of its votes, but against D (3) and E (2), which have too few votes to be placed.
    const r = rankTargets([vote(A, S, "left", 3), vote(S, A, "left", 2), vote(F, D, "left", 3), vote(F, E, "left", 2)]);
    expect(r.ranked.map((t) => t.provider).sort()).toEqual(["aimlapi", "segmind"]);
    expect(r.waiting.map((w) => w.votes).sort()).toEqual([2, 3, 5]);
    expect(r.totalVotes).toBe(10);
  });

  it("ranks within one model family when asked (both sides of a vote in it)", () => {
    const votes = [vote(A, S, "left", 10), vote(A, M, "right", 10)];
    expect(rankTargets(votes, "sd3.5-large").totalVotes).toBe(10);
    expect(rankTargets(votes).totalVotes).toBe(20);
  });

  it("ranks only targets compared, directly or through others, with one another: two separate comparisons share no scale", () => {
    const E = { provider: "eachlabs", model: "stable-diffusion-3.5-large" };
    const R = { provider: "replicate", model: "stable-diffusion-3.5-large" };
    const r = rankTargets([vote(A, S, "left", 20), vote(S, A, "left", 5), vote(E, R, "left", 13), vote(R, E, "left", 12)]);
    expect(r.ranked.map((t) => t.provider).sort()).toEqual(["aimlapi", "segmind"]);
    expect(r.waiting.map((w) => w.votes)).toEqual([25, 25]);
    // Joined by one more group of votes, all four share a scale.
    expect(rankTargets([vote(A, S, "left", 20), vote(S, A, "left", 5), vote(E, R, "left", 13), vote(R, E, "left", 12), vote(A, E, "tie", 6)]).ranked).toHaveLength(4);
  });
});
