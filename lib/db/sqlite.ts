import "server-only";
import type { Client, InStatement } from "@libsql/client";
import { PrismaLibSql } from "@prisma/adapter-libsql";
import type { SqlDriverAdapter, SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { openConnection, type SqliteConnection } from "./sqlite-driver";

/**
 * SQLite for Prisma that stays correct when another process writes to the same file (a second `npm start`,
 * `sqlite3` in a terminal, a backup tool):
 *
 * - Reads run on their own connection, so in WAL mode they never wait for a writer.
 * - Writes run on one write connection, one at a time in this process; a transaction takes the write lock up front
 *   (`BEGIN IMMEDIATE`), so the only place it can meet a busy database is its first statement, which is safe to
 *   retry.
 * - "Busy" is waited out asynchronously, with backoff, up to a bounded budget (`busyTimeoutMs`): libsql is
 *   synchronous, so SQLite's own busy_timeout would freeze the whole server while it waits.
 * - A transaction whose COMMIT fails is rolled back, and if even that fails the connection is closed and reopened:
 *   an error never leaves this process holding the write lock.
 *
 * The row and type conversions are Prisma's own libsql adapter's; this module only chooses connections and locks
 * (connections: ./sqlite-driver.ts).
 */
export interface SqliteOptions {
  url: string;
  /** How long a statement waits for another writer before it fails. */
  busyTimeoutMs: number;
}

export function sqliteAdapter(options: SqliteOptions): SqlDriverAdapterFactory {
  return {
    provider: "sqlite",
    adapterName: "@prisma/adapter-libsql",
    async connect(): Promise<SqlDriverAdapter> {
      const writer = new WriteConnection(options);
      const readConn = new Connection(options.url);
      const reads = await adapterOver({
        execute: (stmt: InStatement) => readConn.execute(stmt, options.busyTimeoutMs),
        close: () => readConn.current.close(),
      });
      const writes = await adapterOver(writer.client());
      return {
        provider: "sqlite",
        adapterName: writes.adapterName,
        queryRaw: (query) => (isRead(query.sql) ? reads : writes).queryRaw(query),
        executeRaw: (query) => writes.executeRaw(query),
        executeScript: (script) => writes.executeScript(script),
        startTransaction: (level) => writes.startTransaction(level),
        dispose: async () => {
          await reads.dispose();
          await writes.dispose();
        },
      };
    },
  };
}

/** A plain SELECT can run on the read connection; anything else (INSERT … RETURNING included) is a write. */
function isRead(sql: string) {
  return /^\s*SELECT\b/i.test(sql);
}

/** Prisma's libsql adapter over a client of ours (it only calls execute, executeMultiple, transaction and close). */
function adapterOver(client: Partial<Record<keyof Client, unknown>>): Promise<SqlDriverAdapter> {
  class Over extends PrismaLibSql {
    override createClient(): Client {
      return client as unknown as Client;
    }
  }
  return new Over({ url: "file::memory:" }).connect();
}

/**
 * One libsql connection that can be replaced. A statement that fails busy is not reset by libsql until it is
 * garbage-collected; while it lingers, every later COMMIT on that connection fails with "SQL statements in
 * progress" (the wedge this module exists to prevent). So after a busy failure the connection is dropped (closing
 * it finalizes its statements; a statement that failed busy holds no lock) and the retry runs on a fresh one.
 */
class Connection {
  private conn: SqliteConnection;
  constructor(private readonly url: string) {
    this.conn = open(url);
  }
  get current() {
    return this.conn;
  }
  discard() {
    const old = this.conn;
    this.conn = open(this.url);
    try {
      old.close();
    } catch {
      // already closed
    }
  }
  /** `stmt` in autocommit mode, retried on a fresh connection while the database is busy. */
  execute(stmt: InStatement, budgetMs: number) {
    return retryBusy(() => this.conn.execute(stmt), budgetMs, () => this.discard());
  }
}

function open(url: string): SqliteConnection {
  const client = openConnection(url);
  // Per connection: WAL (readers never block on the writer), and no synchronous busy wait (see retryBusy).
  void client.execute("PRAGMA journal_mode = WAL").catch(() => {});
  void client.execute("PRAGMA busy_timeout = 0").catch(() => {});
  void client.execute("PRAGMA foreign_keys = ON").catch(() => {});
  void client.execute("PRAGMA synchronous = NORMAL").catch(() => {});
  return client;
}

export function isBusyError(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown; cause?: unknown } | null;
  if (!e || typeof e !== "object") return false;
  if (typeof e.code === "string" && /^SQLITE_(BUSY|LOCKED)/.test(e.code)) return true;
  if (typeof e.message === "string" && /SQLITE_BUSY|SQLITE_LOCKED|database is locked/i.test(e.message)) return true;
  return e.cause ? isBusyError(e.cause) : false;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `fn` again while it fails because another connection holds the write lock, for at most `budgetMs`. Only for
 * statements that did nothing when they failed busy: an autocommit statement, a BEGIN, a COMMIT. `onBusy` runs after
 * each busy failure (see Connection.discard).
 */
export async function retryBusy<T>(fn: () => Promise<T>, budgetMs: number, onBusy?: () => void): Promise<T> {
  const end = Date.now() + budgetMs;
  let delay = 2;
  for (;;) {
    try {
      return await fn();
    } catch (error) {
      if (!isBusyError(error)) throw error;
      onBusy?.();
      if (Date.now() + delay > end) throw error;
      await sleep(delay);
      delay = Math.min(delay * 2, 100);
    }
  }
}

/** First come, first served; `acquire` resolves with the function that releases. */
class Mutex {
  private tail: Promise<void> = Promise.resolve();
  acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => (release = resolve));
    const ready = this.tail.then(() => release);
    this.tail = this.tail.then(() => next);
    return ready;
  }
}

