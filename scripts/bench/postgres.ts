/**
 * The team deployment's figures, on Postgres (BENCH_DATABASE_URL, else TEST_DATABASE_URL: a server where fresh
 * databases may be created). Called from main.ts when one is set.
 *
 *   queue_scaling_2_workers          generations per second with 2 workers ÷ with 1 (emulator at small latency)
 *   gallery_first_page_ms_p95_pg     GET /api/runs?limit=40 over 1,000,000 generations
 *   gallery_deep_page_ms_p95_pg      the same, 1,000 pages deep
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { getModel } from "../../lib/providers";
import { startWorkerProcess } from "../worker-process";
import { percentile, waitFor } from "./util";

type Log = (...args: unknown[]) => void;
const round = (n: number) => Math.round(n * 1000) / 1000;

async function freshDatabase(server: string): Promise<string> {
  const name = `bench_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Queues `n` generations straight into the database, as web instances would. */
async function enqueue(client: pg.Client, n: number, tag: string) {
  // Small images at a provider latency that dominates: the figure is about the queue, not this machine's CPU.
  const model = "stable-diffusion-3.5-large-txt2img";
  const input = { ...getModel("segmind", model)?.defaults, width: 256, height: 256, prompt: `bench queue ${tag} [[latency:400]]` };
  await client.query(
    `INSERT INTO "Run" ("id","kind","prompt","searchText") SELECT $1 || i, 'single', $2, lower($2) FROM generate_series(1, $3::int) i`,
    [`${tag}-r`, input.prompt, n],
  );
  await client.query(
    `INSERT INTO "Generation" ("id","runId","position","updatedAt","provider","model","prompt","input","status")
     SELECT $1 || i, $4 || i, 0, now(), 'segmind', $5, $2, $3, 'queued' FROM generate_series(1, $6::int) i`,
    [`${tag}-g`, input.prompt, JSON.stringify(input), `${tag}-r`, model, n],
  );
}

