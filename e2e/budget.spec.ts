import type { Locator } from "@playwright/test";
import { test, expect, emulatorReset, type Page } from "./support/fixtures";
import { ComparePage } from "./support/compare-page";
import { PlaygroundPage } from "./support/playground-page";
import { hydrated } from "./support/hydration";

const two = ["Segmind · Stable Diffusion 3.5 Large", "AI/ML API · Stable Diffusion 3.5 Large"];

/** Sets (or, with "", clears) the total daily cap on the settings page. */
async function setDailyCap(page: Page, usd: string) {
  await page.goto("/settings");
  const field = page.getByLabel("Total daily cap in USD");
  await field.fill(usd);
  await page.getByRole("button", { name: "Save budgets" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();
  await expect(field).toHaveValue(usd);
}

async function emulatorRequests(emulatorUrl: string): Promise<number> {
  const log = (await (await fetch(`${emulatorUrl}/__emulator/requests`)).json()) as unknown[];
  return log.length;
}

test.afterEach(async ({ page, servers }) => {
  await setDailyCap(page, "");
  await emulatorReset(servers);
});

test("a refused save keeps what was typed in every cap, and says which one is wrong", async ({ page }) => {
  await page.goto("/settings");
  const daily = page.getByLabel("Total daily cap in USD");
  const monthly = page.getByLabel("Total monthly cap in USD");
  await hydrated(page.getByRole("button", { name: "Save budgets" }));
  // A comma for the decimal point (a European keyboard), and a good value beside it.
  await daily.fill("2,50");
  await monthly.fill("10");
  await page.getByRole("button", { name: "Save budgets" }).click();
  await expect(page.getByRole("status").filter({ hasText: /not valid/ })).toBeVisible();
  await expect(daily).toHaveAttribute("aria-invalid", "true");
  await expect(daily).toHaveValue("2,50");
  await expect(monthly).toHaveValue("10");
});

test("a budget refuses a comparison before any provider is called, in the form and through the API", async ({ page, servers, request }) => {
  await setDailyCap(page, "0.01");
  // Other specs share this server and may have spent today already: what is left is at most the cap.
  await expect(page.getByRole("row", { name: /Total/ })).toContainText(/\$0\.0[01]\d* left/);

  const compare = new ComparePage(page);
  await compare.open();
  await compare.selectTargets(two);
  await compare.setShared({ prompt: "budget: a jar of coins on a shelf" });
  const before = await emulatorRequests(servers.emulatorUrl);
  await page.getByRole("button", { name: /Compare 2 targets/ }).click();
  const alert = page.getByRole("alert").filter({ hasText: "Not started" });
  await expect(alert).toContainText(/Over budget: the daily budget is \$0\.010 and \$0(\.\d+)? is left; this submission is estimated at \$0\.\d+\. Nothing was sent\./);
  await expect(page).toHaveURL(/\/compare$/);

  const res = await request.post("/api/runs", {
    data: { shared: { prompt: "budget via the API", size: "1:1" }, targets: [{ provider: "segmind", model: "stable-diffusion-3.5-large-txt2img" }, { provider: "aimlapi", model: "stable-diffusion-v35-large" }] },
  });
  expect(res.status()).toBe(402);
  expect(await res.json()).toMatchObject({ ok: false, code: "budget_exceeded", message: expect.stringMatching(/^Over budget: the daily budget/) });

  // Give a submission that slipped through time to reach the emulator: none may.
  await page.waitForTimeout(1000);
  expect(await emulatorRequests(servers.emulatorUrl)).toBe(before);
});

/** The button's estimate under it, and its breakdown shown on keyboard focus and on hover. */
async function expectCostPreview(page: Page, scope: Locator, name: string | RegExp, lines: RegExp[], label = "Estimated cost") {
  const button = scope.getByRole("button", { name });
  const preview = scope.locator("[data-cost-preview]").filter({ has: page.getByRole("button", { name }) });
  const total = new RegExp(`${label}: ≈ \\$0\\.\\d+`);
  await expect(preview.locator("[data-cost-total]")).toHaveText(total);
  await expect(button).toHaveAccessibleDescription(total);
  const tip = preview.getByRole("tooltip");
  await expect(tip).toBeHidden();
  await button.focus();
  await expect(tip).toBeVisible();
  for (const line of lines) await expect(tip).toContainText(line);
  await page.keyboard.press("Escape");
  await expect(tip).toBeHidden();
  await button.blur();
  await page.mouse.move(0, 0);
  await button.hover();
  await expect(tip).toBeVisible();
  await page.mouse.move(0, 0);
  await expect(tip).toBeHidden();
}

test("Generate, Compare and Retry each show the estimated cost, with its breakdown on hover and focus", async ({ page, servers }) => {
  test.setTimeout(90_000);
  const playground = new PlaygroundPage(page);
  await playground.open();
  await playground.pickModel("Segmind", "Stable Diffusion 3.5 Large");
  await playground.setPrompt("preview: a lamp in a window [[emulate:500]]");
  await expectCostPreview(page, page.locator("body"), /Generate/, [
    /Segmind · Stable Diffusion 3\.5 Large: 1 image, \$0\.\d+ \((price table, 2026-11|history of \d+ runs)\)/,
  ]);

  await playground.generate();
  const card = playground.latestCard();
  await playground.waitForStatus(card, "Failed");
  // Its HTTP 500 was not billed: the card says $0, and the figure beside the button is what a retry costs.
  await expect(card.getByTestId("cost")).toHaveText("$0 — not billed");
  await expectCostPreview(page, card, "Retry Segmind", [/Segmind · Stable Diffusion 3\.5 Large: 1 image/], "Retry cost");

  // A retry is checked against the budgets too: refused, with the reason beside the button, and nothing sent.
  const settings = await page.context().newPage();
  await setDailyCap(settings, "0");
  const before = await emulatorRequests(servers.emulatorUrl);
  await playground.waitForStatus(playground.latestCard(), "Failed");
  await playground.latestCard().getByRole("button", { name: "Retry Segmind" }).click();
  await expect(playground.latestCard().getByRole("status").filter({ hasText: "Over budget" })).toContainText("the daily budget is $0 and $0 is left");
  expect(await emulatorRequests(servers.emulatorUrl)).toBe(before);
  await setDailyCap(settings, "");
  await settings.close();

  const compare = new ComparePage(page);
  await compare.open();
  await compare.selectTargets(two);
  await expectCostPreview(page, page.locator("body"), /Compare 2 targets/, [
    /Segmind · Stable Diffusion 3\.5 Large: 1 image, \$0\.\d+/,
    /AI\/ML API · Stable Diffusion 3\.5 Large: 1 image, \$0\.\d+/,
  ]);
});
