import type { Route } from "@playwright/test";
import sharp from "sharp";
import fs from "node:fs";
import { readZip } from "../lib/export/zip-reader";
import { readPngText } from "../lib/metadata/png-text";
import { test, expect, emulatorConfig, emulatorReset, screenshotPath, type Page } from "./support/fixtures";

// Counts start from zero whatever ran before (the emulator is shared by the whole e2e run).
test.beforeEach(async ({ servers }) => emulatorReset(servers));
test.afterEach(async ({ servers }) => emulatorReset(servers));

const stats = async (emulatorUrl: string) =>
  (await (await fetch(`${emulatorUrl}/__emulator/stats`)).json()) as Record<string, { requests: number } | undefined>;

/** Picks an option of a Radix select by its visible label. */
async function choose(page: Page, trigger: string, option: string) {
  await page.getByLabel(trigger, { exact: true }).click();
  await page.getByRole("option", { name: option, exact: true }).click();
}

async function shoot(page: Page, name: string) {
  for (const [width, scheme] of [[360, "light"], [360, "dark"], [1440, "light"], [1440, "dark"]] as const) {
    await page.setViewportSize({ width, height: 900 });
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: screenshotPath(`${name}-${width}-${scheme}`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.emulateMedia({ colorScheme: "light" });
}

test("a 3×3 grid with provider/model as an axis: a failed cell retries alone, then the labelled PNG and the zip export", async ({ page, servers }) => {
  test.setTimeout(180_000);
  // The first Segmind request fails with a 500; its retry goes through.
  await emulatorConfig(servers, { provider: "segmind", fault: "500", times: 1 });
  await page.goto("/grid");
  await page.getByLabel("Prompt", { exact: true }).fill("grid: a red fox in the snow");
  await choose(page, "X axis", "Provider / model");
  const x = page.getByTestId("axis-X");
  for (const name of ["AI/ML API · Stable Diffusion 3.5 Large", "Segmind · Stable Diffusion 3.5 Large", "Eachlabs · Stable Diffusion 3.5 Large"]) {
    await x.getByRole("checkbox", { name, exact: true }).check();
  }
  await page.getByRole("button", { name: "Add the Y axis" }).click();
  await choose(page, "Y axis", "Prompt S/R (search and replace)");
  await page.getByLabel("Search, then replacements (one per line)").fill("red\ngrey\narctic");

  // An invalid value is named on its axis before anything is sent.
  await page.getByRole("button", { name: "Add the Z axis" }).click();
  await choose(page, "Z axis", "Steps");
  await page.getByTestId("axis-Z").getByLabel("Steps values (comma-separated)").fill("60");
  await expect(page.getByTestId("axis-Z")).toContainText("steps 60 is above AI/ML API's maximum of 50");
  await expect(page.getByRole("button", { name: /Run grid/ })).toBeDisabled();
  await page.getByRole("button", { name: "Remove the Z axis" }).click();

  await expect(page.getByTestId("grid-summary")).toContainText("Grid 3 × 3 · 9 cells · 9 images");
  await expect(page.getByTestId("grid-summary")).toContainText(/about \$/);
  await shoot(page, "grid-builder");
  const before = await stats(servers.emulatorUrl);
  expect(before.segmind?.requests ?? 0).toBe(0);
  await page.getByRole("button", { name: "Run grid (9 cells)" }).click();
  await page.waitForURL(/\/grid\/[0-9a-f-]{36}$/);
  const runId = page.url().split("/").pop()!;

  const cells = page.getByTestId("grid-cell");
  await expect(cells).toHaveCount(9);
  await expect(page.getByTestId("grid-progress")).toHaveText("8 of 9 done, 1 failed", { timeout: 60_000 });
  const failed = cells.and(page.locator('[data-status="failed"]'));
  await expect(failed).toHaveCount(1);
  await expect(failed).toHaveAttribute("data-cell", /Provider \/ model Segmind · Stable Diffusion 3.5 Large/);
  await expect(failed.getByRole("alert")).toContainText(/server error/i);
  // A retry that cannot reach the server says so in the cell, and nothing is sent.
  const offline = (route: Route) => (route.request().method() === "POST" && route.request().headers()["next-action"] ? route.abort() : route.fallback());
  await page.route("**/grid/**", offline);
  await failed.getByRole("button", { name: /^Retry / }).click();
  await expect(failed.getByRole("alert")).toHaveText("Not retried: The server could not be reached.");
  await page.unroute("**/grid/**", offline);
  // The retry is one request to Segmind and nothing else.
  const mid = await stats(servers.emulatorUrl);
  await failed.getByRole("button", { name: /^Retry / }).click();
  await expect(page.getByTestId("grid-progress")).toHaveText("9 of 9 done", { timeout: 30_000 });
  const after = await stats(servers.emulatorUrl);
  expect(after.segmind?.requests).toBe((mid.segmind?.requests ?? 0) + 1);
  expect(after.aimlapi?.requests).toBe(mid.aimlapi?.requests);
  expect(after.eachlabs?.requests).toBe(mid.eachlabs?.requests);
  await shoot(page, "grid-run");

  // One PNG of the whole grid, labelled, a few MB at most, with the grid's A1111 parameters.
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Grid PNG" }).click();
  const png = fs.readFileSync((await (await download).path())!);
  expect(png.length).toBeGreaterThan(50_000);
  expect(png.length).toBeLessThan(8 * 1024 * 1024);
  const meta = await sharp(png).metadata();
  expect(meta.format).toBe("png");
  expect(meta.width).toBeGreaterThan(3 * 300);
  const raw = await sharp(png).raw().toBuffer();
  expect(raw.length).toBe(meta.width! * meta.height! * meta.channels!);
  const text = readPngText(png).parameters ?? "";
  expect(text).toContain("Script: X/Y/Z plot");
  expect(text).toContain("X Type: Provider / model");
  expect(text).toContain('Y Values: "red, grey, arctic"');

  // Every cell in a zip, with a manifest that places each one.
  const zip = await page.request.get(`/api/grid/${runId}/zip`);
  expect(zip.status()).toBe(200);
  const entries = readZip(new Uint8Array(await zip.body()));
  const manifest = JSON.parse(new TextDecoder().decode(entries.find((e) => e.name === "manifest.json")!.data)) as {
    cells: { x: number; y: number; labels: Record<string, string | null>; generation: { images: { file: string }[] } }[];
  };
  expect(manifest.cells).toHaveLength(9);
  expect(manifest.cells.find((c) => c.x === 1 && c.y === 2)?.labels).toEqual({ x: "Segmind · Stable Diffusion 3.5 Large", y: "arctic" });
  expect(entries.filter((e) => e.name.startsWith("cells/"))).toHaveLength(9);
  expect(manifest.cells.map((c) => `${c.x},${c.y}`).sort()).toEqual(["0,0", "0,1", "0,2", "1,0", "1,1", "1,2", "2,0", "2,1", "2,2"]);

  // The grid is one gallery item, and any cell opens its generation with "use these settings".
  await page.goto("/gallery");
  await expect(page.getByRole("link", { name: /^Grid of 9 cells: grid: a red fox/ })).toBeVisible();
  await page.getByRole("link", { name: /^Grid of 9 cells/ }).click();
  await page.waitForURL(`**/grid/${runId}`);
  await page.getByRole("link", { name: /^Open Provider \/ model Segmind · Stable Diffusion 3\.5 Large, Prompt S\/R grey/ }).click();
  await expect(page.getByRole("link", { name: "Use these settings" })).toBeVisible();
  await expect(page.getByText("a grey fox in the snow").first()).toBeVisible();
});

test("a grid above the confirmation threshold asks with its numbers, then can be cancelled: queued cells are never sent", async ({ page, servers }) => {
  test.setTimeout(120_000);
  await page.goto("/grid");
  // Every request takes 4 s, so most of the 20 cells wait in the queue when Cancel is pressed.
  await page.getByLabel("Prompt", { exact: true }).fill("grid cancel: a red fox [[latency:4000]]");
  await choose(page, "X axis", "Steps");
  await page.getByTestId("axis-X").getByLabel("Steps values (comma-separated)").fill("10, 20, 30, 40, 50");
  await page.getByRole("button", { name: "Add the Y axis" }).click();
  await choose(page, "Y axis", "Prompt S/R (search and replace)");
  await page.getByLabel("Search, then replacements (one per line)").fill("red\ngrey\narctic\nsnow");
  await page.getByRole("button", { name: "Run grid (20 cells)" }).click();
  // 20 images is above CONFIRM_ABOVE_IMAGES (16): the server's numbers for exactly this grid, before anything is stored.
  const dialog = page.getByRole("dialog", { name: "Run this grid?" });
  await expect(dialog).toContainText("5 × 4 = 20 cells, 20 images");
  expect(Object.values(await stats(servers.emulatorUrl)).reduce((n, s) => n + (s?.requests ?? 0), 0)).toBe(0);
  await dialog.getByRole("button", { name: "Run 20 cells" }).click();
  await page.waitForURL(/\/grid\/[0-9a-f-]{36}$/);
  await page.getByRole("button", { name: /^Cancel all \(\d+ unfinished\)$/ }).click();
  // Nothing is left unfinished, and the button goes with the last of it.
  await expect(page.getByTestId("grid-progress")).toHaveText(/^\d+ of 20 done, \d+ failed$/, { timeout: 30_000 });
  await expect(page.getByRole("button", { name: /^Cancel all/ })).toHaveCount(0);
  const canceled = page.getByTestId("grid-cell").and(page.locator('[data-status="failed"]'));
  expect(await canceled.count()).toBeGreaterThan(0);
  const sent = Object.values(await stats(servers.emulatorUrl)).reduce((n, s) => n + (s?.requests ?? 0), 0);
  expect(sent, "queued cells were not sent").toBeLessThan(20);
});

test("a grid over the hard limit is refused with its numbers, by the form and by the server, and nothing is stored", async ({ page, request }) => {
  const grids = async () => ((await (await request.get("/api/runs?limit=100")).json()) as { items: { kind: string }[] }).items.filter((r) => r.kind === "grid").length;
  const stored = await grids();
  await page.goto("/grid");
  await choose(page, "X axis", "Seed");
  await page.getByRole("button", { name: "Range" }).click();
  await page.getByLabel("From", { exact: true }).fill("1");
  await page.getByLabel("To", { exact: true }).fill("401");
  await page.getByLabel("Step", { exact: true }).fill("1");
  const refusal = "This grid has 401 = 401 cells; the limit is 400 (GRID_MAX_CELLS). Use fewer values.";
  await expect(page.getByText(refusal)).toBeVisible();
  await expect(page.getByRole("button", { name: /Run grid/ })).toBeDisabled();
  // The shortcut still submits: the server refuses it too, before storing anything.
  await page.getByLabel("Prompt", { exact: true }).press("Control+Enter");
  await expect(page.getByRole("alert").filter({ hasText: "Not started" })).toContainText(refusal);
  expect(await grids()).toBe(stored);
});

test("the page arrives with its starting grid checked: size, cost and the Run button's cell count before any script runs", async ({ browser }) => {
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const page = await ctx.newPage();
  await page.goto("/grid");
  await expect(page.getByTestId("grid-summary")).toContainText(/Grid 2 · 2 cells · 2 images · about \$/);
  await expect(page.getByRole("button", { name: "Run grid (2 cells)" })).toBeVisible();
  await ctx.close();
});
