import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createClient, type Client } from "@libsql/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "./migrate";
import { foldForSearch } from "./search-text";
import { buildGenerationProbe, buildRunListQuery, likeContains, toDbTime, type RunListQuery, type RunListStrategy } from "./run-query";

/** The gallery's page query, checked as SQL and run against the app's migrated schema. */

const utcMidnight = (day: string) => new Date(`${day}T00:00:00Z`);

describe("buildRunListQuery", () => {
  it("pages newest first on (createdAt, id) with no filter", () => {
    const { sql, args } = buildRunListQuery({ limit: 41 });
    expect(sql).toBe(`SELECT r."id" AS "id" FROM "Run" r ORDER BY r."createdAt" DESC, r."id" DESC LIMIT ?`);
    expect(args).toEqual([41]);
  });

  it("binds every filter in placeholder order", () => {
    const q: RunListQuery = { cursor: "c1", favorite: true, from: "2026-01-01", to: "2026-01-31", q: "50%_off", provider: "segmind", model: "m", status: "failed", limit: 41 };
    const walk = buildRunListQuery(q, "walk", utcMidnight);
    expect(walk.args).toEqual(["c1", "2026-01-01T00:00:00.000+00:00", "2026-02-01T00:00:00.000+00:00", "%50\\%\\_off%", "segmind", "m", "failed", 41]);
    expect(walk.sql.match(/\?/g)).toHaveLength(walk.args.length);
    // Walking runs, a generation is found through its runId only (the unary + keeps other indexes out).
    expect(walk.sql).toContain(`EXISTS (SELECT 1 FROM "Generation" g WHERE g."runId" = r."id" AND +g."provider" = ? AND +g."model" = ? AND +g."status" = ?)`);
    const first = buildRunListQuery(q, "generations-first", utcMidnight);
    expect(first.args).toEqual(["segmind", "m", "failed", "c1", "2026-01-01T00:00:00.000+00:00", "2026-02-01T00:00:00.000+00:00", "%50\\%\\_off%", 41]);
    expect(first.sql).toMatch(/^SELECT r\."id" AS "id" FROM \(SELECT DISTINCT g\."runId" AS "runId" FROM "Generation" g WHERE g\."provider" = \? AND g\."model" = \? AND g\."status" = \?\) m CROSS JOIN "Run" r/);
    expect(first.sql.match(/\?/g)).toHaveLength(first.args.length);
  });

  it("escapes LIKE wildcards and formats times as the adapter stores them", () => {
    expect(likeContains("a_b%c\\d")).toBe("%a\\_b\\%c\\\\d%");
    expect(toDbTime(new Date("2026-11-21T05:57:44.244Z"))).toBe("2026-11-21T05:57:44.244+00:00");
    expect(buildGenerationProbe({ status: "running" }, 2000)).toEqual({
      sql: `SELECT count(*) AS "n" FROM (SELECT 1 FROM "Generation" g WHERE g."status" = ? LIMIT ?)`,
      args: ["running", 2000],
    });
  });
});

describe("the same query for Postgres", () => {
  it("numbers placeholders, compares typed times and booleans, and folds the search like SQLite", () => {
    const q: RunListQuery = { cursor: "c1", favorite: true, from: "2026-01-01", q: "ÉTÉ", provider: "segmind", status: "failed", limit: 41 };
    const walk = buildRunListQuery(q, "walk", utcMidnight, "postgres");
    expect(walk.sql).not.toContain("?");
    expect(walk.sql).toContain(`r."favorite" = true`);
    expect(walk.sql).toContain(`r."createdAt" >= CAST($2 AS timestamp(3))`);
    expect(walk.sql).toContain(`r."searchText" LIKE $3`);
    expect(walk.sql).toContain(`g."provider" = $4 AND g."status" = $5`);
    expect(walk.sql).not.toContain("+g.");
    expect(walk.args).toEqual(["c1", "2026-01-01T00:00:00.000+00:00", "%été%", "segmind", "failed", 41]);
    expect(buildRunListQuery(q, "generations-first", utcMidnight, "postgres").sql).toContain(`) m JOIN "Run" r ON`);
    expect(buildGenerationProbe({ status: "running" }, 10, "postgres").sql).toBe(
      `SELECT count(*) AS "n" FROM (SELECT 1 FROM "Generation" g WHERE g."status" = $1 LIMIT $2) AS "p"`,
    );
  });
});

