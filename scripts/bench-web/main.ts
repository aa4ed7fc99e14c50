/**
 * Page speed, measured the way the issue measured it: Lighthouse (from npm, mobile preset, simulated throttling)
 * against our production build and against a bare Next.js floor built from the same next/react, 3 runs per page
 * alternating between pages, medians reported. A benchmark, not a test: it prints figures and never fails on them.
 *   npm run bench:web            → a table
 *   npm run -s bench:web -- --json → one JSON object
 * BENCH_WEB_RUNS=1 and BENCH_WEB_PAGES=gallery,share (the floor always runs) make a quicker look while iterating.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmulator } from "../../emulator/server";
import { waitFor } from "../bench/util";
import { lighthouseRun, type PageFigures } from "./lighthouse";
import { seedPages } from "./seed";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const FLOOR = path.join(import.meta.dirname, "floor");
const NEXT = path.join(ROOT, "node_modules/.bin/next");
const RUNS = Number(process.env.BENCH_WEB_RUNS ?? 3);
const PAGES = ["home", "compare", "gallery", "share", "shares"] as const;
const only = process.env.BENCH_WEB_PAGES?.split(",").map((p) => p.trim());
const measured = PAGES.filter((p) => !only || only.includes(p));
const json = process.argv.includes("--json");
const log = (...args: unknown[]) => !json && console.error(...args);

function buildIfNeeded(dir: string, label: string) {
  if (fs.existsSync(path.join(dir, ".next", "BUILD_ID"))) return;
  log(`building ${label} once…`);
  const built = spawnSync(NEXT, ["build", ...(dir === ROOT ? [] : [dir])], {
    cwd: ROOT,
    stdio: json ? "ignore" : "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (built.status !== 0) throw new Error(`next build failed for ${label}`);
}

function start(dir: string, port: number, env: Record<string, string>): ChildProcess {
  return spawn(NEXT, ["start", ...(dir === ROOT ? [] : [dir]), "--port", String(port), "--hostname", "127.0.0.1"], {
    cwd: ROOT,
    stdio: "ignore",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env },
  });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

async function main() {
  buildIfNeeded(ROOT, "the app");
  buildIfNeeded(FLOOR, "the floor fixture");
  const emulator = await startEmulator({ port: 0 });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sd3pg-bench-web-"));
  const port = 3700 + Math.floor(Math.random() * 200);
  const floorPort = port + 200;
  const providerEnv = Object.fromEntries(
    ["AIMLAPI", "SEGMIND", "EACHLABS", "IMAGEPIPELINE"].flatMap((p) => [
      [`${p}_API_KEY`, "bench-key"],
      [`${p}_BASE_URL`, `${emulator.url}/${p.toLowerCase()}`],
    ]),
  );
  const app = start(ROOT, port, { ...providerEnv, PROVIDER_EMULATOR: "off", DATA_DIR: dataDir, POLL_INTERVAL_MS: "100" });
  const floor = start(FLOOR, floorPort, {});
  const appUrl = `http://127.0.0.1:${port}`;
  const floorUrl = `http://127.0.0.1:${floorPort}`;
  try {
    await waitFor(`${appUrl}/api/health`, app);
    await waitFor(floorUrl, floor);
    log("seeding a few results and a share link…");
    const { sharePath } = await seedPages(appUrl);
    const urls: Record<(typeof PAGES)[number], string> = {
      home: `${appUrl}/`,
      compare: `${appUrl}/compare`,
      gallery: `${appUrl}/gallery`,
      share: `${appUrl}${sharePath}`,
      shares: `${appUrl}/shares`,
    };
    const pages: Record<string, string> = { floor: `${floorUrl}/`, ...Object.fromEntries(measured.map((p) => [p, urls[p]])) };
    // One unmeasured request per page first: the first render of a route loads its server code, which no visitor
    // of a running server waits for.
    for (const url of Object.values(pages)) await fetch(url).then((r) => r.arrayBuffer());
    const runs: Record<string, PageFigures[]> = Object.fromEntries(Object.keys(pages).map((k) => [k, []]));
    // Alternate the pages run by run, so a busy moment on this shared machine spreads over all of them.
    for (let i = 0; i < RUNS; i++) {
      for (const [name, url] of Object.entries(pages)) {
        log(`lighthouse ${name} (${i + 1}/${RUNS})…`);
        runs[name]!.push(await lighthouseRun(url));
      }
    }
    const results: Record<string, number> = {};
    const floorJs = median(runs.floor!.map((r) => r.jsKib));
    results.web_js_kib_floor = round(floorJs);
    results.lighthouse_perf_floor = median(runs.floor!.map((r) => r.perf));
    // The floor's own paint and blocking time in the same run: what this machine gives a page with no app in it.
    results.lcp_ms_floor = Math.round(median(runs.floor!.map((r) => r.lcpMs)));
    results.tbt_ms_floor = Math.round(median(runs.floor!.map((r) => r.tbtMs)));
    for (const name of measured) {
      const r = runs[name]!;
      const js = median(r.map((x) => x.jsKib));
      results[`web_js_kib_${name}`] = round(js);
      results[`web_js_over_floor_kib_${name}`] = round(js - floorJs);
      results[`lighthouse_perf_${name}`] = median(r.map((x) => x.perf));
      results[`lighthouse_a11y_${name}`] = median(r.map((x) => x.a11y));
      results[`lcp_ms_${name}`] = Math.round(median(r.map((x) => x.lcpMs)));
      results[`tbt_ms_${name}`] = Math.round(median(r.map((x) => x.tbtMs)));
      results[`cls_${name}`] = Math.round(median(r.map((x) => x.cls)) * 1000) / 1000;
    }
    if (json) console.log(JSON.stringify(results));
    else console.table(Object.entries(results).map(([metric, value]) => ({ metric, value })));
  } finally {
    app.kill("SIGTERM");
    floor.kill("SIGTERM");
    await emulator.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const round = (n: number) => Math.round(n * 10) / 10;

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