/** Generations per second, from the first start to the last finish (so pick-up delay does not count). */
async function throughput(client: pg.Client, tag: string, n: number, timeoutMs = 180_000): Promise<number> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await client.query<{ done: string; first: Date; last: Date }>(
      `SELECT count(*) FILTER (WHERE "status" IN ('succeeded','failed')) AS done, min("startedAt") AS first, max("finishedAt") AS last
       FROM "Generation" WHERE "id" LIKE $1`,
      [`${tag}-g%`],
    );
    const row = rows[0]!;
    if (Number(row.done) === n) return n / ((row.last.getTime() - row.first.getTime()) / 1000);
    if (Date.now() > end) throw new Error(`queue bench: ${row.done}/${n} done in time`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function queueScaling({ log, server, emulatorUrl }: { log: Log; server: string; emulatorUrl: string }) {
  const databaseUrl = await freshDatabase(server);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sd3pg-bench-queue-"));
  const env = {
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    SEGMIND_API_KEY: "bench-key",
    SEGMIND_BASE_URL: `${emulatorUrl}/segmind`,
    PROVIDER_EMULATOR: "off",
    // Each worker runs 3 at a time; the provider allows more, so the second worker can add its own 3.
    RUNNER_CONCURRENCY: "3",
    SEGMIND_CONCURRENCY: "16",
  };
  const workers: ChildProcess[] = [];
  const client = new pg.Client({ connectionString: databaseUrl });
  try {
    workers.push(await startWorkerProcess(env));
    await client.connect();
    const n = 60;
    await enqueue(client, n, "one");
    const one = await throughput(client, "one", n);
    workers.push(await startWorkerProcess(env));
    await enqueue(client, n, "two");
    const two = await throughput(client, "two", n);
    log(`  queue: 1 worker ${one.toFixed(2)}/s, 2 workers ${two.toFixed(2)}/s`);
    return { queue_scaling_2_workers: round(two / one) };
  } finally {
    for (const w of workers) w.kill("SIGKILL");
    await client.end().catch(() => {});
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const GENERATIONS = 1_000_000;

/** One generation per run, spread over two years, newest last; 7 % failed, the rest with one image. */
async function seed(client: pg.Client) {
  const subjects = `ARRAY['a lighthouse on a cliff','a red fox in snow','an old fisherman mending nets','a steaming bowl of ramen','a wooden cabin by a frozen lake','a hummingbird drinking from a flower','a robot reading a book','a city street in the rain']`;
  const styles = `ARRAY['at dusk, oil painting','at dawn, photograph','in fog, watercolor','at night, cinematic','in summer, pencil sketch']`;
  const providers = `ARRAY['aimlapi','segmind','eachlabs','imagepipeline']`;
  const models = `ARRAY['stable-diffusion-v35-large','stable-diffusion-3.5-large-txt2img','stable-diffusion-3.5-large','sd3_5']`;
  await client.query(`
    INSERT INTO "Run" ("id","createdAt","kind","prompt","searchText","shared","favorite")
    SELECT 'r' || lpad(i::text, 8, '0'), now() - make_interval(secs => (${GENERATIONS} - i)::float8 * 63), 'single', p, lower(p), '{}', i % 33 = 0
    FROM generate_series(1, ${GENERATIONS}) i, LATERAL (SELECT (${subjects})[1 + i % 8] || ' ' || (${styles})[1 + i % 5] AS p) x`);
  await client.query(`
    INSERT INTO "Generation" ("id","runId","position","createdAt","updatedAt","provider","model","prompt","input","sent","seed","status","attempts","startedAt","finishedAt","waitMs","providerMs","downloadMs","cost","costUnit","errorCode","errorMessage")
    SELECT 'g' || substr(r."id", 2), r."id", 0, r."createdAt", r."createdAt" + interval '6 seconds', (${providers})[1 + n % 4], (${models})[1 + n % 4], r."prompt",
      '{"prompt":"x","num_inference_steps":28,"guidance_scale":4.5,"seed":1234567,"image_size":"square_hd"}', '{"num_images":1}', (n::bigint * 7919)::text,
      CASE WHEN n % 14 = 0 THEN 'failed' ELSE 'succeeded' END, 1, r."createdAt", r."createdAt" + interval '6 seconds', 20, 5600, 350, 0.065, 'usd',
      CASE WHEN n % 14 = 0 THEN 'upstream' END, CASE WHEN n % 14 = 0 THEN 'The provider could not process this request.' END
    FROM (SELECT *, substr("id", 2)::int AS n FROM "Run") r`);
  await client.query(`
    INSERT INTO "Image" ("id","generationId","index","sha256","file","thumbFile","mime","width","height","bytes")
    SELECT 'i' || substr(g."id", 2), g."id", 0, md5(g."id") || md5(g."id"), substr(md5(g."id"), 1, 2) || '/' || md5(g."id") || '.png',
      'thumbs/' || substr(md5(g."id"), 1, 2) || '/' || md5(g."id") || '.webp', 'image/png', 1024, 1024, 1400000
    FROM "Generation" g WHERE g."status" = 'succeeded'`);
  await client.query(`ANALYZE`);
}

async function timeRequests(url: string, samples = 40) {
  const times: number[] = [];
  for (let i = 0; i < 5 + samples; i++) {
    const t0 = performance.now();
    const res = await fetch(url);
    const body = (await res.json()) as { items?: unknown[] };
    if (!res.ok || (body.items?.length ?? 0) < 40) throw new Error(`${url} answered ${res.status} with ${body.items?.length} items`);
    if (i >= 5) times.push(performance.now() - t0);
  }
  return Math.round(percentile(times, 95) * 10) / 10;
}

export async function galleryPg({ root, log, server }: { root: string; log: Log; server: string }) {
  const databaseUrl = await freshDatabase(server);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sd3pg-bench-gallery-pg-"));
  const port = 3900 + Math.floor(Math.random() * 90);
  const appUrl = `http://127.0.0.1:${port}`;
  const app = spawn(path.join(root, "node_modules/.bin/next"), ["start", "--port", String(port), "--hostname", "127.0.0.1"], {
    cwd: root,
    stdio: "ignore",
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: databaseUrl, RUNNER: "off", PROVIDER_EMULATOR: "off", PLAYGROUND_PASSWORD: "" },
  });
  const client = new pg.Client({ connectionString: databaseUrl });
  try {
    // The app migrates the empty database at startup (under the advisory lock).
    await waitFor(`${appUrl}/api/health`, app);
    await client.connect();
    const t0 = performance.now();
    await seed(client);
    log(`  gallery (Postgres): seeded ${GENERATIONS} generations in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const deep = (await client.query<{ id: string }>(`SELECT "id" FROM "Run" ORDER BY "createdAt" DESC, "id" DESC LIMIT 1 OFFSET 40000`)).rows[0]!.id;
    const first = await timeRequests(`${appUrl}/api/runs?limit=40`);
    const deepMs = await timeRequests(`${appUrl}/api/runs?limit=40&cursor=${deep}`);
    log(`  gallery (Postgres): first page p95 ${first} ms, deep page p95 ${deepMs} ms`);
    return { gallery_first_page_ms_p95_pg: first, gallery_deep_page_ms_p95_pg: deepMs };
  } finally {
    app.kill("SIGTERM");
    await client.end().catch(() => {});
    await new Promise((r) => setTimeout(r, 300));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
