/**
 * A shared arena link is public: its per-link limit must hold however hard the link is hammered, without the refused
 * requests themselves piling up in the limiter (each request walks every entry it holds). And one side's image tells a
 * store that failed (try again) from an image that is gone.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => ({
  cookies: async () => ({ get: () => ({ value: "7d3c6f1e-7d1f-4a43-9f0e-1b2c3d4e5f60" }), set: () => {} }),
  headers: async () => new Headers(),
}));
const store = vi.hoisted(() => ({
  pairImage: null as { file: string } | null,
  read: (async () => new Uint8Array()) as (file: string) => Promise<Uint8Array>,
}));
vi.mock("@/lib/db/arena", () => ({ dealPair: async () => null, castVote: async () => null, pairImage: async () => store.pairImage }));
vi.mock("@/lib/storage/images", () => ({ readImage: (file: string) => store.read(file) }));

const { nextPairResponse, pairImageResponse } = await import("./handlers");
const { MissingImageError } = await import("@/lib/storage/backend");

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

describe("one side of a pair when its image cannot be read", () => {
  const PAIR = "a".repeat(32);
  beforeEach(() => {
    store.pairImage = { file: "ab/abc.png" };
  });
  afterEach(() => vi.restoreAllMocks());

  it("asks to try again (503) when the store failed: it still holds the image", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    store.read = async () => Promise.reject(Object.assign(new Error("connect ECONNREFUSED 10.0.0.5:443"), { code: "ECONNREFUSED" }));
    for (const shareId of [null, "share-1"]) {
      const res = await pairImageResponse(PAIR, "left", { shareId, runId: null });
      expect([res.status, res.headers.get("retry-after")]).toEqual([503, "5"]);
    }
    expect(logged).toHaveBeenCalledTimes(2);
  });

  it("answers 404 when the image is gone, through a shared link the same 404 as for anything outside it", async () => {
    store.read = async (file) => Promise.reject(new MissingImageError(file));
    const owner = await pairImageResponse(PAIR, "left", { shareId: null, runId: null });
    expect([owner.status, await owner.text()]).toEqual([404, "Image file missing"]);
    const shared = await pairImageResponse(PAIR, "left", { shareId: "share-1", runId: null });
    const outside = await pairImageResponse("b".repeat(31), "left", { shareId: "share-1", runId: null });
    const answer = async (res: Response) => [res.status, await res.text(), res.headers.get("cache-control")];
    expect(await answer(shared)).toEqual(await answer(outside));
  });
});
