/**
 * grid_export_ms: server time for `GET /api/grid/<id>/png` on a 5×5 grid of 1024×1024 PNGs, the grid and its images
 * seeded directly (rows with raw SQL, image files and their WebP thumbnails as the store writes them) into a fresh
 * data folder that the app itself migrated. Median of 7 after 2 warm-ups. Called from main.ts;
 * `tsx scripts/bench/grid-export.ts` runs it alone (with a build in .next).
 */
import { spawn } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { createClient } from "@libsql/client";
import { percentile, waitFor } from "./util";

type Log = (...args: unknown[]) => void;
const SIDE = 5;

/** A photo-like 1024² PNG: smooth shapes plus fine grain (pure noise would be an unfair worst case for PNG). */
async function photoLike(i: number, grain: Buffer): Promise<Buffer> {
  const blobs = await sharp({ create: { width: 12, height: 12, channels: 3, background: "#000", noise: { type: "gaussian", mean: 100 + i * 4, sigma: 50 } } })
    .png()
    .toBuffer();
  const smooth = await sharp(blobs).resize(1024, 1024, { kernel: "cubic" }).toBuffer();
  return sharp(smooth).composite([{ input: grain, blend: "overlay" }]).png().toBuffer();
}

async function seedGrid(dataDir: string): Promise<string> {
  const imagesDir = path.join(dataDir, "images");
  const grain = await sharp({ create: { width: 1024, height: 1024, channels: 3, background: "#808080", noise: { type: "gaussian", mean: 128, sigma: 6 } } })
    .png()
    .toBuffer();
  const runId = randomUUID();
  const now = new Date().toISOString().replace("Z", "+00:00");
  const values = (n: number) => Array.from({ length: n }, (_, i) => ({ label: String(10 + i * 10), value: 10 + i * 10 }));
  const spec = {
    version: 1,
    model: { provider: "segmind", model: "stable-diffusion-3.5-large-txt2img" },
    base: { prompt: "bench grid: a red fox in the snow", seed: 7 },
    axes: [
      { kind: "range", field: "steps", name: "Steps", values: values(SIDE) },
      { kind: "list", field: "guidance_scale", name: "Guidance scale", values: values(SIDE).map((v) => ({ label: String(v.value / 10), value: v.value / 10 })) },
    ],
    notes: {},
  };
  const client = createClient({ url: `file:${path.join(dataDir, "playground.db")}` });
  await client.execute("PRAGMA busy_timeout = 5000");
  const tx = await client.transaction("write");
  await tx.execute({
    sql: `INSERT INTO "Run" ("id","createdAt","kind","prompt","searchText","shared","spec","favorite") VALUES (?,?,?,?,?,?,?,0)`,
    args: [runId, now, "grid", spec.base.prompt, spec.base.prompt, "{}", JSON.stringify(spec)],
  });
  for (let i = 0; i < SIDE * SIDE; i++) {
    const png = await photoLike(i, grain);
    const sha = createHash("sha256").update(png).digest("hex");
    const file = `${sha.slice(0, 2)}/${sha}.png`;
    const thumbFile = `thumbs/${sha.slice(0, 2)}/${sha}.webp`;
    fs.mkdirSync(path.join(imagesDir, sha.slice(0, 2)), { recursive: true });
    fs.mkdirSync(path.join(imagesDir, "thumbs", sha.slice(0, 2)), { recursive: true });
    fs.writeFileSync(path.join(imagesDir, file), png);
    fs.writeFileSync(path.join(imagesDir, thumbFile), await sharp(png).resize({ width: 512 }).webp({ quality: 78, effort: 2 }).toBuffer());
    const genId = randomUUID();
    const input = { prompt: spec.base.prompt, steps: 10 + (i % SIDE) * 10, guidance_scale: 1 + Math.floor(i / SIDE), seed: 7 };
    await tx.execute({
      sql: `INSERT INTO "Generation" ("id","runId","position","cellX","cellY","createdAt","updatedAt","provider","model","prompt","input","sent","seed","status","attempts","finishedAt")
            VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,1,?)`,
      args: [genId, runId, i, i % SIDE, Math.floor(i / SIDE), now, now, spec.model.provider, spec.model.model, spec.base.prompt, JSON.stringify(input), JSON.stringify(input), "7", "succeeded", now],
    });
    await tx.execute({
      sql: `INSERT INTO "Image" ("id","generationId","index","sha256","file","thumbFile","mime","width","height","bytes") VALUES (?,?,0,?,?,?,?,1024,1024,?)`,
      args: [randomUUID(), genId, sha, file, thumbFile, "image/png", png.length],
    });
  }
  await tx.commit();
  client.close();
  return runId;
}

export async function gridExport({ root, log }: { root: string; log: Log }): Promise<Record<string, number>> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sd3pg-bench-grid-"));
  const port = 3900 + Math.floor(Math.random() * 90);
  const appUrl = `http://127.0.0.1:${port}`;
  const app = spawn(path.join(root, "node_modules/.bin/next"), ["start", "--port", String(port), "--hostname", "127.0.0.1"], {
    cwd: root,
    stdio: "ignore",
    env: { ...process.env, DATA_DIR: dataDir, PROVIDER_EMULATOR: "off", RUNNER: "off", PLAYGROUND_PASSWORD: "" },
  });
  try {
    await waitFor(`${appUrl}/api/health`, app);
    const runId = await seedGrid(dataDir);
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < 9; i++) {
      const t0 = performance.now();
      const res = await fetch(`${appUrl}/api/grid/${runId}/png`);
      const body = new Uint8Array(await res.arrayBuffer());
      const ms = performance.now() - t0;
      if (!res.ok) throw new Error(`grid export answered ${res.status}: ${new TextDecoder().decode(body.slice(0, 200))}`);
      bytes = body.length;
      if (i >= 2) times.push(ms);
      log(`  grid export #${i + 1}: ${ms.toFixed(0)} ms, ${(bytes / 1024 ** 2).toFixed(2)} MB${i < 2 ? " (warm-up)" : ""}`);
    }
    const meta = await sharp(Buffer.from(await (await fetch(`${appUrl}/api/grid/${runId}/png`)).arrayBuffer())).metadata();
    log(`  grid PNG: ${meta.width}×${meta.height}`);
    return { grid_export_ms: Math.round(percentile(times, 50)), grid_export_png_mb: Math.round((bytes / 1024 ** 2) * 100) / 100 };
  } finally {
    app.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 300));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = path.resolve(import.meta.dirname, "..", "..");
  gridExport({ root, log: console.error })
    .then((r) => console.table(Object.entries(r).map(([metric, value]) => ({ metric, value }))))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
