import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // `server-only` throws outside React Server Components; unit tests run server modules directly.
      "server-only": path.resolve(import.meta.dirname, "scripts/empty-module.js"),
    },
  },
  test: {
    include: ["**/*.test.ts", "**/*.test.tsx"],
    exclude: ["node_modules/**", ".next/**", "emulator/dist/**", "e2e/**/*.spec.ts"],
    environment: "node",
    testTimeout: 20_000,
  },
});
