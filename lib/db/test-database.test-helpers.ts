/**
 * Which database a data-layer test runs against. The `postgres` vitest project (vitest.config.ts, present when
 * TEST_DATABASE_URL names a server) sets TEST_ENGINE=postgres; each test file then gets a database of its own on
 * that server, so files run in parallel without seeing each other's rows.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";

export const testEngine: "sqlite" | "postgres" = process.env.TEST_ENGINE === "postgres" ? "postgres" : "sqlite";

/** A fresh, empty database URL for this test file (undefined: SQLite under DATA_DIR, the default). */
export async function freshDatabaseUrl(): Promise<string | undefined> {
  if (testEngine === "sqlite") return undefined;
  const server = process.env.TEST_DATABASE_URL;
  if (!server) throw new Error("TEST_ENGINE=postgres needs TEST_DATABASE_URL");
  const name = `t_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}
