import { describe, expect, it } from "vitest";
import { connectionCause, isUnavailableError, retryUnavailable } from "./health";

/** A Prisma error as the pg adapter reports a refused connection. */
const refused = Object.assign(new Error("DatabaseNotReachable"), {
  code: "P1001",
  meta: { driverAdapterError: { cause: { kind: "DatabaseNotReachable", originalCode: "ECONNREFUSED" } } },
});
const unique = Object.assign(new Error("Unique constraint failed"), { code: "P2002", meta: { driverAdapterError: { cause: { kind: "UniqueConstraintViolation", originalCode: "23505" } } } });

describe("database availability", () => {
  it("tells a blink (busy, refused, restarting) from a real error", () => {
    expect(isUnavailableError(refused)).toBe(true);
    expect(isUnavailableError(new Error("x", { cause: { code: "SQLITE_BUSY" } }))).toBe(true);
    // What Prisma's libsql adapter throws once another writer held the lock past DB_BUSY_TIMEOUT_MS.
    const busy = Object.assign(new Error("Operation has timed out"), {
      code: "P1008",
      meta: { driverAdapterError: { cause: { kind: "SocketTimeout", originalCode: "5", originalMessage: "SQLITE_BUSY: database is locked" } } },
    });
    expect(isUnavailableError(busy)).toBe(true);
    expect(isUnavailableError(Object.assign(new Error("terminating connection"), { code: "57P01" }))).toBe(true);
    expect(isUnavailableError(unique)).toBe(false);
    expect(isUnavailableError(new Error("boom"))).toBe(false);
  });

  it("waits out a blink, but not a real error", async () => {
    let calls = 0;
    expect(await retryUnavailable(async () => (++calls < 3 ? Promise.reject(refused) : "stored"), 5_000)).toBe("stored");
    expect(calls).toBe(3);
    calls = 0;
    await expect(retryUnavailable(async () => (++calls, Promise.reject(unique)), 5_000)).rejects.toBe(unique);
    expect(calls).toBe(1);
  });

  it("says why in words, never with the URL", () => {
    expect(connectionCause(refused)).toBe("ECONNREFUSED");
    expect(connectionCause(Object.assign(new Error('database "x" does not exist'), { code: "3D000" }))).toBe("the database does not exist");
    expect(connectionCause(new Error("postgres://u:pw@h/x is bad"))).toBe("cannot connect");
  });
});
