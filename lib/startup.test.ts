/**
 * Misconfiguration is caught at startup in one line naming the variable and the cause (never the secret), the
 * health check names the store it cannot reach, and RUNNER=off leaves queued work to the workers.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sd3-startup-"));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
afterEach(() => vi.unstubAllEnvs());

async function withEnv(vars: Record<string, string | undefined>) {
  vi.stubEnv("DATA_DIR", path.join(dataDir, String(Math.random()).slice(2)));
  vi.stubEnv("DATABASE_URL", undefined);
  vi.stubEnv("STORAGE_URL", undefined);
  vi.stubEnv("PROVIDER_EMULATOR", "off");
  for (const [k, v] of Object.entries(vars)) vi.stubEnv(k, v);
  vi.resetModules();
  (globalThis as { __playgroundDb?: unknown }).__playgroundDb = undefined;
  (globalThis as { __playgroundRunner?: unknown }).__playgroundRunner = undefined;
  return import("./startup");
}

describe("startup check", () => {
  it("passes with nothing configured (SQLite and the local folder)", async () => {
    expect(await (await withEnv({})).startupProblem()).toBeNull();
  });

  it("names DATABASE_URL and why, without the password", async () => {
    const bad = await (await withEnv({ DATABASE_URL: "postgres://app:SeCrEt-pw-91@127.0.0.1:1/db" })).startupProblem();
    expect(bad).toBe("DATABASE_URL: Postgres: ECONNREFUSED");
    const wrong = await (await withEnv({ DATABASE_URL: "mysql://app:SeCrEt-pw-91@db/x" })).startupProblem();
    expect(wrong).toBe("DATABASE_URL: must start with file: (SQLite) or postgres:// (Postgres)");
    for (const line of [bad, wrong]) expect(line).not.toContain("SeCrEt");
  });

  it("refuses a queue-only web instance with no provider key, which would count the workers' live work as emulated", async () => {
    expect(await (await withEnv({ RUNNER: "off", PROVIDER_EMULATOR: "auto" })).startupProblem("web")).toMatch(/^RUNNER=off: this web instance has no provider key/);
    expect(await (await withEnv({ RUNNER: "off", PROVIDER_EMULATOR: "on" })).startupProblem("web")).toBeNull();
    expect(await (await withEnv({ RUNNER: "off", PROVIDER_EMULATOR: "auto", SEGMIND_API_KEY: "SG_x" })).startupProblem("web")).toBeNull();
  });

  it.runIf(Boolean(process.env.TEST_DATABASE_URL))("names a database that does not exist", async () => {
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = "/no_such_database_sd3";
    expect(await (await withEnv({ DATABASE_URL: url.toString() })).startupProblem()).toBe("DATABASE_URL: Postgres: the database does not exist");
  });

  it.runIf(Boolean(process.env.TEST_DATABASE_URL))("waits out another instance's migration, however much longer than the connect limit", async () => {
    const { default: pg } = await import("pg");
    // Another instance holds the migration lock (lib/db/migrate-pg.ts) for 3 s; this one may take 1 s to connect.
    const other = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await other.connect();
    await other.query("SELECT pg_advisory_lock($1)", ["7305114842117391"]);
    const release = setTimeout(() => void other.query("SELECT pg_advisory_unlock_all()"), 3_000);
    try {
      const started = Date.now();
      expect(await (await withEnv({ DATABASE_URL: process.env.TEST_DATABASE_URL })).startupProblem("web", 1_000)).toBeNull();
      expect(Date.now() - started).toBeGreaterThanOrEqual(2_900);
    } finally {
      clearTimeout(release);
      await other.end();
    }
  });

  it.runIf(Boolean(process.env.TEST_STORAGE_URL))("names STORAGE_URL and a missing bucket", async () => {
    const startup = await withEnv({ STORAGE_URL: "s3://no-such-bucket-sd3/x", S3_FORCE_PATH_STYLE: "1" });
    expect(await startup.startupProblem()).toBe("STORAGE_URL: the bucket no-such-bucket-sd3 cannot be reached (no such bucket)");
  });

  it.runIf(Boolean(process.env.TEST_STORAGE_URL))("names STORAGE_URL and credentials the store refuses, without the secret", async () => {
    const startup = await withEnv({ STORAGE_URL: process.env.TEST_STORAGE_URL, AWS_ACCESS_KEY_ID: "UNKNOWNKEY", AWS_SECRET_ACCESS_KEY: "SeCrEt-aws-77" });
    const line = await startup.startupProblem();
    expect(line).toMatch(/^STORAGE_URL: the bucket \S+ cannot be reached \(access denied: check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY\)$/);
    expect(line).not.toContain("SeCrEt");
  });
});

describe("health", () => {
  it("answers 503 naming the database it cannot reach", async () => {
    await withEnv({ DATABASE_URL: "postgres://app:SeCrEt-pw-91@127.0.0.1:1/db" });
    const res = await (await import("@/app/api/health/route")).GET();
    expect(res.status).toBe(503);
    const text = JSON.stringify(await res.json());
    expect(text).toMatch(/database: cannot be opened \(ECONNREFUSED\)/);
    expect(text).not.toContain("SeCrEt");
  });

  it.runIf(Boolean(process.env.TEST_STORAGE_URL))("answers 503 naming the bucket it cannot reach", async () => {
    await withEnv({ STORAGE_URL: "s3://no-such-bucket-sd3/x", S3_FORCE_PATH_STYLE: "1" });
    const res = await (await import("@/app/api/health/route")).GET();
    expect(res.status).toBe(503);
    expect(JSON.stringify(await res.json())).toMatch(/image store: bucket unreachable/);
  });
});

describe("roles", () => {
  it("RUNNER=off queues work without running it; a worker process runs it", async () => {
    await withEnv({ RUNNER: "off", JOB_LEASE_MS: "1000" });
    const { createRun } = await import("./db/runs");
    const { getGeneration } = await import("./db/generations");
    const runner = await import("./jobs/runner");
    const { generationIds } = await createRun({ kind: "single", prompt: "p", targets: [{ provider: "segmind", model: "m", prompt: "p", input: { prompt: "p" } }] });
    await runner.wakeRunner();
    await new Promise((r) => setTimeout(r, 1500));
    expect((await getGeneration(generationIds[0]!))?.status).toBe("queued");

    // The same process as a worker (scripts/worker.ts): it claims the job (and fails it: segmind has no key here).
    runner.markWorker();
    await runner.wakeRunner();
    await expect.poll(async () => (await getGeneration(generationIds[0]!))?.status, { timeout: 30_000 }).not.toBe("queued");
    runner.runner().stop();
    (globalThis as { __playgroundWorker?: boolean }).__playgroundWorker = undefined;
  }, 60_000);
});
