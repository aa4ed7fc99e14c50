/**
 * A shared arena link is public: its per-link limit must hold however hard the link is hammered, without the refused
 * requests themselves piling up in the limiter (each request walks every entry it holds).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => ({
  cookies: async () => ({ get: () => ({ value: "7d3c6f1e-7d1f-4a43-9f0e-1b2c3d4e5f60" }), set: () => {} }),
  headers: async () => new Headers(),
}));
vi.mock("@/lib/db/arena", () => ({ dealPair: async () => null, castVote: async () => null, pairImage: async () => null }));

const { nextPairResponse } = await import("./handlers");

const MINUTE = 60_000;
const ctx = { shareId: "share-hammered", runId: null };
const deal = () =>
  nextPairResponse(new Request("http://localhost/s/x/arena/next", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }), ctx, "/s/x/arena/pairs");

describe("shared arena link limit", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-12-01T12:00:00Z"));
    delete (globalThis as { __arenaLimiter?: unknown }).__arenaLimiter;
  });
  afterEach(() => vi.useRealTimers());

  it("does not count refused requests: the link opens 10 minutes after the 600 that filled it, and the limiter stays small", async () => {
    for (let i = 0; i < 600; i++) expect((await deal()).status).toBe(204);
    vi.advanceTimersByTime(MINUTE);
    for (let i = 0; i < 3000; i++) expect((await deal()).status).toBe(429);
    const limiter = (globalThis as { __arenaLimiter?: { byKey: Map<string, number[]>; all: number[] } }).__arenaLimiter!;
    expect(limiter.byKey.get(ctx.shareId)!.length).toBeLessThanOrEqual(600);
    expect(limiter.all.length).toBeLessThanOrEqual(3000);
    vi.advanceTimersByTime(9 * MINUTE);
    expect((await deal()).status).toBe(204);
  });
});
