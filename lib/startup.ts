import "server-only";
import { z } from "zod";

/**
 * Checks the configuration and both stores before a process starts serving or working. On a problem it prints one
 * line naming the variable and the cause (no stack trace, no secret) and ends the process: a misconfigured
 * instance should fail its deploy, not answer errors later.
 */
export async function checkStartup(role: "web" | "worker"): Promise<void> {
  const problem = await startupProblem(role);
  if (!problem) return;
  console.error(`[startup] ${role} not started: ${problem}`);
  process.exit(1);
}

/** `connectMs`: how long the database may take to answer at all (a migration another instance runs is waited out). */
export async function startupProblem(role: "web" | "worker" = "web", connectMs = 20_000): Promise<string | null> {
  let config: ReturnType<typeof import("./env").env>;
  try {
    config = (await import("./env")).env();
  } catch (error) {
    if (error instanceof z.ZodError) {
      const issue = error.issues[0]!;
      return `${String(issue.path[0] ?? "environment")}: ${issue.message}`;
    }
    throw error;
  }
  // Which providers are live is read from this process's keys: a queue-only web instance without them would reserve
  // nothing against the caps and call every provider emulated, while the workers send live.
  if (role === "web" && config.RUNNER === "off" && config.PROVIDER_EMULATOR === "auto" && Object.values(config.providers).every((p) => p.mode !== "live")) {
    return "RUNNER=off: this web instance has no provider key, so it would count live work as emulated (caps included) while the workers send it: give it the workers' keys, or set PROVIDER_EMULATOR=on for an emulator-only deployment";
  }
  const { db } = await import("./db/client");
  const { connectionCause } = await import("./db/health");
  const { engineOf } = await import("./db/engine");
  const postgres = engineOf(config.databaseUrl) === "postgres";
  try {
    // Postgres: reachable within the limit, then migrated with no limit (another instance may be migrating).
    if (postgres) await withTimeout(reachable(config.databaseUrl, connectMs), connectMs);
    await (postgres ? db() : withTimeout(db(), connectMs));
  } catch (error) {
    return `DATABASE_URL: ${postgres ? "Postgres" : "SQLite"}: ${connectionCause(error)}`;
  }
  const { imageBackend } = await import("./storage/images");
  const storageProblem = await imageBackend().problem();
  if (storageProblem) return `${config.storage.kind === "s3" ? "STORAGE_URL" : "DATA_DIR"}: ${storageProblem}`;
  return null;
}

async function reachable(databaseUrl: string, connectMs: number) {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: connectMs });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } finally {
    await client.end().catch(() => {});
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    work,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error("timeout"), { code: "TIMEOUT" })), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
