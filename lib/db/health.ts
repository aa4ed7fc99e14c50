import "server-only";
import { env } from "../env";
import { db, engine } from "./client";
import { writeProblem } from "./sqlite";

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
