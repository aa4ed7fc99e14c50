import { describe, expect, it } from "vitest";
import { FailureLimiter, SIGN_IN_LIMITS, tooManyAttemptsMessage } from "./rate-limit";

const MINUTE = 60_000;

function limiter(options: Partial<ConstructorParameters<typeof FailureLimiter>[0]> = {}) {
  let t = 1_000_000;
  const l = new FailureLimiter({ perKey: 5, global: 25, windowMs: 15 * MINUTE, now: () => t, ...options });
  return { l, advance: (ms: number) => (t += ms) };
}

describe("FailureLimiter", () => {
  it("uses 5 failures per 15 minutes per client for sign-in", () => {
    expect(SIGN_IN_LIMITS).toMatchObject({ perKey: 5, windowMs: 15 * MINUTE });
    expect(SIGN_IN_LIMITS.global).toBeGreaterThan(SIGN_IN_LIMITS.perKey);
  });

  it("limits a key on its fifth failure, until the oldest leaves the window", () => {
    const { l, advance } = limiter();
    for (let i = 1; i <= 4; i++) {
      expect(l.recordFailure("ip:a")).toEqual({ limited: false, remaining: 5 - i });
      advance(MINUTE);
    }
    const fifth = l.recordFailure("ip:a");
    // The first failure was 4 minutes ago, so it leaves the window in 11 minutes.
    expect(fifth).toEqual({ limited: true, retryAfterMs: 11 * MINUTE });
    expect(l.check("ip:a")).toEqual({ limited: true, retryAfterMs: 11 * MINUTE });
    advance(11 * MINUTE - 1);
    expect(l.check("ip:a").limited).toBe(true);
    advance(1);
    expect(l.check("ip:a")).toEqual({ limited: false, remaining: 1 });
  });

  it("keeps clients apart", () => {
    const { l } = limiter();
    for (let i = 0; i < 5; i++) l.recordFailure("ip:a");
    expect(l.check("ip:a").limited).toBe(true);
    expect(l.check("ip:b")).toEqual({ limited: false, remaining: 5 });
  });

  it("caps failures from all clients together", () => {
    const { l, advance } = limiter({ perKey: 5, global: 8 });
    for (let i = 0; i < 8; i++) {
      l.recordFailure(`ip:${i}`);
      advance(1000);
    }
    const fresh = l.check("ip:never-seen");
    expect(fresh.limited).toBe(true);
    if (fresh.limited) expect(fresh.retryAfterMs).toBe(15 * MINUTE - 8000);
    advance(15 * MINUTE - 8000);
    expect(l.check("ip:never-seen").limited).toBe(false);
  });

  it("forgets a key's failures after it succeeds, but not the global count", () => {
    const { l } = limiter({ perKey: 3, global: 5 });
    l.recordFailure("ip:a");
    l.recordFailure("ip:a");
    l.reset("ip:a");
    expect(l.check("ip:a")).toEqual({ limited: false, remaining: 3 });
    l.recordFailure("ip:b");
    l.recordFailure("ip:b");
    expect(l.check("ip:c")).toEqual({ limited: false, remaining: 1 });
  });

  it("a trusted key (a browser that signed in before) has only its own limit, outside the total", () => {
    const { l } = limiter({ perKey: 2, global: 3 });
    for (const k of ["ip:a", "ip:b", "ip:c"]) l.recordFailure(k);
    expect(l.check("ip:d").limited).toBe(true);
    expect(l.check("device:owner", false)).toEqual({ limited: false, remaining: 2 });
    l.recordFailure("device:owner", false);
    expect(l.check("ip:z").limited).toBe(true);
    expect(l.recordFailure("device:owner", false).limited).toBe(true);
  });

  it("checking does not count", () => {
    const { l } = limiter();
    for (let i = 0; i < 20; i++) l.check("ip:a");
    expect(l.check("ip:a")).toEqual({ limited: false, remaining: 5 });
  });

  it("remembers at most maxKeys clients", () => {
    const { l } = limiter({ perKey: 2, global: 1000, maxKeys: 3 });
    l.recordFailure("ip:old");
    l.recordFailure("ip:old");
    for (const k of ["ip:1", "ip:2", "ip:3"]) l.recordFailure(k);
    expect(l.check("ip:old").limited).toBe(false);
    expect(l.check("ip:3")).toEqual({ limited: false, remaining: 1 });
  });
});

describe("tooManyAttemptsMessage", () => {
  it("rounds up to whole minutes", () => {
    expect(tooManyAttemptsMessage(15 * MINUTE)).toBe("Too many attempts; try again in 15 minutes.");
    expect(tooManyAttemptsMessage(14 * MINUTE + 1)).toBe("Too many attempts; try again in 15 minutes.");
    expect(tooManyAttemptsMessage(1)).toBe("Too many attempts; try again in 1 minute.");
  });
});
