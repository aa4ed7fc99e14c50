import "server-only";
import { env } from "@/lib/env";
import { db, engine } from "./client";
import { isBusyError, writeProblem } from "./sqlite";

/**
 * Why the database cannot take a write right now, or null: on SQLite a write lock is taken and released; on
 * Postgres one round trip. Answers within `budgetMs` either way, so a health check never hangs on a dead server.
 */
export async function databaseProblem(budgetMs = 1500): Promise<string | null> {
  if (engine() === "sqlite") return writeProblem(env().databaseUrl, budgetMs);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`no answer within ${budgetMs} ms`), budgetMs);
  });
  const check = (async () => {
    try {
      await (await db()).$executeRawUnsafe("SELECT 1");
      return null;
    } catch (error) {
      return connectionCause(error);
    }
  })();
  try {
    return await Promise.race([check, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Postgres error codes a misconfiguration produces, in words. */
const pgCodes: Record<string, string> = {
  "3D000": "the database does not exist",
  "28P01": "password authentication failed",
  "28000": "the server rejected this user",
  "42501": "permission denied",
  "57P03": "the server is starting up or shutting down",
};

/** A short cause for one line: a network or server code, never the URL (it holds a password). */
export function connectionCause(error: unknown): string {
  const seen = new Set<unknown>();
  for (let e = error as { code?: unknown; cause?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: string; originalCode?: string } } } } | undefined; e && !seen.has(e); e = e.cause as typeof e) {
    seen.add(e);
    const adapter = e.meta?.driverAdapterError?.cause;
    if (adapter?.originalCode) return pgCodes[adapter.originalCode] ?? adapter.originalCode;
    if (adapter?.kind) return adapter.kind;
    if (typeof e.code === "string" && /^[A-Z0-9_]+$/.test(e.code)) return pgCodes[e.code] ?? e.code;
  }
  const message = error instanceof Error ? error.message : "";
  if (/password authentication failed/i.test(message)) return "password authentication failed";
  if (/database ".*" does not exist/i.test(message)) return "database does not exist";
  return "cannot connect";
}

/** A database that is busy (SQLite) or briefly unreachable (Postgres restarting, failing over, a dropped connection). */
export function isUnavailableError(error: unknown): boolean {
  if (isBusyError(error)) return true;
  const seen = new Set<unknown>();
  for (let e = error as { code?: unknown; message?: unknown; cause?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: string; originalCode?: string; originalMessage?: string } } } } | undefined; e && typeof e === "object" && !seen.has(e); e = e.cause as typeof e) {
    seen.add(e);
    const adapter = e.meta?.driverAdapterError?.cause;
    const code = String(adapter?.originalCode ?? e.code ?? "");
    if (/^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|57P0[123]|08\d\d\d)$/.test(code)) return true;
    if (adapter?.kind === "DatabaseNotReachable" || adapter?.kind === "ConnectionClosed") return true;
    // SQLite through Prisma: a write that met another writer's lock past DB_BUSY_TIMEOUT_MS is P1008 "SocketTimeout",
    // with the driver's SQLITE_BUSY (5) or SQLITE_LOCKED (6) only in the adapter's cause.
    if (/^SQLITE_(BUSY|LOCKED)/.test(String(adapter?.originalMessage ?? ""))) return true;
    if (typeof e.message === "string" && /Connection terminated|connection timeout|Can't reach database/i.test(e.message)) return true;
  }
  return false;
}

/**
 * Runs a write, waiting out a busy or briefly unreachable database for up to `budgetMs`: a result the provider
 * already delivered (and billed) must not be marked failed because the database blinked.
 */
export async function retryUnavailable<T>(fn: () => Promise<T>, budgetMs: number): Promise<T> {
  const end = Date.now() + budgetMs;
  let delay = 50;
  for (;;) {
    try {
      return await fn();
    } catch (error) {
      if (!isUnavailableError(error) || Date.now() + delay > end) throw error;
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 2000);
    }
  }
}
