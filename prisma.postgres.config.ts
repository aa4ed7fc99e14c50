import { defineConfig } from "prisma/config";

// The Postgres schema, for the CLI only (authoring migrations); the app applies them itself (lib/db/migrate-pg.ts).
export default defineConfig({
  schema: "prisma/postgres/schema.prisma",
  migrations: { path: "prisma/postgres/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:55432/postgres" },
});
