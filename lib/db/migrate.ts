import "server-only";
import fs from "node:fs";
import path from "node:path";
import { createClient } from "@libsql/client";
import { retryBusy } from "./sqlite";

/**
 * Applies the committed SQL migrations (prisma/migrations/<name>/migration.sql) in name order, each once, inside
 * a write transaction, so the app never needs the Prisma CLI or its downloaded engine to install or run.
 */
export function applyMigrations(databaseUrl: string, dir = path.join(/*turbopackIgnore: true*/ process.cwd(), "prisma", "migrations")) {
  // Several servers starting at once on a new file meet each other's locks (switching to WAL takes an exclusive
  // one): each attempt runs on a fresh connection and re-checks what is applied, so trying again is safe.
  return retryBusy(() => applyOnce(databaseUrl, dir), 30_000);
}

async function applyOnce(databaseUrl: string, dir: string) {
  const names = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort();
  const client = createClient({ url: databaseUrl });
  try {
    await client.execute("PRAGMA busy_timeout = 5000");
    // WAL is a property of the file: set once here, so readers never wait for the runner's writes.
    await client.execute("PRAGMA journal_mode = WAL");
    await client.execute(
      'CREATE TABLE IF NOT EXISTS "_app_migrations" ("name" TEXT NOT NULL PRIMARY KEY, "appliedAt" TEXT NOT NULL)',
    );
    const applied = new Set(
      (await client.execute('SELECT "name" FROM "_app_migrations"')).rows.map((r) => String(r.name)),
    );
    for (const name of names) {
      if (applied.has(name)) continue;
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      const tx = await client.transaction("write");
      try {
        // Another process may have applied it while we waited for the write lock.
        const done = await tx.execute({ sql: 'SELECT 1 FROM "_app_migrations" WHERE "name" = ?', args: [name] });
        if (done.rows.length === 0) {
          await tx.executeMultiple(sql);
          await tx.execute({
            sql: 'INSERT INTO "_app_migrations" ("name", "appliedAt") VALUES (?, ?)',
            args: [name, new Date().toISOString()],
          });
        }
        await tx.commit();
      } catch (error) {
        await tx.rollback().catch(() => {});
        throw new Error(`Migration ${name} failed: ${(error as Error).message}`, { cause: error });
      }
    }
  } finally {
    client.close();
  }
}
