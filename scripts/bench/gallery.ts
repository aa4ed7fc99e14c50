/**
 * Gallery at scale: 100,000 generations seeded with raw SQL into a fresh data folder that the app itself migrated,
 * then the page requests timed against `next start` on loopback (the server time to render a page, honestly
 * including routing and JSON). Called from main.ts; `tsx scripts/bench/gallery.ts` runs it alone.
 *
 *   gallery_first_page_ms_p95   GET /api/runs?limit=40
 *   gallery_deep_page_ms_p95    the same, 1,000 pages deep (cursor = the run at offset 40,000)
 * plus the same two with a filter (provider + status), with a search, a search that matches nothing (every row
 * is read), and the server-rendered /gallery HTML.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createClient, type Client, type InValue } from "@libsql/client";
import { foldForSearch } from "../../lib/db/search-text";
import { percentile, waitFor } from "./util";
import { measureScoresArena, seedVotes } from "./scores-arena";

export const GALLERY_GENERATIONS = 100_000;
const PAGE = 40;
const SAMPLES = 40;

type Log = (...args: unknown[]) => void;


const round = (n: number) => Math.round(n * 10) / 10;

// ---- seeding ----

const subjects = [
  "a lighthouse on a basalt cliff", "an old tram in the rain", "a red fox in fresh snow", "a paper boat on a puddle",
  "a glass of water on a windowsill", "a bonsai tree in a ceramic pot", "a cyberpunk street market",
  "a cathedral made of ice", "a tabby cat asleep on a keyboard", "a vintage motorcycle in a garage",
  "an astronaut tending a greenhouse", "a koi pond under cherry blossoms", "a desert caravan at dawn",
  "a steaming bowl of ramen", "a wooden cabin by a frozen lake", "a hummingbird drinking from a flower",
  "a portrait of an elderly fisherman", "a city skyline reflected in a river", "a medieval map on parchment",
  "a robot painting a self-portrait",
];
const settings = [
  "at golden hour", "under a stormy sky", "in thick morning fog", "at night with neon reflections",
  "in soft overcast light", "during a summer thunderstorm", "lit by a single candle", "on a bright winter morning",
];
const styles = [
  "photorealistic, 35mm film, shallow depth of field", "watercolor illustration, loose brush strokes",
  "isometric 3D render, pastel palette", "oil painting in the style of the Dutch masters",
  "studio photography, softbox lighting, 85mm", "ukiyo-e woodblock print", "cinematic, anamorphic lens flare",
  "charcoal sketch on textured paper", "low-poly game art", "high detail, 8k, volumetric light",
];
const targets = [
  { provider: "aimlapi", model: "stable-diffusion-v35-large", weight: 35 },
  { provider: "aimlapi", model: "stable-diffusion-v3-medium", weight: 15 },
  { provider: "segmind", model: "stable-diffusion-3.5-large-txt2img", weight: 20 },
  { provider: "eachlabs", model: "stable-diffusion-3.5-large", weight: 18 },
  { provider: "imagepipeline", model: "sd3_5", weight: 12 },
];

/** Deterministic PRNG, so every bench run seeds the same history. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const uuid = (rand: () => number) =>
  Array.from({ length: 16 }, () => Math.floor(rand() * 256))
    .map((b, i) => (i === 6 ? (b & 0x0f) | 0x40 : i === 8 ? (b & 0x3f) | 0x80 : b).toString(16).padStart(2, "0"))
    .join("")
    .replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, "$1-$2-$3-$4-$5");

const dbTime = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");

async function insertRows(tx: { execute(stmt: { sql: string; args: InValue[] }): Promise<unknown> }, table: string, cols: string[], rows: InValue[][]) {
  // 32,766 host parameters at most per statement.
  const perStatement = Math.floor(30_000 / cols.length);
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    const placeholders = `(${cols.map(() => "?").join(",")})`;
    await tx.execute({
      sql: `INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(",")}) VALUES ${chunk.map(() => placeholders).join(",")}`,
      args: chunk.flat(),
    });
  }
}

/**
 * `generations` generations over two years up to now: mostly single runs, one in thirty a four-target comparison;
 * 93% succeeded with one image each, the rest failed; 3% of runs starred. One in twenty succeeded only when retried:
 * its earlier attempt, a timeout that may have been billed, is kept for the scorecard (RetiredAttempt).
 */
