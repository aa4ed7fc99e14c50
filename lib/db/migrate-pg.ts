import "server-only";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

/** Any fixed 64-bit number: the advisory lock every instance takes before migrating. */
const MIGRATION_LOCK = 7_305_114_842_117_391n;

/**
 * Waits, however long, for the instance migrating now to finish (a migration on a large table can take minutes),
 * saying so every 10 s rather than looking stuck.
 */
async function takeMigrationLock(client: pg.Client) {
  const started = Date.now();
  let said = started;
  for (;;) {
    const { rows } = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1) AS ok", [MIGRATION_LOCK.toString()]);
    if (rows[0]?.ok) return;
    if (Date.now() - said >= 10_000) {
      said = Date.now();
      console.log(`[db] waiting for another instance to finish migrating (${Math.round((said - started) / 1000)} s)`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Applies the committed Postgres migrations (prisma/postgres/migrations/<name>/migration.sql) in name order, each
 * once, in its own transaction. Several instances starting together each take the same advisory lock first, so
 * exactly one migrates and the others find the work done when they get the lock.
 */
export async function applyPgMigrations(
  databaseUrl: string,
  dir = path.join(/*turbopackIgnore: true*/ process.cwd(), "prisma", "postgres", "migrations"),
) {
  const names = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort();
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    await takeMigrationLock(client);
    await client.query(
      'CREATE TABLE IF NOT EXISTS "_app_migrations" ("name" TEXT NOT NULL PRIMARY KEY, "appliedAt" TIMESTAMPTZ NOT NULL DEFAULT now())',
    );
    const applied = new Set((await client.query<{ name: string }>('SELECT "name" FROM "_app_migrations"')).rows.map((r) => r.name));
    for (const name of names) {
      if (applied.has(name)) continue;
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      try {
        await client.query("BEGIN");
        await client.query(sql);
        await client.query('INSERT INTO "_app_migrations" ("name") VALUES ($1)', [name]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw new Error(`Migration ${name} failed: ${(error as Error).message}`, { cause: error });
      }
    }
  } finally {
    await client.query("SELECT pg_advisory_unlock_all()").catch(() => {});
    await client.end().catch(() => {});
  }
}
