import { test, expect, screenshotPath } from "./support/fixtures";
import { PlaygroundPage } from "./support/playground-page";

// Faults are asked of the emulator through prompt directives; the app passes the prompt through untouched.
const cases = [
  {
    name: "401",
    provider: "Segmind",
    model: "Stable Diffusion 3.5 Large",
    directive: "[[emulate:401]]",
    expect: [/Segmind rejected the API key/i],
  },
  {
    name: "429",
    provider: "AI/ML API",
    model: "Stable Diffusion 3.5 Large",
    directive: "[[emulate:429]]",
    expect: [/AI\/ML API is rate limiting requests/i, /Rate limit resets at/i],
  },
  {
    name: "timeout",
    provider: "Eachlabs",
    model: "Stable Diffusion 3.5 Large",
    directive: "[[emulate:hang]]",
    expect: [/Eachlabs did not finish in time/i, /did not answer within 4 s/i],
  },
];

for (const c of cases) {
  test(`a ${c.name} from ${c.provider} is explained on the card`, async ({ page }) => {
    const playground = new PlaygroundPage(page);
    await playground.open();
    await playground.pickModel(c.provider, c.model);
    await playground.setPrompt(`a quiet harbour ${c.directive}`);
    await playground.generate();
    const card = playground.latestCard();
    await playground.waitForStatus(card, "Failed");
    const alert = card.getByRole("alert");
    for (const text of c.expect) await expect(alert).toContainText(text);
    await expect(alert.getByRole("button", { name: `Retry ${c.provider}` })).toBeVisible();
    await page.screenshot({ path: screenshotPath(`error-${c.name}`) });
  });
}

test("an expired image URL is reported, not stored as a broken image", async ({ page }) => {
  const playground = new PlaygroundPage(page);
  await playground.open();
  await playground.pickModel("AI/ML API", "Stable Diffusion 3 Medium");
  await playground.setPrompt("a field of poppies [[emulate:expired-url]]");
  await playground.generate();
  const card = playground.latestCard();
  await playground.waitForStatus(card, "Failed");
  const alert = card.getByRole("alert");
  // Said as what happened, not as the provider's server error, with what to do about it.
  await expect(alert).toContainText("AI/ML API finished, but its image link had expired before it was downloaded (HTTP 404).");
  await expect(alert).not.toContainText(/server error/i);
  await expect(alert).toContainText("Run it again: AI/ML API no longer serves this image, and the new request is billed again.");
});

test("a 4-image request that timed out is priced at 4 images, on its card and its page, as the budget counts it", async ({ page }) => {
  const playground = new PlaygroundPage(page);
  await playground.open();
  await playground.pickModel("AI/ML API", "Stable Diffusion 3.5 Large");
  await playground.form.getByLabel("Images", { exact: true }).fill("4");
  await playground.setPrompt("four quiet harbours [[emulate:hang]]");
  await playground.generate();
  const card = playground.latestCard();
  await playground.waitForStatus(card, "Failed");
  // The list price is $0.065 an image: a timeout may have been billed for all four.
  await expect(card.getByTestId("cost")).toHaveText("$0.260 est. — may have been billed");
  await card.getByRole("link", { name: "Details", exact: true }).click();
  const details = page.getByRole("complementary", { name: "Generation details" });
  await expect(details.getByText("$0.260 est. — may have been billed", { exact: true })).toBeVisible();
});