export async function seedGallery(client: Client, generations = GALLERY_GENERATIONS) {
  const rand = rng(20261121);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const totalWeight = targets.reduce((n, t) => n + t.weight, 0);
  const pickTarget = () => {
    let x = rand() * totalWeight;
    for (const t of targets) if ((x -= t.weight) < 0) return t;
    return targets[0]!;
  };
  const now = Date.now();
  const span = 730 * 24 * 3600 * 1000;
  let made = 0;
  let runIndex = 0;
  while (made < generations) {
    const runs: InValue[][] = [];
    const gens: InValue[][] = [];
    const images: InValue[][] = [];
    const attempts: InValue[][] = [];
    for (let b = 0; b < 2000 && made < generations; b++, runIndex++) {
      const runId = uuid(rand);
      const createdMs = now - Math.floor(span * (1 - made / generations)) + Math.floor(rand() * 1000);
      const created = dbTime(createdMs);
      const prompt = `${pick(subjects)} ${pick(settings)}, ${pick(styles)}`;
      const compare = runIndex % 30 === 29 && generations - made >= 4;
      const count = compare ? 4 : 1;
      runs.push([runId, created, compare ? "compare" : "single", prompt, foldForSearch(prompt), compare ? JSON.stringify({ prompt, seed: 42 }) : "{}", rand() < 0.03 ? 1 : 0]);
      for (let position = 0; position < count; position++, made++) {
        const t = compare ? targets[position]! : pickTarget();
        const genId = uuid(rand);
        const seed = String(Math.floor(rand() * 4294967295));
        const failed = rand() < 0.07;
        const input = { prompt, num_inference_steps: 28, guidance_scale: 4.5, seed: Number(seed), image_size: "square_hd", output_format: "png" };
        const sent = { model: t.model, ...input, num_images: 1, enable_safety_checker: true };
        const providerMs = 2000 + Math.floor(rand() * 9000);
        gens.push([
          genId, runId, position, created, dbTime(createdMs + providerMs + 400), t.provider, t.model, prompt,
          JSON.stringify(input), JSON.stringify(sent), seed, failed ? "failed" : "succeeded", 1, dbTime(createdMs + 20),
          dbTime(createdMs + providerMs + 400), 20, providerMs, failed ? null : 350, failed ? null : 0.065, failed ? null : "usd",
          failed ? "upstream" : null, failed ? "The provider could not process this request." : null,
        ]);
        if (!failed && made % 20 === 7) attempts.push([`${genId}#1`, genId, t.provider, t.model, 0, "timeout", 0.065, dbTime(createdMs - 60_000)]);
        if (!failed) {
          const sha = createHash("sha256").update(genId).digest("hex");
          images.push([uuid(rand), genId, 0, sha, `${sha.slice(0, 2)}/${sha}.png`, `thumbs/${sha.slice(0, 2)}/${sha}.webp`, "image/png", 1024, 1024, 1_400_000 + Math.floor(rand() * 400_000)]);
        }
      }
    }
    const tx = await client.transaction("write");
    await insertRows(tx, "Run", ["id", "createdAt", "kind", "prompt", "searchText", "shared", "favorite"], runs);
    await insertRows(
      tx,
      "Generation",
      ["id", "runId", "position", "createdAt", "updatedAt", "provider", "model", "prompt", "input", "sent", "seed", "status", "attempts", "startedAt", "finishedAt", "waitMs", "providerMs", "downloadMs", "cost", "costUnit", "errorCode", "errorMessage"],
      gens,
    );
    await insertRows(tx, "Image", ["id", "generationId", "index", "sha256", "file", "thumbFile", "mime", "width", "height", "bytes"], images);
    await insertRows(tx, "RetiredAttempt", ["id", "generationId", "provider", "model", "emulated", "errorCode", "usd", "createdAt"], attempts);
    await tx.commit();
  }
  return { runs: runIndex, generations: made };
}

// ---- measuring ----


async function timeRequests(url: string, check: (body: string) => void) {
  const times: number[] = [];
  const dbTimes: number[] = [];
  for (let i = 0; i < 5 + SAMPLES; i++) {
    const t0 = performance.now();
    const res = await fetch(url);
    const body = await res.text();
    const ms = performance.now() - t0;
    if (!res.ok) throw new Error(`${url} answered ${res.status}: ${body.slice(0, 200)}`);
    if (i === 0) check(body);
    if (i < 5) continue; // warm-up: first requests load route code
    times.push(ms);
    const db = /db;dur=([\d.]+)/.exec(res.headers.get("server-timing") ?? "");
    if (db) dbTimes.push(Number(db[1]));
  }
  return { p95: round(percentile(times, 95)), p50: round(percentile(times, 50)), dbP95: round(percentile(dbTimes, 95)) };
}

