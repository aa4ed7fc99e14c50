import "server-only";
import fs from "node:fs";
import path from "node:path";
import { PrismaLibSql } from "@prisma/adapter-libsql";
import { PrismaClient } from "./generated/client";
import { env } from "@/lib/env";
import { applyMigrations } from "./migrate";

type Db = PrismaClient;

// One client per process, kept on globalThis so hot reload and Next's separate bundles share it.
const store = globalThis as unknown as { __playgroundDb?: Promise<Db> };

async function open(): Promise<Db> {
  const { databaseUrl, dataDir, imagesDir } = env();
  fs.mkdirSync(dataDir, { recursive: true });
  fs.mkdirSync(imagesDir, { recursive: true });
  if (databaseUrl.startsWith("file:")) fs.mkdirSync(path.dirname(databaseUrl.slice(5)), { recursive: true });
  await applyMigrations(databaseUrl);
  const client = new PrismaClient({ adapter: new PrismaLibSql({ url: databaseUrl }) });
  // WAL lets the gallery read while the runner writes; busy_timeout makes a second process wait rather than fail.
  await client.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await client.$queryRawUnsafe("PRAGMA busy_timeout = 5000");
  await client.$queryRawUnsafe("PRAGMA foreign_keys = ON");
  return client;
}

/** The database, created and migrated on first use. */
export function db(): Promise<Db> {
  store.__playgroundDb ??= open().catch((error: unknown) => {
    store.__playgroundDb = undefined;
    throw error;
  });
  return store.__playgroundDb;
}
