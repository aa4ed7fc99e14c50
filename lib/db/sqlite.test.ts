/**
 * The SQLite layer under contention, on a real database file: a burst of writers in this process, another
 * connection holding the write lock (what `sqlite3`, a DB browser, a backup or a second server do), a COMMIT that
 * fails, and two workers claiming at the same moment.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createClient } from "@libsql/client";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

type Runs = typeof import("./runs");
type Queue = typeof import("./queue");
type Client = typeof import("./client");

let dataDir: string;
let runs: Runs;
let queue: Queue;
let client: Client;
let dbFile: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sd3-sqlite-"));
  dbFile = path.join(dataDir, "playground.db");
  vi.stubEnv("DATA_DIR", dataDir);
  vi.stubEnv("DATABASE_URL", undefined);
  vi.stubEnv("PROVIDER_EMULATOR", "off");
  vi.stubEnv("DB_BUSY_TIMEOUT_MS", "4000");
  vi.resetModules();
  [runs, queue, client] = await Promise.all([import("./runs"), import("./queue"), import("./client")]);
  await client.db();
});

afterAll(async () => {
  await (await client.db()).$disconnect();
  fs.rmSync(dataDir, { recursive: true, force: true });
  vi.unstubAllEnvs();
});

const target = (prompt: string) => ({ provider: "aimlapi", model: "m", prompt, input: { prompt } });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Another connection to the same file, as another program would open it. */
function outsider() {
  return createClient({ url: `file:${dbFile}` });
}

describe("writes under contention", () => {
  it("a burst of 40 concurrent submits is stored whole", async () => {
    const created = await Promise.all(
      Array.from({ length: 40 }, (_, i) => runs.createRun({ kind: "single", prompt: `burst ${i}`, targets: [target(`burst ${i}`)] })),
    );
    expect(created).toHaveLength(40);
    for (const c of created) expect(await runs.getRun(c.runId)).not.toBeNull();
  });
});

describe("another writer holds the lock", () => {
  it("reads answer at once; a write waits for the lock and then lands; nothing of ours holds the lock afterwards", async () => {
    const other = outsider();
    await other.execute("BEGIN IMMEDIATE");
    await other.execute("CREATE TABLE IF NOT EXISTS outsider (at TEXT)");
    const waiting = runs.createRun({ kind: "single", prompt: "during", targets: [target("during")] });
    await sleep(100);
    // The read answers while the other writer still holds the lock (it is released only further down): a read that
    // waited for the lock would never answer here. Timed by the lock, not the clock, so a loaded machine passes too.
    const read = await Promise.race([runs.listRuns({ limit: 5 }), sleep(15_000).then(() => null)]);
    expect(read, "the read answered while the lock was held").not.toBeNull();
    expect(read!.items.length).toBeGreaterThan(0);
    await sleep(1200);
    await other.execute("COMMIT");
    const { runId } = await waiting;
    expect(await runs.getRun(runId)).not.toBeNull();
    // The lock is free again: another program can take it at once.
    await other.execute("BEGIN IMMEDIATE");
    await other.execute("ROLLBACK");
    other.close();
  });

  it("a write that waited past its budget fails cleanly, and the next one works once the other writer is gone", async () => {
    const other = outsider();
    await other.execute("BEGIN IMMEDIATE");
    const started = Date.now();
    await expect(runs.createRun({ kind: "single", prompt: "too late", targets: [target("too late")] })).rejects.toThrow(
      /locked|busy|transaction/i,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(3500);
    await other.execute("ROLLBACK");
    const { runId } = await runs.createRun({ kind: "single", prompt: "after", targets: [target("after")] });
    expect(await runs.getRun(runId)).not.toBeNull();
    await other.execute("BEGIN IMMEDIATE");
    await other.execute("ROLLBACK");
    other.close();
  }, 20_000);

  it("a COMMIT that fails is rolled back: the lock is released and nothing of the transaction is kept", async () => {
    const prisma = await client.db();
    const runId = "00000000-0000-4000-8000-00000000dead";
    await expect(
      prisma.$transaction(async (tx) => {
        // Checked at COMMIT: a generation whose run does not exist makes the COMMIT itself fail.
        await tx.$executeRawUnsafe("PRAGMA defer_foreign_keys = ON");
        await tx.generation.create({
          data: { id: runId, runId, provider: "aimlapi", model: "m", prompt: "orphan", input: "{}", status: "queued" },
        });
      }),
    ).rejects.toThrow(/FOREIGN KEY/i);
    expect(await prisma.generation.findUnique({ where: { id: runId } })).toBeNull();
    const other = outsider();
    await other.execute("BEGIN IMMEDIATE");
    await other.execute("ROLLBACK");
    other.close();
    const { runId: next } = await runs.createRun({ kind: "single", prompt: "next", targets: [target("next")] });
    expect(await runs.getRun(next)).not.toBeNull();
  });
});

describe("claims", () => {
  it("two workers claiming at the same moment never both get one job", async () => {
    const prisma = await client.db();
    await prisma.generation.updateMany({ where: { status: "queued" }, data: { status: "failed" } });
    for (let round = 0; round < 10; round++) {
      const { generationIds } = await runs.createRun({
        kind: "compare",
        prompt: `race ${round}`,
        targets: [target(`race ${round} a`), target(`race ${round} b`), target(`race ${round} c`)],
      });
      const claims = await Promise.all(["w1", "w2", "w3", "w4", "w5", "w6"].map((w) => queue.claimNext(w, [], 30_000)));
      const ids = claims.filter((c) => c !== null).map((c) => c!.id);
      expect(ids.sort()).toEqual([...generationIds].sort());
      const rows = await prisma.generation.findMany({ where: { id: { in: generationIds } }, select: { claimedBy: true } });
      const holders = claims.filter((c) => c !== null).length;
      expect(holders).toBe(3);
      expect(new Set(rows.map((r) => r.claimedBy)).size).toBe(3);
    }
  });
});