describe("gallery query against SQLite", () => {
  let dir: string;
  let client: Client;

  // id, day, prompt, favorite, generations [provider, model, status]
  const runs: [string, string, string, boolean, [string, string, string][]][] = [
    ["r01", "2026-01-01T10:00:00Z", "A Lighthouse at dusk", false, [["aimlapi", "v35", "succeeded"]]],
    ["r02", "2026-01-02T10:00:00Z", "a red fox", true, [["segmind", "sd35", "failed"]]],
    ["r03", "2026-01-03T10:00:00Z", "compare: lighthouse in fog", false, [["aimlapi", "v35", "succeeded"], ["segmind", "sd35", "failed"], ["eachlabs", "sd35e", "succeeded"]]],
    ["r04", "2026-01-04T10:00:00Z", "50% off_sale poster", false, [["eachlabs", "sd35e", "succeeded"]]],
    ["r05", "2026-01-05T10:00:00Z", "500 offsale poster", true, [["aimlapi", "v3m", "running"]]],
    ["r06", "2026-01-05T10:00:00Z", "same instant, larger id", false, [["aimlapi", "v3m", "queued"]]],
    ["r07", "2026-01-06T23:59:59Z", "LIGHTHOUSE in snow", false, [["imagepipeline", "sd3_5", "succeeded"]]],
    ["r08", "2026-01-07T00:00:00Z", "a boat", false, [["segmind", "sd35", "succeeded"]]],
  ];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "run-query-"));
    const url = `file:${path.join(dir, "t.db")}`;
    await applyMigrations(url, path.resolve(import.meta.dirname, "../../prisma/migrations"));
    client = createClient({ url });
    for (const [id, at, prompt, fav, gens] of runs) {
      const created = toDbTime(new Date(at));
      await client.execute({ sql: `INSERT INTO "Run" ("id","createdAt","kind","prompt","searchText","favorite") VALUES (?,?,?,?,?,?)`, args: [id, created, gens.length > 1 ? "compare" : "single", prompt, foldForSearch(prompt), fav ? 1 : 0] });
      for (const [i, [provider, model, status]] of gens.entries()) {
        await client.execute({
          sql: `INSERT INTO "Generation" ("id","runId","position","createdAt","updatedAt","provider","model","prompt","input","status") VALUES (?,?,?,?,?,?,?,?,?,?)`,
          args: [`${id}-g${i}`, id, i, created, created, provider, model, prompt, "{}", status],
        });
      }
    }
  });
  afterAll(() => {
    client?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function ids(q: Omit<RunListQuery, "limit"> & { limit?: number }, strategy: RunListStrategy = "walk") {
    const { sql, args } = buildRunListQuery({ limit: 100, ...q }, strategy, utcMidnight);
    return (await client.execute({ sql, args })).rows.map((r) => String(r.id));
  }

  const cases: [string, Omit<RunListQuery, "limit">, string[]][] = [
    ["everything, newest first; equal times by id", {}, ["r08", "r07", "r06", "r05", "r04", "r03", "r02", "r01"]],
    ["search is a case-insensitive substring", { q: "lightHOUSE" }, ["r07", "r03", "r01"]],
    ["% and _ are literal", { q: "50% off_" }, ["r04"]],
    ["provider: any generation of the run", { provider: "segmind" }, ["r08", "r03", "r02"]],
    ["status failed: a comparison with one failed target", { status: "failed" }, ["r03", "r02"]],
    ["provider and status on the same generation", { provider: "eachlabs", status: "failed" }, []],
    ["model", { model: "v3m" }, ["r06", "r05"]],
    ["favourites", { favorite: true }, ["r05", "r02"]],
    ["date range, both days inclusive", { from: "2026-01-02", to: "2026-01-06" }, ["r07", "r06", "r05", "r04", "r03", "r02"]],
    ["from only", { from: "2026-01-07" }, ["r08"]],
    ["combined", { q: "poster", favorite: true, status: "running", to: "2026-01-05" }, ["r05"]],
  ];

  for (const [name, q, expected] of cases) {
    it(name, async () => {
      expect(await ids(q, "walk")).toEqual(expected);
      expect(await ids(q, "generations-first")).toEqual(expected);
    });
  }

  it("keyset pages join up to the full list, with and without filters", async () => {
    for (const q of [{}, { provider: "aimlapi" }, { q: "e" }] as Omit<RunListQuery, "limit">[]) {
      for (const strategy of ["walk", "generations-first"] as const) {
        const all = await ids(q, strategy);
        const paged: string[] = [];
        let cursor: string | undefined;
        for (;;) {
          const page = await ids({ ...q, cursor, limit: 2 }, strategy);
          paged.push(...page);
          if (page.length < 2) break;
          cursor = page.at(-1);
        }
        expect(paged).toEqual(all);
      }
    }
  });

  it("counts matching generations up to the cap", async () => {
    const count = async (q: Omit<RunListQuery, "limit">, cap: number) => {
      const p = buildGenerationProbe(q, cap);
      return Number((await client.execute(p)).rows[0]!.n);
    };
    expect(await count({ provider: "aimlapi" }, 100)).toBe(4);
    expect(await count({ provider: "aimlapi" }, 2)).toBe(2);
    expect(await count({ status: "running" }, 100)).toBe(1);
  });
});
