import fs from "node:fs";
import type { APIRequestContext } from "@playwright/test";
import { readZip } from "../lib/export/zip-reader";
import { readSettings } from "../lib/metadata/embed";
import { segmind as segmindProvider } from "../lib/providers/segmind/definition";
import { test, expect, screenshotPath, type Page } from "./support/fixtures";
import { hydrated } from "./support/hydration";

/**
 * The gallery at work: search, filters kept in the URL, favourites, delete with confirmation (image gone too), and a
 * zip of a selection. Every prompt carries a tag unique to this run, because other specs share the database.
 */

const tag = `gallery-${Date.now().toString(36)}`;
const prompts = {
  lighthouse: `${tag} a lighthouse on a cliff at dusk`,
  fox: `${tag} a red fox in fresh snow`,
  boat: `${tag} a paper boat on a puddle`,
  broken: `${tag} a broken generation [[emulate:500]]`,
};

const aiml = (prompt: string) => ({
  provider: "aimlapi",
  model: "stable-diffusion-v35-large",
  input: { prompt, num_images: 1, num_inference_steps: 20, image_size: "square", enable_safety_checker: true, output_format: "png" },
});
const segmindModel = segmindProvider.models[0]!;
// Segmind requires sampler and scheduler; its defaults carry them.
const segmind = (prompt: string) => ({
  provider: "segmind",
  model: segmindModel.id,
  input: { ...segmindModel.defaults, prompt, steps: 10 } as Record<string, unknown>,
});

interface Generation {
  id: string;
  runId: string;
  status: string;
  images: { url: string }[];
}

async function generate(request: APIRequestContext, body: { provider: string; model: string; input: Record<string, unknown> }): Promise<Generation> {
  const res = await request.post("/api/generations", { data: body });
  const started = (await res.json()) as { ok: boolean; generationIds?: string[] };
  expect(started.ok, JSON.stringify(started)).toBe(true);
  const id = started.generationIds![0]!;
  let g: Generation | undefined;
  await expect
    .poll(
      async () => {
        g = (await (await request.get(`/api/generations/${id}`)).json()) as Generation;
        return g.status;
      },
      { timeout: 30_000 },
    )
    .toMatch(/succeeded|failed/);
  return g!;
}

const grid = (page: Page) => page.getByRole("list", { name: "Generations" });
const tile = (page: Page, prompt: string) => grid(page).getByRole("listitem").filter({ has: page.getByRole("link", { name: new RegExp(`${escape(prompt)}$`) }) });
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

async function search(page: Page, text: string) {
  await page.getByRole("searchbox", { name: "Search prompts" }).fill(text);
  await expect(page).toHaveURL(new RegExp(`[?&]q=${escape(new URLSearchParams({ q: text }).toString().slice(2))}(&|$)`));
}

async function choose(page: Page, filter: "Provider" | "Model" | "Status" | "Date", option: string) {
  await page.getByRole("combobox", { name: filter }).click();
  await page.getByRole("option", { name: option, exact: true }).click();
}

async function expectTiles(page: Page, expected: string[]) {
  await expect(grid(page).getByRole("listitem")).toHaveCount(expected.length);
  for (const prompt of expected) await expect(tile(page, prompt)).toHaveCount(1);
}

