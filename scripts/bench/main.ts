/**
 * Benchmarks, run against a production build and the provider emulator on this machine.
 *   npm run bench            → a table (plus the Postgres figures when BENCH_DATABASE_URL or TEST_DATABASE_URL is set)
 *   tsx scripts/bench/main.ts --only-pg → the Postgres figures alone
 *   tsx scripts/bench/main.ts --only-overhead → overhead_ms alone (about 30 s)
 *   tsx scripts/bench/main.ts --only-suite → suite_fanout_ratio alone
 *   tsx scripts/bench/main.ts --only-scores → the scorecard and arena figures alone, on the gallery's 100,000 generations
 *   npm run bench -- --json  → one JSON object
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmulator } from "../../emulator/server";
import { percentile, waitFor } from "./util";
import { appSources, isStale } from "../stale.mjs";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const json = process.argv.includes("--json");
const log = (...args: unknown[]) => !json && console.error(...args);



async function main() {
  if (isStale(ROOT, path.join(".next", "BUILD_ID"), appSources)) {
    log("building the app (none yet, or the sources changed since)…");
    const built = spawnSync(path.join(ROOT, "node_modules/.bin/next"), ["build"], { cwd: ROOT, stdio: json ? "ignore" : "inherit" });
    if (built.status !== 0) throw new Error("next build failed");
  }
  if (process.argv.includes("--only-scores")) {
    // The gallery bench seeds and serves its own database; neither the emulator nor the main server is needed.
    const results = await (await import("./gallery")).gallery({ root: ROOT, log, only: "scores" });
    if (json) console.log(JSON.stringify(results));
    else console.table(Object.entries(results).map(([metric, value]) => ({ metric, value })));
    return;
  }
  const emulator = await startEmulator({ port: 0 });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sd3pg-bench-"));
  const port = 3200 + Math.floor(Math.random() * 500);
  const app = spawn(path.join(ROOT, "node_modules/.bin/next"), ["start", "--port", String(port), "--hostname", "127.0.0.1"], {
    cwd: ROOT,
    stdio: "ignore",
    env: {
      ...process.env,
      AIMLAPI_API_KEY: "bench-key",
      AIMLAPI_BASE_URL: `${emulator.url}/aimlapi`,
      SEGMIND_API_KEY: "bench-key",
      SEGMIND_BASE_URL: `${emulator.url}/segmind`,
      EACHLABS_API_KEY: "bench-key",
      EACHLABS_BASE_URL: `${emulator.url}/eachlabs`,
      IMAGEPIPELINE_API_KEY: "bench-key",
      IMAGEPIPELINE_BASE_URL: `${emulator.url}/imagepipeline`,
      PROVIDER_EMULATOR: "off",
      DATA_DIR: dataDir,
      POLL_INTERVAL_MS: "100",
    },
  });
  const appUrl = `http://127.0.0.1:${port}`;
  try {
    await waitFor(`${appUrl}/api/health`, app);
    if (process.argv.includes("--only-suite")) {
      const results = await (await import("./suite")).suiteFanout(appUrl, emulator.url, log);
      if (json) console.log(JSON.stringify(results));
      else console.table(Object.entries(results).map(([metric, value]) => ({ metric, value })));
      return;
    }
    if (process.argv.includes("--only-pg")) {
      const server = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
      if (!server) throw new Error("--only-pg needs BENCH_DATABASE_URL or TEST_DATABASE_URL");
      const { galleryPg, queueScaling } = await import("./postgres");
      const results = { ...(await queueScaling({ log, server, emulatorUrl: emulator.url })), ...(await galleryPg({ root: ROOT, log, server })) };
      console.table(Object.entries(results).map(([metric, value]) => ({ metric, value })));
      return;
    }
    const results: Record<string, number> = {};
    Object.assign(results, await overhead(appUrl, emulator.url));
    if (process.argv.includes("--only-overhead")) return console.table(Object.entries(results).map(([metric, value]) => ({ metric, value })));
    Object.assign(results, await fanout(appUrl, emulator.url));
    Object.assign(results, await (await import("./suite")).suiteFanout(appUrl, emulator.url, log));
    const { getModel } = await import("../../lib/providers");
    const defaults = (provider: string, model: string) => ({ ...getModel(provider, model)?.defaults });
    Object.assign(results, await (await import("./under-load")).underLoad(appUrl, emulator.url, defaults, log));
    Object.assign(results, await (await import("./gallery")).gallery({ root: ROOT, log }));
    Object.assign(results, await (await import("./grid-export")).gridExport({ root: ROOT, log }));
    // The team deployment's figures, when a Postgres server is given (see scripts/bench/postgres.ts).
    const server = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
    if (server) {
      const { galleryPg, queueScaling } = await import("./postgres");
      Object.assign(results, await queueScaling({ log, server, emulatorUrl: emulator.url }));
      Object.assign(results, await galleryPg({ root: ROOT, log, server }));
    } else log("  (no BENCH_DATABASE_URL or TEST_DATABASE_URL: Postgres figures skipped)");
    if (json) console.log(JSON.stringify(results));
    else console.table(Object.entries(results).map(([metric, value]) => ({ metric, value })));
  } finally {
    app.kill("SIGTERM");
    await emulator.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * overhead_ms_p50: submit → stored, viewable result (image bytes served by us), minus the emulator's own time for
 * the same request made directly (POST + image download), over 30 generations of a 1024×1024 PNG.
 *
 * "Stored" is the generation's own finishedAt, written in the same update that makes it succeeded and its image
 * servable (the bench and the app share this machine's clock); "viewable" adds the time to fetch the image bytes from
 * us. The bench polls every 20 ms only to learn that it is done. Polling every 2 ms, as it once did, measured the
 * app under a load of its own making: each status request costs the server about 4.7 ms of CPU, on the same event
 * loop that runs the job, which stretched a 15 ms job to 45–110 ms.
 */
