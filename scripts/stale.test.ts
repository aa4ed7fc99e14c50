import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { appSources, isStale, newestSourceMtime } from "./stale.mjs";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function project(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "stale-"));
  dirs.push(root);
  fs.mkdirSync(path.join(root, "app"), { recursive: true });
  fs.mkdirSync(path.join(root, ".next"), { recursive: true });
  fs.writeFileSync(path.join(root, "app", "page.tsx"), "x");
  return root;
}

const touch = (file: string, at: number) => fs.utimesSync(file, at / 1000, at / 1000);

describe("isStale (npm start rebuilds when the sources changed)", () => {
  it("is stale without a build", () => {
    expect(isStale(project(), ".next/BUILD_ID", ["app"])).toBe(true);
  });

  it("is fresh when the build is newer than every source, stale once a source changes", () => {
    const root = project();
    const buildId = path.join(root, ".next", "BUILD_ID");
    fs.writeFileSync(buildId, "1");
    touch(path.join(root, "app", "page.tsx"), 1_000_000);
    touch(buildId, 2_000_000);
    expect(isStale(root, ".next/BUILD_ID", ["app"])).toBe(false);
    touch(path.join(root, "app", "page.tsx"), 3_000_000); // a git pull
    expect(isStale(root, ".next/BUILD_ID", ["app"])).toBe(true);
  });

  it("ignores tests and missing paths", () => {
    const root = project();
    touch(path.join(root, "app", "page.tsx"), 1_000_000);
    fs.writeFileSync(path.join(root, "app", "page.test.ts"), "x");
    expect(newestSourceMtime(root, ["app", "nope"])).toBe(1_000_000);
  });

  it("watches what a Next.js build is made from", () => {
    expect(appSources).toEqual(expect.arrayContaining(["app", "components", "lib", "next.config.ts", "package-lock.json"]));
  });
});
