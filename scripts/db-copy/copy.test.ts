/**
 * Moving up: a SQLite gallery (a run with a stored image, a favourite, a share, an arena vote, a parity result, a
 * spending cap and the spend of a deleted item) copied into Postgres and a bucket, twice (the second copy finds
 * everything there), then served from there: the share link still opens its image, the vote still counts, the cap
 * still holds and still counts the deleted item's spend.
 * Runs when TEST_DATABASE_URL and TEST_STORAGE_URL name servers (CI starts both).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import sharp from "sharp";
import { afterAll, describe, expect, it, vi } from "vitest";

const server = process.env.TEST_DATABASE_URL;
const bucket = process.env.TEST_STORAGE_URL;

it("copies every table the schema has", async () => {
  const { Prisma } = await import("../../lib/db/generated/client");
  const { tables } = await import("./copy");
  const lower = (name: string) => name[0]!.toLowerCase() + name.slice(1);
  expect(Object.keys(tables).sort()).toEqual(Object.values(Prisma.ModelName).map(lower).sort());
});

describe.runIf(Boolean(server && bucket))("db:copy", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sd3-copy-"));
  afterAll(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    vi.unstubAllEnvs();
  });

  it("copies every table idempotently; share links, votes, caps and spend carry over", async () => {
    // The gallery on SQLite, made through the app's own data layer.
    vi.stubEnv("DATA_DIR", dataDir);
    vi.stubEnv("DATABASE_URL", undefined);
    vi.stubEnv("STORAGE_URL", undefined);
    vi.resetModules();
    const runs = await import("../../lib/db/runs");
    const queue = await import("../../lib/db/queue");
    const helpers = await import("../../lib/db/queue.test-helpers");
    const shares = await import("../../lib/db/shares");
    const storage = await import("../../lib/storage/images");
    const client = await import("../../lib/db/client");
    const { env } = await import("../../lib/env");
    const prompt = "Ein Leuchtturm bei Nacht";
    const { runId, generationIds } = await runs.createRun({ kind: "single", prompt, targets: [{ provider: "aimlapi", model: "m", prompt, input: { prompt } }] });
    const png = new Uint8Array(await sharp({ create: { width: 32, height: 32, channels: 3, background: "#28f" } }).png().toBuffer());
    const stored = await storage.storeImage(png);
    await queue.completeGeneration(await helpers.claimForTest(generationIds[0]!), { seed: "18446744073709551615", providerMs: 1, downloadMs: 1, warnings: [], images: [stored] });
    stored.release();
    await runs.setFavorite(runId, true);
    const share = await shares.createShare({ target: { runId }, includePrompt: false });
    const imageId = (await runs.getRun(runId))!.generations[0]!.images[0]!.id;
    // The evidence and the money: a blind vote, a parity result, a cap, and what a deleted generation cost.
    const sqlite = await client.db();
    const pair = { runId, leftId: generationIds[0]!, rightId: "g-gone", pairKey: `${generationIds[0]}|g-gone`, voter: "v1" };
    await sqlite.arenaPair.create({ data: { id: "p1", ...pair } });
    await sqlite.arenaVote.create({
      data: { id: "v1", idempotencyKey: "k1", pairId: "p1", ...pair, leftProvider: "aimlapi", leftModel: "m", rightProvider: "segmind", rightModel: "m", outcome: "left" },
    });
    await sqlite.parity.create({ data: { id: "q1", runId, imageA: imageId, imageB: "i-gone", identical: false, phashDistance: 3, ssim: 0.97, label: "near-identical" } });
    await (await import("../../lib/db/budget-caps")).replaceBudgetCaps([{ scope: "segmind", period: "month", usd: 5 }]);
    await sqlite.retiredSpend.create({ data: { id: "g-gone", provider: "segmind", usd: 0.04, createdAt: new Date() } });
    const source = env().databaseUrl;
    await sqlite.$disconnect();

    const name = `copy_${randomBytes(5).toString("hex")}`;
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const target = new URL(server!);
    target.pathname = `/${name}`;
    const storageUrl = `${bucket}/copy-${name}`;

    const { copyGallery } = await import("./copy");
    const { storageConfig } = await import("../../lib/env");
    const options = { from: source, to: target.toString(), imagesDir: env().imagesDir, storage: storageConfig(storageUrl) };
    const first = await copyGallery(options);
    expect(first).toContain("runs 1 copied, 0 already there");
    expect(first).toContain("shares 1 copied");
    for (const table of ["parity results", "arena pairs", "arena votes", "spend of deleted items", "spending caps"]) expect(first).toContain(`${table} 1 copied`);
    // The original, and its thumbnail and view when they were made already.
    expect(first).toMatch(/image files [123] uploaded, 0 already there/);
    const second = await copyGallery(options);
    expect(second).toContain("runs 0 copied, 1 already there");
    expect(second).toContain("generations 0 copied, 1 already there");
    expect(second).toContain("spending caps 0 copied, 1 already there");
    expect(second).toContain("image files 0 uploaded");

    // The app on Postgres and the bucket, with the local folder gone: the gallery and the share link work.
    fs.rmSync(path.join(dataDir, "images"), { recursive: true, force: true });
    vi.stubEnv("DATABASE_URL", target.toString());
    vi.stubEnv("STORAGE_URL", storageUrl);
    vi.resetModules();
    const pgRuns = await import("../../lib/db/runs");
    const copied = await pgRuns.getRun(runId);
    expect(copied?.favorite).toBe(true);
    expect(copied?.generations[0]?.seed).toBe("18446744073709551615");
    expect((await pgRuns.listRuns({ q: "LEUCHTTURM" })).items.map((r) => r.id)).toEqual([runId]);
    const route = await import("../../app/s/[token]/image/[imageId]/route");
    const res = await route.GET(new Request(`http://localhost/s/${share!.token}/image/${imageId}`), {
      params: Promise.resolve({ token: share!.token, imageId }),
    });
    expect(res.status).toBe(200);
    expect((await sharp(new Uint8Array(await res.arrayBuffer())).metadata()).width).toBe(32);
    const arena = await import("../../lib/db/arena");
    expect(await arena.voteGroups({ kind: "all" })).toEqual([expect.objectContaining({ leftProvider: "aimlapi", rightProvider: "segmind", outcome: "left", n: 1 })]);
    expect(await (await import("../../lib/db/budget-caps")).listBudgetCaps()).toEqual([expect.objectContaining({ scope: "segmind", period: "month", usd: 5 })]);
    const month = new Date(Date.now() - 86_400_000);
    expect((await (await import("../../lib/db/spend")).spendSince({ day: month, month })).month.segmind).toBeCloseTo(0.04);
    await (await (await import("../../lib/db/client")).db()).$disconnect();
  });
});
