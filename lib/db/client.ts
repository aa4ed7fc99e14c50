import "server-only";
import fs from "node:fs";
import path from "node:path";
import { PrismaClient } from "./generated/client";
import { env } from "@/lib/env";
import { applyMigrations } from "./migrate";
import { sqliteAdapter } from "./sqlite";

type Db = PrismaClient;

// One client per process, kept on globalThis so hot reload and Next's separate bundles share it.
const store = globalThis as unknown as { __playgroundDb?: Promise<Db> };

async function open(): Promise<Db> {
  const { databaseUrl, dataDir, imagesDir } = env();
  fs.mkdirSync(dataDir, { recursive: true });
  fs.mkdirSync(imagesDir, { recursive: true });
  if (databaseUrl.startsWith("file:")) fs.mkdirSync(path.dirname(databaseUrl.slice(5)), { recursive: true });
  await applyMigrations(databaseUrl);
  const busyTimeoutMs = env().DB_BUSY_TIMEOUT_MS;
  return new PrismaClient({
    adapter: sqliteAdapter({ url: databaseUrl, busyTimeoutMs }),
    // A kept provider answer can hold image bytes: read only where asked for (lib/db/queue getRecovery).
    omit: { generation: { recovery: true } },
    // Our adapter decides how long to wait for a busy database; Prisma's own limits sit above that budget.
    transactionOptions: { maxWait: busyTimeoutMs + 5_000, timeout: busyTimeoutMs + 10_000 },
  });
}

/** The database, created and migrated on first use. */
export function db(): Promise<Db> {
  store.__playgroundDb ??= open().catch((error: unknown) => {
    store.__playgroundDb = undefined;
    throw error;
  });
  return store.__playgroundDb;
}
