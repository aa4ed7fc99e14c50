import "server-only";
import fs from "node:fs";
import path from "node:path";
import { PrismaClient } from "./generated/client";
import { env } from "@/lib/env";
import { applyMigrations } from "./migrate";
import { sqliteAdapter } from "./sqlite";
import { foldForSearch } from "./search-text";
import { engineOf, type Engine } from "./engine";

/**
 * The data layer is typed against the SQLite client; the Postgres client is generated from the same models
 * (prisma/postgres/schema.prisma), so its model API is the same shape at run time. Raw SQL asks `engine()`.
 */
type Db = PrismaClient;

// One client per process, kept on globalThis so hot reload and Next's separate bundles share it.
const store = globalThis as unknown as { __playgroundDb?: Promise<Db> };

const clientOptions = (busyTimeoutMs: number) => ({
  // A kept provider answer can hold image bytes: read only where asked for (lib/db/queue getRecovery).
  omit: { generation: { recovery: true } },
  // Our adapters decide how long to wait for a busy database; Prisma's own limits sit above that budget.
  transactionOptions: { maxWait: busyTimeoutMs + 5_000, timeout: busyTimeoutMs + 10_000 },
});

async function openSqlite(databaseUrl: string): Promise<Db> {
  if (databaseUrl.startsWith("file:")) fs.mkdirSync(path.dirname(databaseUrl.slice(5)), { recursive: true });
  await applyMigrations(databaseUrl);
  const busyTimeoutMs = env().DB_BUSY_TIMEOUT_MS;
  return new PrismaClient({ adapter: sqliteAdapter({ url: databaseUrl, busyTimeoutMs }), ...clientOptions(busyTimeoutMs) });
}

async function openPostgres(databaseUrl: string): Promise<Db> {
  const [{ PrismaClient: PgClient }, { PrismaPg }, { applyPgMigrations }] = await Promise.all([
    import("./generated-pg/client"),
    import("@prisma/adapter-pg"),
    import("./migrate-pg"),
  ]);
  await applyPgMigrations(databaseUrl);
  const { DB_BUSY_TIMEOUT_MS, DB_POOL_SIZE } = env();
  const adapter = new PrismaPg({
    connectionString: databaseUrl,
    max: DB_POOL_SIZE,
    connectionTimeoutMillis: 10_000,
    // An idle connection the server dropped must not take the process down with it.
    idleTimeoutMillis: 30_000,
  });
  return new PgClient({ adapter, ...clientOptions(DB_BUSY_TIMEOUT_MS) }) as unknown as Db;
}

/** Which engine `DATABASE_URL` names (SQLite when unset). */
export function engine(): Engine {
  return engineOf(env().databaseUrl);
}

async function open(): Promise<Db> {
  const { databaseUrl, dataDir, imagesDir } = env();
  fs.mkdirSync(dataDir, { recursive: true });
  if (env().storage.kind === "folder") fs.mkdirSync(imagesDir, { recursive: true });
  const client = engine() === "postgres" ? await openPostgres(databaseUrl) : await openSqlite(databaseUrl);
  await backfillSearchText(client);
  return client;
}

/** Runs stored before `searchText` existed get it once (JS folds all of Unicode; SQL lower() may not). */
async function backfillSearchText(client: Db) {
  for (;;) {
    const rows = await client.run.findMany({ where: { searchText: null }, select: { id: true, prompt: true }, take: 500 });
    if (rows.length === 0) return;
    // One transaction per 500: a migration that asks for many to be folded again does not hold up startup a commit each.
    await client.$transaction(rows.map((row) => client.run.updateMany({ where: { id: row.id, searchText: null }, data: { searchText: foldForSearch(row.prompt) } })));
  }
}

/** The database, created and migrated on first use. */
export function db(): Promise<Db> {
  store.__playgroundDb ??= open().catch((error: unknown) => {
    store.__playgroundDb = undefined;
    throw error;
  });
  return store.__playgroundDb;
}
