import { test, expect, screenshotPath } from "./support/fixtures";
import { PlaygroundPage } from "./support/playground-page";

interface LoggedRequest {
  method: string;
  path: string;
  body: unknown;
}

async function falRequests(emulatorUrl: string): Promise<LoggedRequest[]> {
  return (await (await fetch(`${emulatorUrl}/__emulator/requests?provider=fal`)).json()) as LoggedRequest[];
}

// [[latency:60000]] keeps the emulated fal request in its queue for its first 6 s: long enough to cancel it there.
test("a slow fal job cancelled from its card is cancelled at fal and ends cancelled", async ({ page, servers }) => {
  const playground = new PlaygroundPage(page);
  await playground.open();
  await playground.pickModel("fal", "Stable Diffusion 3.5 Large");
  await playground.setPrompt("a slow tide over mudflats [[latency:60000]]");
  await playground.generate();
  const card = playground.latestCard();
  await expect(card).toContainText(/Provider: in queue/, { timeout: 15_000 });
  await card.getByRole("button", { name: "Cancel" }).click();
  await expect(card.getByRole("status").filter({ hasText: "Cancelling…" })).toBeVisible();

  await playground.waitForStatus(card, "Failed");
  // Ended as cancelled, not as a failure: its own badge, and a calm status rather than an alert.
  await expect(card.getByText("Cancelled", { exact: true })).toBeVisible();
  await expect(card.getByText("Failed", { exact: true })).toHaveCount(0);
  await expect(card.getByRole("alert")).toHaveCount(0);
  const face = card.getByRole("status").filter({ hasText: "fal was cancelled on request" });
  await expect(face).toContainText(/Cancelled at fal before it finished\. fal cancels a request only while it waits in the queue/);
  await expect(card.getByRole("button", { name: "Cancel" })).toHaveCount(0);
  await page.screenshot({ path: screenshotPath("cancel-fal") });

  // One submit, one cancel (PUT at the returned cancel_url), and nothing sent about this request after it.
  const href = await card.getByRole("link", { name: "Details" }).getAttribute("href");
  const generation = (await (await page.request.get(`/api/generations/${href!.split("/").pop()}`)).json()) as { providerRequestId: string };
  const log = await falRequests(servers.emulatorUrl);
  const submits = log.filter((e) => e.method === "POST" && JSON.stringify(e.body).includes("a slow tide over mudflats"));
  expect(submits).toHaveLength(1);
  const mine = log.filter((e) => e.path.includes(generation.providerRequestId));
  const cancels = mine.filter((e) => e.method === "PUT");
  expect(cancels.map((e) => e.path)).toEqual([expect.stringMatching(/\/requests\/[^/]+\/cancel$/)]);
  // After the cancel, one look at its status (had it finished meanwhile, its paid image would be kept) and no more.
  expect(mine.slice(mine.indexOf(cancels[0]!) + 1).map((e) => e.method)).toEqual(["GET"]);

  // Retried, the same card can be cancelled again: its button does not stay at "Cancelling…".
  await card.getByRole("button", { name: /^Retry fal/ }).click();
  await expect(card.getByRole("button", { name: "Cancel" })).toBeVisible({ timeout: 15_000 });
  await expect(card.getByRole("status").filter({ hasText: "Cancelling…" })).toHaveCount(0);
  await card.getByRole("button", { name: "Cancel" }).click();
  await expect(card.getByText("Cancelled", { exact: true })).toBeVisible({ timeout: 30_000 });
});

test("a sync request cancelled in flight ends Done, and its card says the cancel came too late", async ({ page }) => {
  const playground = new PlaygroundPage(page);
  await playground.open();
  await playground.pickModel("Segmind", "Stable Diffusion 3.5 Large");
  await playground.setPrompt("a heron that will not wait [[latency:3000]]");
  await playground.generate();
  const card = playground.latestCard();
  await card.getByRole("button", { name: "Cancel" }).click();
  await playground.waitForStatus(card, "Done");
  await expect(card.getByRole("status").filter({ hasText: "Cancel came too late" })).toContainText("the image is kept (it is paid for)");
});
