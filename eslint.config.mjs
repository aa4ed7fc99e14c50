import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import { sizes, walls } from "./eslint/walls.mjs";

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  // Playwright fixtures call `use()`, which is not React's hook.
  { files: ["e2e/**"], rules: { "react-hooks/rules-of-hooks": "off" } },
  ...walls,
  ...sizes,
  { ignores: ["node_modules/**", ".next/**", ".next-*/**", "lib/db/generated/**", "emulator/dist/**", "data/**", "test-results/**", "playwright-report/**", "next-env.d.ts", "scripts/bench-web/floor/.next/**"] },
];

export default config;
