/** Prompt suites on a real database: stored with their categories, edits bump the revision, listed newest first. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freshDatabaseUrl } from "./test-database.test-helpers";
import { afterAll, beforeAll, expect, it, vi } from "vitest";

let dataDir: string;
let suites: typeof import("./suites");

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sd3-suites-"));
  vi.stubEnv("DATA_DIR", dataDir);
  vi.stubEnv("DATABASE_URL", await freshDatabaseUrl());
  vi.stubEnv("PROVIDER_EMULATOR", "off");
  vi.resetModules();
  suites = await import("./suites");
}, 60_000);

afterAll(async () => {
  const { db } = await import("./client");
  await (await db()).$disconnect();
  fs.rmSync(dataDir, { recursive: true, force: true });
  vi.unstubAllEnvs();
}, 60_000);

it("stores a suite, saves edits with a new revision, lists it with its categories, and deletes it", async () => {
  const created = await suites.createSuite({
    name: "Hands",
    prompts: [
      { text: "Two hands tying a lace", category: "hands" },
      { text: 'A sign saying "hi"', category: null },
    ],
  });
  expect(created.revision).toBe(1);
  expect((await suites.getSuite(created.id))?.prompts).toEqual(created.prompts);

  const edited = await suites.updateSuite(created.id, { name: "Hands, edited", prompts: [{ text: "One hand waving", category: "hands" }] });
  expect(edited).toMatchObject({ name: "Hands, edited", revision: 2, prompts: [{ text: "One hand waving", category: "hands" }] });

  const other = await suites.createSuite({ name: "Other", prompts: [{ text: "A lake", category: null }] });
  const list = await suites.listSuites();
  expect(list.map((s) => [s.name, s.count, s.categories])).toEqual([
    ["Other", 1, []],
    ["Hands, edited", 1, ["hands"]],
  ]);

  expect(await suites.deleteSuite(other.id)).toBe(true);
  expect(await suites.getSuite(other.id)).toBeNull();
  expect(await suites.updateSuite(other.id, { name: "x", prompts: [] })).toBeNull();
});
