import "server-only";

/**
 * Computed scorecards kept in memory, each under the stamp of the generations it was computed from (see the `stamp`
 * query in score-query.ts: how many finished generations the filters cover, in either source, and the latest
 * update among them). Served again only while the stamp is unchanged:
 *
 * - a generation that finishes inside the range adds one (and is the latest update): the next view recomputes;
 * - one that leaves the range (the period moving on, a deletion) takes one away;
 * - one changed in place (a retry, a new cost) gets a newer `updatedAt`, which Prisma sets on every write.
 *
 * Two writers whose clocks disagree, or whose commits land out of order, could in theory change a row to an older
 * `updatedAt` than the latest; entries also expire after `ttlMs`, which bounds that case. Each process checks the
 * database itself, so several servers or a separate worker never see each other's stale entries.
 */
export class ScoreCache<T> {
  private readonly entries = new Map<string, { stamp: string; at: number; value: T }>();

  constructor(
    private readonly ttlMs: number,
    private readonly max: number,
  ) {}

  get(key: string, stamp: string, now = Date.now()): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.stamp === stamp && now - entry.at < this.ttlMs) return entry.value;
    this.entries.delete(key);
    return undefined;
  }

  set(key: string, stamp: string, value: T, now = Date.now()) {
    this.entries.delete(key);
    // Oldest first (insertion order): a few filter sets are in use at a time, so dropping the oldest is enough.
    while (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { stamp, at: now, value });
  }
}

/** A stamp row as text; Postgres answers counts as bigint and times as Date, SQLite as numbers and text. */
export function stampText(rows: Record<string, unknown>[]): string {
  return JSON.stringify(rows.map((r) => Object.values(r).map((v) => (v instanceof Date ? v.toISOString() : v === null ? null : String(v)))));
}
