import fs from "node:fs";
import path from "node:path";
import { test, expect } from "./support/fixtures";
import { CANARY_KEYS, ROOT } from "./support/env";

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(full) : [full];
  });
}

test("no key is in the built client assets", () => {
  const files = filesUnder(path.join(ROOT, process.env.NEXT_DIST_DIR ?? ".next", "static"));
  expect(files.length).toBeGreaterThan(0);
  for (const file of files) {
    const text = fs.readFileSync(file, "utf8");
    for (const key of Object.values(CANARY_KEYS)) expect(text.includes(key), `${file} contains a key`).toBe(false);
  }
});

test("pages and API responses carry no key", async ({ page }) => {
  // The page fixture scans every textual response; visit everything a person would.
  await page.goto("/");
  await page.goto("/gallery");
  const res = await page.request.get("/api/generations");
  expect(await res.text()).not.toMatch(new RegExp(Object.values(CANARY_KEYS).join("|")));
});
