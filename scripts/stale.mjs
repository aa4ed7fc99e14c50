// Is a build output older than the sources it was built from? Used by the launcher (Next.js build, emulator build)
// so that `npm start` after a `git pull` rebuilds instead of serving the old build. Plain node, no dependencies.
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const skippedDirs = new Set(["node_modules", ".next", "dist", "data", "test-results"]);
const isTest = (name) => /\.(test|spec)\.[cm]?[jt]sx?$/.test(name) || /\.test-helpers\.[jt]s$/.test(name);

/** The newest modification time (ms) among `paths` (files, or folders walked recursively), tests left out. */
export function newestSourceMtime(root, paths) {
  let newest = 0;
  const visit = (full) => {
    const stat = statSync(full, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) {
      for (const entry of readdirSync(full)) if (!skippedDirs.has(entry)) visit(path.join(full, entry));
    } else if (!isTest(path.basename(full))) {
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  for (const p of paths) visit(path.join(root, p));
  return newest;
}

/** True when `output` is missing or any source under `paths` changed after it was written. */
export function isStale(root, output, paths) {
  const out = path.join(root, output);
  if (!existsSync(out)) return true;
  return newestSourceMtime(root, paths) > statSync(out).mtimeMs;
}

/** What a Next.js production build is made from. */
export const appSources = [
  "app",
  "components",
  "lib",
  "public",
  "prisma",
  "proxy.ts",
  "instrumentation.ts",
  "next.config.ts",
  "postcss.config.mjs",
  "tsconfig.json",
  "package.json",
  "package-lock.json",
];

/** What the compiled emulator is made from. */
export const emulatorSources = ["emulator", "emulator/tsconfig.json"];
