import { test, expect, emulatorConfig, emulatorReset, screenshotPath, type Page } from "./support/fixtures";
import { ComparePage } from "./support/compare-page";

// Two providers of SD3.5 Large that both answer a JPEG at quality 90, so parity mode can make their pixels identical.
const targets = ["AI/ML API · Stable Diffusion 3.5 Large", "fal · Stable Diffusion 3.5 Large"];

test.afterEach(async ({ servers }) => emulatorReset(servers));

async function compareAndOpenReport(page: Page, prompt: string) {
  const compare = new ComparePage(page);
  await compare.open();
  await compare.selectTargets(targets);
  await compare.setShared({ prompt, seed: 8080 });
  await compare.submit();
  await expect(compare.cards()).toHaveCount(2);
  for (const card of await compare.cards().all()) await expect(card).toHaveAttribute("data-status", "succeeded", { timeout: 30_000 });
  // Parity is computed on the server; the run page renders its line again as the generations end, without a reload.
  const line = page.getByTestId("parity-line");
  await expect(line).toContainText("(1 pair)");
  const summary = (await line.textContent()) ?? "";
  await line.getByRole("link", { name: "Parity report" }).click();
  await expect(page.getByRole("heading", { name: "Parity report" })).toBeVisible();
  return summary;
}

test("in the emulator's parity mode two providers of one family read identical", async ({ page, servers }) => {
  test.setTimeout(90_000);
  await emulatorConfig(servers, { parity: true });
  const summary = await compareAndOpenReport(page, "parity: a brass compass on a map");
  expect(summary).toMatch(/1 identical · 0 near-identical · 0 different \(1 pair\)/);
  const row = page.getByRole("table", { name: "Parity of image pairs" }).getByRole("row").nth(1);
  await expect(row).toHaveAttribute("data-label", "identical");
  await expect(row).toContainText("sd3.5-large · seed 8080");
  await expect(row).toContainText("0 / 64");
  await expect(row).toContainText("1.0000");
  await page.screenshot({ path: screenshotPath("parity-identical"), fullPage: true });
  // Computed once: a second view reads the stored scores and says the same.
  await page.reload();
  await expect(row).toHaveAttribute("data-label", "identical");

  // On a phone each pair is a card with its verdict and figures on screen, not columns off to the right.
  await page.setViewportSize({ width: 360, height: 740 });
  const card = page.getByRole("list", { name: "Image pairs" }).getByRole("listitem").first();
  await expect(card).toHaveAttribute("data-label", "identical");
  for (const text of ["identical", "0 / 64", "1.0000", "seed 8080"]) {
    const box = await card.getByText(text, { exact: false }).first().boundingBox();
    expect(box && box.x + box.width, text).toBeLessThanOrEqual(360);
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await page.screenshot({ path: screenshotPath("parity-identical-360"), fullPage: true });
});

test("without parity mode the same comparison reads different, with the caveat", async ({ page }) => {
  test.setTimeout(90_000);
  const summary = await compareAndOpenReport(page, "parity: a brass compass on a map, again");
  expect(summary).toMatch(/0 identical · 0 near-identical · 1 different \(1 pair\)/);
  const row = page.getByRole("table", { name: "Parity of image pairs" }).getByRole("row").nth(1);
  await expect(row).toHaveAttribute("data-label", "different");
  await expect(page.getByRole("note")).toContainText("“Different” does not prove a different model");
  await page.screenshot({ path: screenshotPath("parity-different"), fullPage: true });
});
