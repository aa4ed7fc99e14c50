/** The scorecard's cost per image against a real (temporary) database: priced like the result cards price them. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { freshDatabaseUrl } from "./test-database.test-helpers";

type Modules = { scores: typeof import("./scores"); client: typeof import("./client"); filters: typeof import("@/lib/scores/filters"); pricing: typeof import("@/lib/results/pricing") };
let m: Modules;
let dataDir: string;
const NOW = Date.parse("2026-11-30T12:00:00Z");
const at = new Date(NOW - 86_400_000);
const AIML = { provider: "aimlapi", model: "stable-diffusion-v35-large" };
const SEG = { provider: "segmind", model: "stable-diffusion-3.5-large-txt2img" };
const FAL = { provider: "fal", model: "fal-ai/stable-diffusion-v35-large" };

async function seed(g: { provider: string; model: string; status: "succeeded" | "failed"; size?: number; errorCode?: string; reservedUsd?: number }) {
  const client = await m.client.db();
  const runId = crypto.randomUUID();
  await client.run.create({ data: { id: runId, createdAt: at, kind: "single", prompt: "p", searchText: "p" } });
  const size = g.size ?? 1024;
  await client.generation.create({
    data: {
      id: crypto.randomUUID(), runId, createdAt: at, provider: g.provider, model: g.model, prompt: "p", status: g.status,
      input: JSON.stringify({ prompt: "p" }), waitMs: 0, providerMs: 2000, downloadMs: g.status === "succeeded" ? 100 : null,
      errorCode: g.errorCode ?? null, reservedUsd: g.reservedUsd ?? null,
      images: g.status === "succeeded" ? { create: { id: crypto.randomUUID(), index: 0, sha256: "x", file: "x.png", thumbFile: "t.webp", mime: "image/png", width: size, height: size, bytes: 1 } } : undefined,
    },
  });
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sd3-scores-cost-"));
  vi.stubEnv("DATA_DIR", dataDir);
  vi.stubEnv("DATABASE_URL", await freshDatabaseUrl());
  vi.resetModules();
  m = { scores: await import("./scores"), client: await import("./client"), filters: await import("@/lib/scores/filters"), pricing: await import("@/lib/results/pricing") };
  // fal bills per megapixel and reports nothing: two 1024×1024 images (1.048576 MP each).
  await seed({ ...FAL, status: "succeeded", size: 1024 });
  await seed({ ...FAL, status: "succeeded", size: 1024 });
  // Segmind: one image at its list price, and one request that timed out after it was sent (its estimate stands in
  // the budgets: it may have been billed).
  await seed({ ...SEG, status: "succeeded", reservedUsd: 0.014 });
  await seed({ ...SEG, status: "failed", errorCode: "timeout", reservedUsd: 0.014 });
  // AI/ML API: two images, and two generations our own server lost (it restarted mid-request; a bug of ours).
  await seed({ ...AIML, status: "succeeded" });
  await seed({ ...AIML, status: "succeeded" });
  await seed({ ...AIML, status: "failed", errorCode: "interrupted" });
  await seed({ ...AIML, status: "failed", errorCode: "internal" });
}, 60_000);

afterAll(async () => {
  if (m) await (await m.client.db()).$disconnect();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  vi.unstubAllEnvs();
});

describe("scorecard cost per image", () => {
  it("prices a per-megapixel provider by the size of the images it delivered, as the result card does", async () => {
    const card = await m.scores.getScorecard(m.filters.scoreFiltersSchema.parse({}), NOW);
    const fal = card.targets.find((t) => t.provider === "fal")!;
    const onCard = m.pricing.usdCost(FAL.provider, FAL.model, null, [{ width: 1024, height: 1024 }])!;
    expect(onCard.usd).toBeCloseTo(0.065 * 1.048576, 6);
    expect(fal.costBasis).toBe("estimated");
    expect(fal.usdPerImage).toBeCloseTo(onCard.usd, 6);
  });

  it("counts what failures may have been billed in the cost per delivered image, as the budgets do", async () => {
    const card = await m.scores.getScorecard(m.filters.scoreFiltersSchema.parse({}), NOW);
    const seg = card.targets.find((t) => t.provider === "segmind")!;
    // $0.028 spent (as the budget counts it) for one image.
    expect(seg.images).toBe(1);
    expect(seg.usdPerImage).toBeCloseTo(0.028, 6);
  });

  it("does not count our own server's failures (a restart mid-request, a bug of ours) against the provider", async () => {
    const card = await m.scores.getScorecard(m.filters.scoreFiltersSchema.parse({}), NOW);
    const aiml = card.targets.find((t) => t.provider === "aimlapi")!;
    expect(aiml).toMatchObject({ finished: 2, succeeded: 2, successRate: 1, failures: [] });
  });
});