class WriteConnection {
  private readonly conn: Connection;
  private readonly lock = new Mutex();

  constructor(private readonly options: SqliteOptions) {
    this.conn = new Connection(options.url);
  }

  client() {
    return {
      execute: (stmt: InStatement) => this.locked(() => this.conn.execute(stmt, this.options.busyTimeoutMs)),
      executeMultiple: (sql: string) => this.locked(() => this.conn.current.executeMultiple(sql)),
      transaction: () => this.begin(),
      close: () => this.conn.current.close(),
    };
  }

  private async locked<T>(fn: () => Promise<T>): Promise<T> {
    const release = await this.lock.acquire();
    try {
      return await fn();
    } finally {
      release();
    }
  }

  /** BEGIN IMMEDIATE under this process's write lock; the lock is held until COMMIT or ROLLBACK. */
  private async begin() {
    const release = await this.lock.acquire();
    try {
      await this.conn.execute("BEGIN IMMEDIATE", this.options.busyTimeoutMs);
    } catch (error) {
      release();
      throw error;
    }
    // Holding the write lock, nothing in the transaction can meet a busy database: it stays on this connection.
    const conn = this.conn.current;
    let open = true;
    const end = async (sql: "COMMIT" | "ROLLBACK") => {
      if (!open) return;
      try {
        await conn.execute(sql);
      } catch (error) {
        await this.abandon(conn);
        throw error;
      } finally {
        open = false;
        release();
      }
    };
    return {
      execute: (stmt: InStatement) => conn.execute(stmt),
      commit: () => end("COMMIT"),
      rollback: () => end("ROLLBACK"),
      close: () => void end("ROLLBACK").catch(() => {}),
      get closed() {
        return !open;
      },
    };
  }

  /** After a failed COMMIT or ROLLBACK: roll back, and start afresh on a new connection (closing drops any lock). */
  private async abandon(conn: SqliteConnection) {
    await conn.execute("ROLLBACK").catch(() => {});
    if (this.conn.current === conn) this.conn.discard();
  }
}

const probes = new Map<string, Connection>();

/**
 * Can this database be written right now? Takes the write lock (BEGIN IMMEDIATE) on a connection of its own and
 * lets it go at once, waiting at most `budgetMs` for another writer. Returns the reason when it cannot.
 */
export async function writeProblem(url: string, budgetMs: number): Promise<string | null> {
  let probe = probes.get(url);
  if (!probe) {
    probe = new Connection(url);
    probes.set(url, probe);
  }
  try {
    await probe.execute("BEGIN IMMEDIATE", budgetMs);
    await probe.current.execute("ROLLBACK");
    return null;
  } catch (error) {
    if (isBusyError(error)) return `locked by another writer for more than ${budgetMs} ms`;
    probe.discard();
    return (error as { code?: string }).code ?? "cannot be written";
  }
}
