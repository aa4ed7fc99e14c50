import { defineConfig } from "prisma/config";

// The app applies the committed SQL migrations itself (lib/db/migrate.ts); this config is for the CLI only.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "file:./data/playground.db" },
});
