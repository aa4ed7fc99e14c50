/**
 * Failed sign-in attempts, counted in memory over a sliding window, per client key and in total. The total cap is
 * what holds when the client key cannot be trusted (every client shares one key without TRUST_PROXY; with it, a
 * client can still vary the first X-Forwarded-For entry). A browser that has signed in before is keyed by its signed
 * device cookie and skips the total (lib/auth/device.ts), so strangers cannot lock the owner out.
 */
export interface LimiterOptions {
  /** Failures one client key may make per window. */
  perKey: number;
  /** Failures all clients together may make per window. */
  global: number;
  windowMs: number;
  /** Keys remembered at most; the stalest are forgotten first (the global cap still counts them). */
  maxKeys?: number;
  now?: () => number;
}

export type LimitState = { limited: false; remaining: number } | { limited: true; retryAfterMs: number };

export const SIGN_IN_LIMITS: LimiterOptions = { perKey: 5, global: 25, windowMs: 15 * 60 * 1000 };

export class FailureLimiter {
  private readonly perKey: number;
  private readonly global: number;
  private readonly windowMs: number;
  private readonly maxKeys: number;
  private readonly now: () => number;
  private readonly byKey = new Map<string, number[]>();
  private all: number[] = [];

  constructor(options: LimiterOptions) {
    this.perKey = options.perKey;
    this.global = options.global;
    this.windowMs = options.windowMs;
    this.maxKeys = options.maxKeys ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /**
   * Whether `key` may try now. Does not count anything. `backstop: false` is for a key the server can trust to be one
   * client (a browser that signed in before): only its own limit applies, not the total everyone else shares.
   */
  check(key: string, backstop = true): LimitState {
    const now = this.now();
    this.prune(now);
    const mine = this.byKey.get(key) ?? [];
    const waits: number[] = [];
    // The n-th most recent failure leaving the window is what frees a slot.
    if (mine.length >= this.perKey) waits.push(mine[mine.length - this.perKey]! + this.windowMs - now);
    if (backstop && this.all.length >= this.global) waits.push(this.all[this.all.length - this.global]! + this.windowMs - now);
    if (waits.length > 0) return { limited: true, retryAfterMs: Math.max(1, ...waits) };
    const left = this.perKey - mine.length;
    return { limited: false, remaining: backstop ? Math.min(left, this.global - this.all.length) : left };
  }

  /** Count a failure for `key` (and in the total, with `backstop`); the answer says whether `key` is now limited. */
  recordFailure(key: string, backstop = true): LimitState {
    const now = this.now();
    this.prune(now);
    const mine = this.byKey.get(key) ?? [];
    mine.push(now);
    // Re-insert so the Map's order is least recently failed first.
    this.byKey.delete(key);
    this.byKey.set(key, mine);
    if (backstop) this.all.push(now);
    while (this.byKey.size > this.maxKeys) {
      const stalest = this.byKey.keys().next().value;
      if (stalest === undefined) break;
      this.byKey.delete(stalest);
    }
    return this.check(key, backstop);
  }

  /** Forget `key`'s failures after it signs in. The global count keeps them until they age out. */
  reset(key: string): void {
    this.byKey.delete(key);
  }

  private prune(now: number) {
    const cutoff = now - this.windowMs;
    if (this.all.length > 0 && this.all[0]! <= cutoff) this.all = this.all.filter((t) => t > cutoff);
    for (const [key, times] of this.byKey) {
      const kept = times.filter((t) => t > cutoff);
      if (kept.length === 0) this.byKey.delete(key);
      else if (kept.length !== times.length) this.byKey.set(key, kept);
    }
  }
}

/** "Too many attempts; try again in N minutes", rounded up to whole minutes. */
export function tooManyAttemptsMessage(retryAfterMs: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterMs / 60_000));
  return `Too many attempts; try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`;
}

const limiterSlot = Symbol.for("sd3-playground.sign-in-limiter");
type LimiterHolder = { [limiterSlot]?: FailureLimiter };

/** The process-wide sign-in limiter (on globalThis, so every bundle that loads this module shares it). */
export function signInLimiter(): FailureLimiter {
  const holder = globalThis as LimiterHolder;
  holder[limiterSlot] ??= new FailureLimiter(SIGN_IN_LIMITS);
  return holder[limiterSlot];
}
