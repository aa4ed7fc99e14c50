import "server-only";
import { z } from "zod";

/**
 * Checks the configuration and both stores before a process starts serving or working. On a problem it prints one
 * line naming the variable and the cause (no stack trace, no secret) and ends the process: a misconfigured
 * instance should fail its deploy, not answer errors later.
 */
export async function checkStartup(role: "web" | "worker"): Promise<void> {
  const problem = await startupProblem();
  if (!problem) return;
  console.error(`[startup] ${role} not started: ${problem}`);
  process.exit(1);
}

export async function startupProblem(): Promise<string | null> {
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
  const { db } = await import("./db/client");
  const { connectionCause } = await import("./db/health");
  try {
    await withTimeout(db(), 20_000);
  } catch (error) {
    const { engineOf } = await import("./db/engine");
    return `DATABASE_URL: ${engineOf(config.databaseUrl) === "postgres" ? "Postgres" : "SQLite"}: ${connectionCause(error)}`;
  }
  const { imageBackend } = await import("./storage/images");
  const storageProblem = await imageBackend().problem();
  if (storageProblem) return `${config.storage.kind === "s3" ? "STORAGE_URL" : "DATA_DIR"}: ${storageProblem}`;
  return null;
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