const pageOf = (min: number) => (body: string) => {
  const page = JSON.parse(body) as { items: unknown[] };
  if (page.items.length < min) throw new Error(`expected at least ${min} items, got ${page.items.length}`);
};

/** `only: "scores"` seeds the same history but times the scorecard and arena alone (`main.ts --only-scores`). */
export async function gallery({ root, log, only }: { root: string; log: Log; only?: "scores" }): Promise<Record<string, number>> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sd3pg-bench-gallery-"));
  const port = 3700 + Math.floor(Math.random() * 200);
  const appUrl = `http://127.0.0.1:${port}`;
  const app = spawn(path.join(root, "node_modules/.bin/next"), ["start", "--port", String(port), "--hostname", "127.0.0.1"], {
    cwd: root,
    stdio: "ignore",
    // No keys and no emulator: nothing runs, the server only reads.
    env: { ...process.env, DATA_DIR: dataDir, PROVIDER_EMULATOR: "off", AIMLAPI_API_KEY: "", SEGMIND_API_KEY: "", EACHLABS_API_KEY: "", IMAGEPIPELINE_API_KEY: "", PLAYGROUND_PASSWORD: "" },
  });
  try {
    // The app migrates its empty database on the first request (its own applyMigrations).
    await waitFor(`${appUrl}/api/health`, app);
    const client = createClient({ url: `file:${path.join(dataDir, "playground.db")}` });
    await client.execute("PRAGMA busy_timeout = 5000");
    const t0 = performance.now();
    const seeded = await seedGallery(client);
    log(`  gallery: seeded ${seeded.generations} generations in ${seeded.runs} runs in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const at = async (offset: number, where = "1 = 1", args: InValue[] = []) =>
      String(
        (
          await client.execute({
            sql: `SELECT r."id" FROM "Run" r WHERE ${where} ORDER BY r."createdAt" DESC, r."id" DESC LIMIT 1 OFFSET ?`,
            args: [...args, offset],
          })
        ).rows[0]!.id,
      );
    const deep = await at(1000 * PAGE);
    const voted = await seedVotes(client, undefined, (c, table, cols, rows) => insertRows(c, table, cols, rows));
    log(`  arena: seeded ${voted.votes} votes on pairs of ${voted.runs} comparisons`);
    client.close();

    const api = (qs: string) => `${appUrl}/api/runs?limit=${PAGE}${qs}`;
    const filter = "&provider=segmind&status=failed";
    const cases: [string, string, (body: string) => void][] = [
      ["gallery_first_page_ms_p95", api(""), pageOf(PAGE)],
      ["gallery_deep_page_ms_p95", api(`&cursor=${deep}`), pageOf(PAGE)],
      ["gallery_filter_first_page_ms_p95", api(filter), pageOf(PAGE)],
      ["gallery_filter_deep_page_ms_p95", api(`${filter}&cursor=${deep}`), pageOf(PAGE)],
      ["gallery_search_first_page_ms_p95", api("&q=Fisherman"), pageOf(PAGE)],
      ["gallery_search_deep_page_ms_p95", api(`&q=fisherman&cursor=${deep}`), pageOf(PAGE)],
      ["gallery_search_no_match_ms_p95", api("&q=zeppelin"), pageOf(0)],
      ["gallery_html_first_page_ms_p95", `${appUrl}/gallery`, (html) => void (html.includes("Gallery") || (() => { throw new Error("no gallery html"); })())],
    ];
    const results: Record<string, number> = {};
    for (const [name, url, check] of only === "scores" ? [] : cases) {
      const r = await timeRequests(url, check);
      results[name] = r.p95;
      log(`  ${name}: p95 ${r.p95} ms, p50 ${r.p50} ms${Number.isNaN(r.dbP95) ? "" : `, data layer p95 ${r.dbP95} ms`}`);
    }
    return { ...results, ...(await measureScoresArena(appUrl, log)) };
  } finally {
    app.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 300));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const root = path.resolve(import.meta.dirname, "..", "..");
  gallery({ root, log: console.error })
    .then((r) => console.table(Object.entries(r).map(([metric, value]) => ({ metric, value }))))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
