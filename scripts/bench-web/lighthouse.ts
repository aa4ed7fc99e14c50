import fs from "node:fs";
import path from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

export interface PageFigures {
  perf: number;
  a11y: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  /** JavaScript transferred (gzip, as served by `next start`) during the page load, in KiB. */
  jsKib: number;
}

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** One Lighthouse run (default mobile preset: Moto G Power emulation, simulated slow 4G) in a fresh browser. */
export async function lighthouseRun(url: string): Promise<PageFigures> {
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-dev-shm-usage"],
  });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: ["performance", "accessibility"],
    });
    if (!result) throw new Error(`lighthouse returned nothing for ${url}`);
    const lhr = result.lhr;
    if (lhr.runtimeError) throw new Error(`${url}: ${lhr.runtimeError.message}`);
    const audit = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
    const summary = (lhr.audits["resource-summary"]?.details as { items?: { resourceType: string; transferSize: number }[] } | undefined)?.items ?? [];
    const script = summary.find((i) => i.resourceType === "script")?.transferSize ?? 0;
    // BENCH_WEB_DEBUG=1: which element Lighthouse took as the largest paint, and what delayed it.
    if (process.env.BENCH_WEB_DEBUG) console.error(url, JSON.stringify(lhr.audits["largest-contentful-paint-element"]?.details).slice(0, 1500));
    // BENCH_WEB_SAVE=<folder>: keep every whole report and its trace, to read what Lighthouse saw.
    if (process.env.BENCH_WEB_SAVE) {
      fs.mkdirSync(process.env.BENCH_WEB_SAVE, { recursive: true });
      const name = `${new URL(url).pathname.replace(/[^a-z0-9]+/gi, "_") || "_"}-${Date.now()}.json`;
      fs.writeFileSync(path.join(process.env.BENCH_WEB_SAVE, `${new URL(url).port}${name}`), JSON.stringify(lhr));
      fs.writeFileSync(path.join(process.env.BENCH_WEB_SAVE, `${new URL(url).port}${name}.trace`), JSON.stringify(result.artifacts.Trace));
    }
    return {
      perf: Math.round((lhr.categories.performance?.score ?? 0) * 100),
      a11y: Math.round((lhr.categories.accessibility?.score ?? 0) * 100),
      lcpMs: audit("largest-contentful-paint"),
      tbtMs: audit("total-blocking-time"),
      cls: audit("cumulative-layout-shift"),
      jsKib: script / 1024,
    };
  } finally {
    chrome.kill();
  }
}