async function overhead(appUrl: string, emulatorUrl: string) {
  const n = 30;
  const input = (i: number) => ({
    prompt: `bench overhead ${i}`,
    seed: 1000 + i,
    image_size: "square_hd",
    output_format: "png",
    num_images: 1,
    num_inference_steps: 28,
    enable_safety_checker: true,
  });
  const direct = async (i: number) => {
    const t0 = performance.now();
    const res = await fetch(`${emulatorUrl}/aimlapi/v1/images/generations`, {
      method: "POST",
      headers: { Authorization: "Bearer bench-key", "Content-Type": "application/json" },
      body: JSON.stringify({ model: "stable-diffusion-v35-large", ...input(i) }),
    });
    const body = (await res.json()) as { data?: { url: string }[]; images?: { url: string }[] };
    const url = body.data?.[0]?.url ?? body.images?.[0]?.url;
    await (await fetch(url!)).arrayBuffer();
    return performance.now() - t0;
  };
  const viaApp = async (i: number) => {
    const submitted = Date.now();
    const res = await fetch(`${appUrl}/api/generations`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ provider: "aimlapi", model: "stable-diffusion-v35-large", input: input(i) }),
    });
    const started = (await res.json()) as { ok: boolean; generationIds: string[] };
    if (!started.ok) throw new Error(`submit failed: ${JSON.stringify(started)}`);
    const id = started.generationIds[0]!;
    for (;;) {
      const g = (await (await fetch(`${appUrl}/api/generations/${id}`)).json()) as {
        status: string;
        finishedAt: string | null;
        images: { url: string }[];
      };
      if (g.status === "failed") throw new Error(`generation failed: ${JSON.stringify(g)}`);
      if (g.status === "succeeded") {
        const t0 = performance.now();
        await (await fetch(`${appUrl}${g.images[0]!.url}`)).arrayBuffer();
        return Date.parse(g.finishedAt!) - submitted + (performance.now() - t0);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  // Warm up both paths (first requests compile routes, fill caches).
  for (let i = 0; i < 3; i++) {
    await direct(900 + i);
    await viaApp(900 + i);
  }
  const overheads: number[] = [];
  const appTimes: number[] = [];
  const directTimes: number[] = [];
  for (let i = 0; i < n; i++) {
    // The same request measured both ways, both after one unmeasured call, so the emulator's render cache treats
    // them alike and the difference is the app's own work.
    await direct(i);
    const d = await direct(i);
    const a = await viaApp(i);
    directTimes.push(d);
    appTimes.push(a);
    overheads.push(a - d);
    log(`  #${i + 1}: app ${a.toFixed(1)} ms, emulator ${d.toFixed(1)} ms`);
  }
  return {
    overhead_ms_p50: Math.round(percentile(overheads, 50) * 10) / 10,
    overhead_ms_p95: Math.round(percentile(overheads, 95) * 10) / 10,
    app_total_ms_p50: Math.round(percentile(appTimes, 50) * 10) / 10,
    emulator_direct_ms_p50: Math.round(percentile(directTimes, 50) * 10) / 10,
  };
}

/**
 * fanout_ratio: four targets (one per provider), each answering after 1.5 s; wall time from submit until all four
 * are stored, divided by 1.5 s. 1.0 would be perfect parallelism, 4 fully serial.
 */
async function fanout(appUrl: string, emulatorUrl: string) {
  const latencyMs = 1500;
  const providers = ["aimlapi", "segmind", "eachlabs", "imagepipeline"];
  for (const provider of providers) {
    await fetch(`${emulatorUrl}/__emulator/config`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ provider, latencyMs }),
    });
  }
  const targets = [
    { provider: "aimlapi", model: "stable-diffusion-v35-large" },
    { provider: "segmind", model: "stable-diffusion-3.5-large-txt2img" },
    { provider: "eachlabs", model: "stable-diffusion-3.5-large" },
    { provider: "imagepipeline", model: "sd3_5" },
  ];
  const ratios: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const res = await fetch(`${appUrl}/api/runs`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ shared: { prompt: `bench fanout ${i}`, size: "1:1", seed: 42 + i }, targets }),
    });
    const started = (await res.json()) as { ok: boolean; runId: string };
    if (!started.ok) throw new Error(`compare submit failed: ${JSON.stringify(started)}`);
    for (;;) {
      const run = (await (await fetch(`${appUrl}/api/runs/${started.runId}`)).json()) as { generations: { status: string }[] };
      if (run.generations.some((g) => g.status === "failed")) throw new Error(`a target failed: ${JSON.stringify(run)}`);
      if (run.generations.every((g) => g.status === "succeeded")) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    const ratio = (performance.now() - t0) / latencyMs;
    ratios.push(ratio);
    log(`  fanout #${i + 1}: ${(ratio * latencyMs).toFixed(0)} ms → ratio ${ratio.toFixed(3)}`);
  }
  await fetch(`${emulatorUrl}/__emulator/reset`, { method: "POST" });
  return { fanout_ratio: Math.round(percentile(ratios, 50) * 1000) / 1000 };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
