/**
 * The SQLite connection under Prisma's adapter answers as @libsql/client did (values, errors), while it keeps its
 * prepared statements: a statement that failed must not be stepped again, nor keep the next COMMIT from going through.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { LibsqlError } from "@libsql/client";
import { afterEach, describe, expect, it } from "vitest";
import { openConnection, type SqliteConnection } from "./sqlite-driver";
import { isBusyError } from "./sqlite";

const open: SqliteConnection[] = [];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sd3-driver-"));
function connect(name: string) {
  const conn = openConnection(`file:${path.join(dir, name)}`);
  open.push(conn);
  return conn;
}
afterEach(() => {
  for (const c of open.splice(0)) c.close();
});

describe("sqlite connection", () => {
  it("reads back what it wrote, typed as @libsql/client typed it", async () => {
    const db = connect("values.db");
    await db.executeMultiple("CREATE TABLE t (b INTEGER, d INTEGER, n INTEGER, s TEXT, x BLOB, f REAL)");
    const at = new Date("2026-11-30T12:00:00Z");
    await db.execute({ sql: "INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)", args: [true, at, 2n ** 40n, "ü", new Uint8Array([1, 2, 3]), 1.5] });
    const rs = await db.execute("SELECT b, d, n, s, x, f FROM t");
    expect(rs.columns).toEqual(["b", "d", "n", "s", "x", "f"]);
    expect(rs.columnTypes).toEqual(["INTEGER", "INTEGER", "INTEGER", "TEXT", "BLOB", "REAL"]);
    const [b, d, n, s, x, f] = rs.rows[0] as unknown as unknown[];
    expect([b, d, n, s, f]).toEqual([1, at.valueOf(), 2 ** 40, "ü", 1.5]);
    expect([...new Uint8Array(x as ArrayBuffer)]).toEqual([1, 2, 3]);
    const ins = await db.execute({ sql: "INSERT INTO t (s) VALUES (?)", args: ["again"] });
    expect(ins.rowsAffected).toBe(1);
    expect(ins.lastInsertRowid).toBe(2n);
  });

  it("refuses an integer a number cannot hold exactly rather than rounding it", async () => {
    const db = connect("big.db");
    await expect(db.execute("SELECT 9007199254740993 AS n")).rejects.toThrow(RangeError);
  });

  it("maps constraint and busy failures to @libsql/client's errors, and a failed statement does not block the next commit", async () => {
    const db = connect("errors.db");
    await db.execute("PRAGMA busy_timeout = 0");
    await db.executeMultiple("CREATE TABLE u (id TEXT PRIMARY KEY)");
    const insert = { sql: "INSERT INTO u (id) VALUES (?)", args: ["a"] };
    await db.execute(insert);
    const dup = await db.execute(insert).catch((e: unknown) => e);
    expect(dup).toBeInstanceOf(LibsqlError);
    expect(dup).toMatchObject({ code: "SQLITE_CONSTRAINT", rawCode: 1555 });
    // The same statement runs again, inside a transaction that commits.
    await db.execute("BEGIN IMMEDIATE");
    await db.execute({ sql: insert.sql, args: ["b"] });
    await db.execute("COMMIT");
    expect((await db.execute("SELECT count(*) AS n FROM u")).rows[0]).toEqual([2]);

    const other = connect("errors.db");
    await other.execute("PRAGMA busy_timeout = 0");
    await other.execute("BEGIN IMMEDIATE");
    const busy = await db.execute({ sql: insert.sql, args: ["c"] }).catch((e: unknown) => e);
    expect(isBusyError(busy)).toBe(true);
    expect(busy).toMatchObject({ code: "SQLITE_BUSY" });
    await other.execute("ROLLBACK");
  });
});