test("search, filters in the URL, favourites, delete with its image, and a zip of a selection", async ({ page, request }) => {
  test.setTimeout(150_000);
  const made = {
    lighthouse: await generate(request, aiml(prompts.lighthouse)),
    fox: await generate(request, aiml(prompts.fox)),
    boat: await generate(request, segmind(prompts.boat)),
    broken: await generate(request, aiml(prompts.broken)),
  };
  expect(made.broken.status).toBe("failed");
  for (const g of [made.lighthouse, made.fox, made.boat]) expect(g.status).toBe("succeeded");
  const all = Object.values(prompts);

  // Search narrows the gallery, and the URL says so.
  await page.goto("/gallery");
  await search(page, tag);
  await expectTiles(page, all);
  await search(page, `${tag} a red`);
  await expectTiles(page, [prompts.fox]);
  await search(page, tag);

  // Provider filter.
  await choose(page, "Provider", "Segmind");
  await expect(page).toHaveURL(/provider=segmind/);
  await expectTiles(page, [prompts.boat]);
  await choose(page, "Provider", "All providers");
  await expectTiles(page, all);

  // Status: only the failed one; the server renders the same from the URL after a reload.
  await choose(page, "Status", "Failed");
  await expect(page).toHaveURL(/status=failed/);
  await expectTiles(page, [prompts.broken]);
  await page.reload();
  await expectTiles(page, [prompts.broken]);
  await expect(page.getByRole("combobox", { name: "Status" })).toHaveText("Failed");
  await choose(page, "Status", "All statuses");
  await expectTiles(page, all);

  // Star one; the favourites filter shows it alone.
  const lighthouseStar = tile(page, prompts.lighthouse).getByRole("button", { name: "Favourite" });
  await tile(page, prompts.lighthouse).hover();
  await lighthouseStar.click();
  await expect(lighthouseStar).toHaveAttribute("aria-pressed", "true");
  await page.getByRole("button", { name: "Favourites only" }).click();
  await expect(page).toHaveURL(/fav=1/);
  await expectTiles(page, [prompts.lighthouse]);
  await page.reload();
  await expectTiles(page, [prompts.lighthouse]);
  await page.screenshot({ path: screenshotPath("gallery-filters"), fullPage: true });

  // Nothing matches: say so, and offer to clear.
  await search(page, `${tag} zeppelin`);
  await expect(page.getByText("No items match these filters")).toBeVisible();
  await page.getByRole("main").getByRole("button", { name: "Clear filters" }).last().click();
  await expect(page).toHaveURL(/\/gallery$/);
  await expect(page.getByRole("searchbox", { name: "Search prompts" })).toHaveValue("");

  // Delete one from its detail page, confirming first; it is gone after a reload and so is its image.
  const foxImage = made.fox.images[0]!.url;
  expect((await request.get(foxImage)).status()).toBe(200);
  await page.goto(`/gallery?q=${encodeURIComponent(tag)}`);
  await tile(page, prompts.fox).getByRole("link").click();
  const deleteButton = page.getByRole("complementary", { name: "Generation details" }).getByRole("button", { name: "Delete", exact: true });
  // From the keyboard: Escape or Cancel closes the confirmation and puts focus back on Delete, not on the page body.
  await hydrated(deleteButton);
  await deleteButton.focus();
  await page.keyboard.press("Enter");
  const confirm = page.getByRole("dialog", { name: "Delete this generation?" });
  await expect(confirm).toContainText("removed from disk");
  await page.keyboard.press("Escape");
  await expect(confirm).toHaveCount(0);
  await expect(deleteButton).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(confirm).toBeVisible();
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toHaveCount(0);
  await expect(deleteButton).toBeFocused();
  expect((await request.get(`/api/generations/${made.fox.id}`)).status()).toBe(200);
  await page.getByRole("complementary", { name: "Generation details" }).getByRole("button", { name: "Delete", exact: true }).click();
  await confirm.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(page).toHaveURL(/\/gallery$/);
  await page.goto(`/gallery?q=${encodeURIComponent(tag)}`);
  await page.reload();
  await expectTiles(page, [prompts.lighthouse, prompts.boat, prompts.broken]);
  expect((await request.get(foxImage)).status()).toBe(404);
  expect((await request.get(`/api/generations/${made.fox.id}`)).status()).toBe(404);

  // Select two (the second with shift held: a range of one step) and download them as a zip.
  await tile(page, prompts.boat).getByRole("checkbox").check();
  await tile(page, prompts.lighthouse).getByRole("checkbox").click({ modifiers: ["Shift"] });
  const selection = page.getByRole("region", { name: "Selection" });
  await expect(selection).toContainText("2 selected");
  await page.screenshot({ path: screenshotPath("gallery-selection"), fullPage: true });
  const [download] = await Promise.all([page.waitForEvent("download"), selection.getByRole("button", { name: "Download zip" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^sd3-playground-.*\.zip$/);
  const entries = readZip(new Uint8Array(fs.readFileSync(await download.path())));
  const names = entries.map((e) => e.name);
  expect(names[0]).toBe("manifest.json");
  expect(names.filter((n) => n.startsWith("images/"))).toHaveLength(2);
  const manifest = JSON.parse(new TextDecoder().decode(entries[0]!.data)) as {
    runs: { prompt: string; generations: { provider: string; seed: string | null; parameters: Record<string, unknown>; images: { file: string }[] }[] }[];
  };
  expect(manifest.runs.map((r) => r.prompt).sort()).toEqual([prompts.boat, prompts.lighthouse].sort());
  for (const run of manifest.runs) {
    const g = run.generations[0]!;
    expect(g.parameters).toMatchObject({ prompt: run.prompt });
    expect(names).toContain(g.images[0]!.file);
    // "Embed settings" is on (the default): each image carries its settings, as a single download does.
    const settings = await readSettings(entries.find((e) => e.name === g.images[0]!.file)!.data);
    expect(settings.a1111).toContain(run.prompt);
  }

  // "Select all loaded" takes in the third one too.
  await selection.getByRole("button", { name: /Select all loaded/ }).click();
  await expect(selection).toContainText("3 selected");
  await selection.getByRole("button", { name: "Clear selection" }).click();
  await expect(selection).toHaveCount(0);

  // Delete from the grid: select, confirm, gone at once and after a reload.
  await tile(page, prompts.broken).getByRole("checkbox").check();
  await selection.getByRole("button", { name: "Delete…" }).click();
  const confirmMany = page.getByRole("dialog", { name: "Delete 1 item?" });
  await confirmMany.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(confirmMany).toHaveCount(0);
  await expectTiles(page, [prompts.lighthouse, prompts.boat]);
  await page.reload();
  await expectTiles(page, [prompts.lighthouse, prompts.boat]);
  expect((await request.get(`/api/runs/${made.broken.runId}`)).status()).toBe(404);
});

test("on a narrow screen the filters fold into a dialog", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto(`/gallery?status=failed&q=${encodeURIComponent(tag)}`);
  await expect(page.getByRole("combobox", { name: "Status" })).toBeHidden();
  await page.getByRole("button", { name: /^Filters/ }).click();
  const dialog = page.getByRole("dialog", { name: "Filters" });
  await expect(dialog.getByRole("combobox", { name: "Status" })).toHaveText("Failed");
  await dialog.getByRole("combobox", { name: "Status" }).click();
  await page.getByRole("option", { name: "All statuses", exact: true }).click();
  await expect(page).not.toHaveURL(/status=/);
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(dialog).toHaveCount(0);
  await page.screenshot({ path: screenshotPath("gallery-mobile"), fullPage: true });
});

test("a comparison loses one target, then goes whole, from its run view", async ({ page, request }) => {
  const res = await request.post("/api/runs", {
    data: {
      shared: { prompt: `${tag} compare: a windmill`, size: "1:1", seed: 7 },
      targets: [
        { provider: "aimlapi", model: "stable-diffusion-v35-large" },
        { provider: "eachlabs", model: "stable-diffusion-3.5-large" },
      ],
    },
  });
  const { runId } = (await res.json()) as { runId: string };
  await page.goto(`/runs/${runId}`);
  const cards = page.getByRole("region", { name: "Results" }).getByRole("article");
  await expect(cards).toHaveCount(2);
  for (const card of await cards.all()) await expect(card).toHaveAttribute("data-status", /succeeded|failed/, { timeout: 30_000 });

  // A confirmation dismissed from the keyboard gives focus back to the button that opened it.
  const deleteTarget = page.getByRole("button", { name: "Delete this target" }).first();
  await hydrated(deleteTarget);
  await deleteTarget.focus();
  await page.keyboard.press("Enter");
  const confirmTarget = page.getByRole("dialog", { name: "Delete this generation?" });
  await expect(confirmTarget).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(confirmTarget).toHaveCount(0);
  await expect(deleteTarget).toBeFocused();
  await expect(cards).toHaveCount(2);

  await deleteTarget.click();
  await confirmTarget.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(cards).toHaveCount(1);
  await expect(page.getByRole("button", { name: "Delete this target" })).toHaveCount(0);

  await page.getByRole("button", { name: "Favourite" }).click();
  await expect(page.getByRole("button", { name: "Favourite" })).toHaveAttribute("aria-pressed", "true");
  await expect.poll(async () => ((await (await request.get(`/api/runs/${runId}`)).json()) as { favorite: boolean }).favorite).toBe(true);

  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await page.getByRole("dialog", { name: "Delete this comparison?" }).getByRole("button", { name: "Delete", exact: true }).click();
  await expect(page).toHaveURL(/\/gallery$/);
  expect((await request.get(`/api/runs/${runId}`)).status()).toBe(404);
});

test("Copy JSON on a result's page copies the parameters exactly as they were sent", async ({ page, request, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const g = await generate(request, segmind(`${tag} copy the settings of this one`));
  const { sent } = (await (await request.get(`/api/generations/${g.id}`)).json()) as { sent: Record<string, unknown> | null };
  expect(sent).toMatchObject({ prompt: `${tag} copy the settings of this one`, steps: 10 });
  await page.goto(`/gallery/${g.id}`);
  const copy = page.getByRole("button", { name: "Copy JSON" });
  await hydrated(copy);
  await copy.click();
  await expect(page.getByRole("button", { name: "Copied" })).toBeVisible();
  expect(JSON.parse(await page.evaluate(() => navigator.clipboard.readText()))).toEqual(sent);
});
