import { defineConfig } from "vitest/config";
import path from "node:path";

// The data layer and the runner are tested on SQLite always, and on Postgres too when a server is given (CI
// always gives one: .ci/run starts a throw-away cluster). Each project runs the same files.
const postgresFiles = ["scripts/db-copy/copy.test.ts", "lib/db/runs.test.ts", "lib/db/shares.test.ts", "lib/db/suites.test.ts", "lib/db/scores.test.ts", "lib/db/scores-evidence.test.ts", "lib/db/arena.test.ts", "lib/db/queue.test.ts", "lib/jobs/pipeline.test.ts", "lib/jobs/cancel.test.ts", "lib/db/budget.test.ts", "lib/cost/estimate.test.ts", "lib/jobs/db-blink.test.ts", "lib/jobs/shutdown.test.ts", "lib/db/retry-wait.test.ts", "lib/jobs/clock-skew.test.ts", "app/api/generations/route.test.ts", "lib/actions/start-idempotency.test.ts"];
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
if (process.env.CI && !onPostgres) throw new Error("CI runs the data-layer tests on Postgres too: set TEST_DATABASE_URL");

const exclude = ["node_modules/**", ".next/**", ".next-*/**", "emulator/dist/**", "scripts/bench-web/floor/**", "e2e/**/*.spec.ts"];

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // `server-only` throws outside React Server Components; unit tests run server modules directly.
      "server-only": path.resolve(import.meta.dirname, "scripts/empty-module.js"),
    },
  },
  test: {
    environment: "node",
    // CI runs every file on 2 cores beside Postgres: a fresh database's migration in a beforeAll, or a test that waits
    // on the emulator, can take many times what it takes on an idle machine. A hang still fails, a minute later.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      // db:copy goes from SQLite to Postgres: it belongs to the postgres project only.
      { extends: true as const, test: { name: "sqlite", include: ["**/*.test.ts", "**/*.test.tsx"], exclude: [...exclude, "scripts/db-copy/**"] } },
      ...(onPostgres
        ? [{ extends: true as const, test: { name: "postgres", include: postgresFiles, exclude, env: { TEST_ENGINE: "postgres" } } }]
        : []),
    ],
  },
});
