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

describe("probe", () => {
  it("a batch transaction waits longer than 2 s for the write lock", async () => {
    const prisma = await client.db();
    const holder = prisma.$transaction(async (tx) => {
      await tx.run.count();
      await tx.$executeRawUnsafe("UPDATE \"Run\" SET favorite = favorite WHERE 0");
      await sleep(3000);
    }, { timeout: 10_000 });
    await sleep(50);
    const created = await runs.createRun({ kind: "single", prompt: "late", targets: [target("late")] });
    await holder;
    expect(created.runId).toBeTruthy();
  });
});
