import "server-only";
import Database from "libsql";
import { LibsqlError, type InStatement, type InValue, type ResultSet } from "@libsql/client";

/**
 * One SQLite connection with the part of @libsql/client's interface Prisma's libsql adapter uses (execute,
 * executeMultiple, close), over the same native `libsql` driver, minus two costs that showed in every profile:
 * - statements are prepared once per connection and kept (the client prepares every statement on every call);
 * - rows are handed over as plain arrays (the client builds an object per row with a property per column, which the
 *   adapter then reads back by index).
 * A statement that failed is dropped from the cache, so it is never stepped again; closing the connection finalizes
 * them all.
 */
export interface SqliteConnection {
  execute(stmt: InStatement): Promise<ResultSet>;
  executeMultiple(sql: string): Promise<void>;
  close(): void;
}

type Statement = ReturnType<InstanceType<typeof Database>["prepare"]>;

/** Distinct statements kept per connection; the app has a few hundred shapes at most (IN lists vary in length). */
const CACHE_SIZE = 500;

export function openConnection(url: string): SqliteConnection {
  const db = new Database(url.replace(/^file:(\/\/)?/, ""));
  const cache = new Map<string, { stmt: Statement; reader: boolean; columns: string[]; types: string[] }>();
  const prepared = (sql: string) => {
    let entry = cache.get(sql);
    if (!entry) {
      const stmt = db.prepare(sql);
      // Integers come back exact (as bigint) and are range-checked into numbers, as the client does.
      stmt.safeIntegers(true);
      const reader = stmt.reader;
      if (reader) stmt.raw(true);
      const cols = reader ? (stmt.columns() as { name: string; type: string | null }[]) : [];
      entry = { stmt, reader, columns: cols.map((c) => c.name), types: cols.map((c) => c.type ?? "") };
      if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
      cache.set(sql, entry);
    }
    return entry;
  };
  return {
    async execute(stmt) {
      const sql = typeof stmt === "string" ? stmt : stmt.sql;
      const args = typeof stmt === "string" ? [] : ((stmt.args ?? []) as InValue[]).map(toSql);
      try {
        const { stmt: s, reader, columns, types } = prepared(sql);
        if (reader) return resultSet(columns, types, (s.all(args) as unknown[][]).map(fromSqlRow), 0, undefined);
        const info = s.run(args) as { changes: number; lastInsertRowid: number | bigint };
        return resultSet([], [], [], info.changes, BigInt(info.lastInsertRowid));
      } catch (error) {
        cache.delete(sql);
        throw asLibsqlError(error);
      }
    },
    async executeMultiple(sql) {
      try {
        db.exec(sql);
      } catch (error) {
        throw asLibsqlError(error);
      }
    },
    close: () => {
      cache.clear();
      db.close();
    },
  };
}

function resultSet(columns: string[], columnTypes: string[], rows: unknown[][], rowsAffected: number, lastInsertRowid: bigint | undefined): ResultSet {
  return { columns, columnTypes, rows, rowsAffected, lastInsertRowid, toJSON: () => ({ columns, columnTypes, rows, rowsAffected }) } as unknown as ResultSet;
}

/** As @libsql/client sends values: booleans as 0/1, dates as epoch ms. */
function toSql(value: InValue): unknown {
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value instanceof Date) return value.valueOf();
  if (value === undefined) return null;
  return value;
}

/** As @libsql/client answers (intMode "number"): integers as numbers, blobs as ArrayBuffers. */
function fromSqlRow(row: unknown[]): unknown[] {
  for (let i = 0; i < row.length; i++) {
    const v = row[i];
    if (typeof v === "bigint") {
      if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) {
        throw new RangeError("Received integer which cannot be safely represented as a JavaScript number");
      }
      row[i] = Number(v);
    } else if (v instanceof Buffer) {
      row[i] = v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength);
    }
  }
  return row;
}

/** The error @libsql/client would throw: the base code in `code`, the extended one beside, the raw number kept. */
function asLibsqlError(error: unknown): unknown {
  const e = error as { name?: string; message?: string; code?: string; rawCode?: number };
  if (e?.name !== "SqliteError" || typeof e.message !== "string") return error;
  return new LibsqlError(e.message, baseCode(e.rawCode, e.code), e.code, e.rawCode, error as Error);
}

function baseCode(rawCode: number | undefined, extended: string | undefined): string {
  if (rawCode === undefined) return "SQLITE_UNKNOWN";
  return BASE_CODES[rawCode & 0xff] ?? extended ?? "SQLITE_UNKNOWN";
}

const BASE_CODES: Record<number, string> = {
  1: "SQLITE_ERROR", 2: "SQLITE_INTERNAL", 3: "SQLITE_PERM", 4: "SQLITE_ABORT", 5: "SQLITE_BUSY", 6: "SQLITE_LOCKED",
  7: "SQLITE_NOMEM", 8: "SQLITE_READONLY", 9: "SQLITE_INTERRUPT", 10: "SQLITE_IOERR", 11: "SQLITE_CORRUPT",
  12: "SQLITE_NOTFOUND", 13: "SQLITE_FULL", 14: "SQLITE_CANTOPEN", 15: "SQLITE_PROTOCOL", 16: "SQLITE_EMPTY",
  17: "SQLITE_SCHEMA", 18: "SQLITE_TOOBIG", 19: "SQLITE_CONSTRAINT", 20: "SQLITE_MISMATCH", 21: "SQLITE_MISUSE",
  22: "SQLITE_NOLFS", 23: "SQLITE_AUTH", 24: "SQLITE_FORMAT", 25: "SQLITE_RANGE", 26: "SQLITE_NOTADB",
};
