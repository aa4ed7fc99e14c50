import { test, expect, emulatorConfig, emulatorReset, screenshotPath } from "./support/fixtures";
import { ComparePage } from "./support/compare-page";

const four = [
  "AI/ML API · Stable Diffusion 3.5 Large",
  "AI/ML API · Stable Diffusion 3 Medium",
  "Segmind · Stable Diffusion 3.5 Large",
  "Eachlabs · Stable Diffusion 3.5 Large",
];

test.afterEach(async ({ servers }) => emulatorReset(servers));

test("a four-target run with one seed stores four images, each with that seed; A/B and diff reopen after a restart", async ({
  page,
  servers,
}) => {
  test.setTimeout(120_000);
  const compare = new ComparePage(page);
  await compare.open();
  await compare.selectTargets(four);
  await compare.setShared({ prompt: "compare: an old tram in the rain", seed: 424242, steps: 5 });
  // The preview names the adjustment before anything is sent.
  await expect(compare.targetPanel("Segmind Stable Diffusion 3.5 Large")).toContainText(/minimum of 10/);
  await page.screenshot({ path: screenshotPath("compare-builder"), fullPage: true });
  await compare.submit();

  await expect(compare.cards()).toHaveCount(4);
  for (const card of await compare.cards().all()) {
    await expect(card).toHaveAttribute("data-status", "succeeded", { timeout: 30_000 });
    await expect(card.getByTitle("Seed used")).toContainText("424242");
  }
  // After the run, the same panel says what was sent, including the adjustment.
  const segmindSent = page.getByRole("group").filter({ hasText: "Sent and received" }).nth(2);
  await segmindSent.getByText("Sent and received").click();
  await expect(segmindSent).toContainText(/minimum of 10/);
  await page.screenshot({ path: screenshotPath("compare-run"), fullPage: true });

  const runUrl = page.url();
  await servers.restartApp();
  await page.goto("/gallery");
  await page.getByRole("link", { name: /^Comparison of 4 targets: compare: an old tram in the rain/ }).click();
  await expect(page).toHaveURL(runUrl);

  await page.getByRole("button", { name: "A/B view" }).click();
  await expect(page.getByRole("slider", { name: "Divider position" })).toBeVisible();
  await page.screenshot({ path: screenshotPath("compare-ab"), fullPage: true });
  await page.getByRole("button", { name: "Parameter diff" }).click();
  await expect(page.getByText(/\d+ of \d+ parameters differ/)).toBeVisible();

  // Full-screen view moves between images with the arrow keys.
  await compare.cards().first().getByRole("button", { name: /full screen/ }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("1 / 4");
  await page.keyboard.press("ArrowRight");
  await expect(dialog).toContainText("2 / 4");
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
});

test("the estimate prices the targets ticked now: none while fewer than two are", async ({ page }) => {
  const compare = new ComparePage(page);
  await compare.open();
  await compare.selectTargets(four.slice(0, 2));
  const total = page.locator("[data-cost-total]");
  await expect(total).toHaveText(/^Estimated cost: ≈ \$0\.\d+$/);
  await page.getByRole("checkbox", { name: four[1], exact: true }).uncheck();
  await expect(page.getByRole("button", { name: "Compare 1 target" })).toBeDisabled();
  await expect(total).toHaveText("Estimated cost: nothing to run yet");
  await page.getByRole("checkbox", { name: four[2], exact: true }).check();
  await expect(total).toHaveText(/^Estimated cost: ≈ \$0\.\d+$/);
});

test("one faulted target fails with its cause while the others succeed, and retries alone", async ({ page, servers }) => {
  test.setTimeout(90_000);
  await emulatorConfig(servers, { provider: "segmind", fault: "429", times: 1 });
  const compare = new ComparePage(page);
  await compare.open();
  await compare.selectTargets(four);
  await compare.setShared({ prompt: "compare: a paper boat on a puddle", seed: 777 });
  await compare.submit();

  const segmind = compare.card("Segmind", "Stable Diffusion 3.5 Large");
  await expect(segmind).toHaveAttribute("data-status", "failed", { timeout: 30_000 });
  await expect(segmind.getByRole("alert")).toContainText(/Segmind is rate limiting requests/);
  const others = [
    compare.card("AI/ML API", "Stable Diffusion 3.5 Large"),
    compare.card("AI/ML API", "Stable Diffusion 3 Medium"),
    compare.card("Eachlabs", "Stable Diffusion 3.5 Large"),
  ];
  const before: string[] = [];
  for (const card of others) {
    await expect(card).toHaveAttribute("data-status", "succeeded", { timeout: 30_000 });
    before.push((await card.getByRole("img").first().getAttribute("src")) ?? "");
  }
  const requestsBefore = (await (await fetch(`${servers.emulatorUrl}/__emulator/stats`)).json()) as Record<string, { requests: number }>;

  await segmind.getByRole("button", { name: "Retry Segmind" }).click();
  await expect(segmind).toHaveAttribute("data-status", "succeeded", { timeout: 30_000 });
  await expect(segmind.getByTitle("Seed used")).toContainText("777");
  // The others were not run again.
  for (const [i, card] of others.entries()) expect(await card.getByRole("img").first().getAttribute("src")).toBe(before[i]);
  const requestsAfter = (await (await fetch(`${servers.emulatorUrl}/__emulator/stats`)).json()) as Record<string, { requests: number }>;
  expect(requestsAfter.aimlapi?.requests).toBe(requestsBefore.aimlapi?.requests);
  expect(requestsAfter.eachlabs?.requests).toBe(requestsBefore.eachlabs?.requests);
});

test("the full-screen view stays on the image it shows while a slower target finishes", async ({ page, servers, request }) => {
  test.setTimeout(90_000);
  // fal comes first in the run and answers last (its queue, unlike a sync call, may take longer than the e2e timeout).
  await emulatorConfig(servers, { provider: "fal", latencyMs: 8000 });
  const res = await request.post("/api/runs", {
    data: {
      shared: { prompt: "compare viewer: a paper boat on a puddle", size: "1:1", seed: 5 },
      targets: [{ provider: "fal", model: "fal-ai/stable-diffusion-v35-large" }, { provider: "segmind", model: "stable-diffusion-3.5-large-txt2img" }],
    },
  });
  expect(res.status()).toBe(202);
  const { runId } = (await res.json()) as { runId: string };
  await page.goto(`/runs/${runId}`);
  const cards = page.getByRole("region", { name: "Results" }).getByRole("article");
  await expect(cards.nth(1)).toHaveAttribute("data-status", "succeeded", { timeout: 30_000 });
  await expect(cards.nth(0)).not.toHaveAttribute("data-status", "succeeded");
  await cards.nth(1).getByRole("button", { name: /full screen/ }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("Segmind");
  await expect(dialog).toContainText("1 / 1");
  // Behind the open (modal) view the cards are hidden from the accessibility tree: found by CSS.
  await expect(page.locator("section[aria-label=Results] article").first()).toHaveAttribute("data-status", "succeeded", { timeout: 30_000 });
  // fal's image now comes first in the list; the open one is still Segmind's, now 2 of 2.
  await expect(dialog).toContainText("2 / 2");
  await expect(dialog).toContainText("Segmind");
  await expect(dialog).not.toContainText("fal");
});

test("ten targets at a provider that allows two at a time queue, show waiting, and all finish", async ({ page, servers, request }) => {
  test.setTimeout(90_000);
  await emulatorConfig(servers, { provider: "segmind", latencyMs: 700 });
  const samplers = ["euler", "euler_ancestral", "heun", "dpm_2", "lms", "dpmpp_2m", "dpmpp_sde", "ddpm", "lcm", "deis"];
  const res = await request.post("/api/runs", {
    data: {
      shared: { prompt: "compare samplers: a glass of water on a windowsill", size: "1:1", seed: 99 },
      targets: samplers.map((sampler) => ({ provider: "segmind", model: "stable-diffusion-3.5-large-txt2img", overrides: { sampler } })),
    },
  });
  expect(res.status()).toBe(202);
  const { runId } = (await res.json()) as { runId: string };
  await page.goto(`/runs/${runId}`);
  const cards = page.getByRole("region", { name: "Results" }).getByRole("article");
  await expect(cards).toHaveCount(10);
  await expect(cards.filter({ hasText: "Waiting for a free Segmind slot" }).first()).toBeVisible();
  await page.screenshot({ path: screenshotPath("compare-queued"), fullPage: true });
  for (const card of await cards.all()) await expect(card).toHaveAttribute("data-status", "succeeded", { timeout: 30_000 });
  const stats = (await (await fetch(`${servers.emulatorUrl}/__emulator/stats`)).json()) as Record<string, { maxInFlight: number }>;
  expect(stats.segmind?.maxInFlight).toBeLessThanOrEqual(2);
  expect(stats.segmind?.maxInFlight).toBe(2);
});

test("one click picks SD3.5 Large at every provider, and the comparison runs across all of them", async ({ page }) => {
  test.setTimeout(120_000);
  const compare = new ComparePage(page);
  await compare.open();
  await page.getByRole("group", { name: "Pick a model family" }).getByRole("button", { name: /^SD3\.5 Large everywhere/ }).click();
  const checked = page.getByRole("group", { name: "Targets" }).getByRole("checkbox", { checked: true });
  const large = [
    "AI/ML API · Stable Diffusion 3.5 Large",
    "Segmind · Stable Diffusion 3.5 Large",
    "Eachlabs · Stable Diffusion 3.5 Large",
    "ImagePipeline · Stable Diffusion 3.5",
    "Replicate · Stable Diffusion 3.5 Large",
    "DeepInfra · Stable Diffusion 3.5 Large",
  ];
  for (const label of large) await expect(page.getByRole("checkbox", { name: label, exact: true })).toBeChecked();
  // Only the Large family: no Turbo, no Medium.
  await expect(page.getByRole("checkbox", { name: "Replicate · Stable Diffusion 3.5 Large Turbo", exact: true })).not.toBeChecked();
  const count = await checked.count();
  expect(count).toBeGreaterThanOrEqual(large.length);

  await compare.setShared({ prompt: "compare: a lighthouse in fog, every SD3.5 Large", seed: 31415 });
  await compare.submit();
  await expect(compare.cards()).toHaveCount(count);
  for (const card of await compare.cards().all()) {
    await expect(card).toHaveAttribute("data-status", "succeeded", { timeout: 40_000 });
  }
  await page.screenshot({ path: screenshotPath("compare-family-large"), fullPage: true });
});

test("a first visit starts with every SD3.5 Large target that can run here, and no other", async ({ page, request }) => {
  type Listed = { label: string; status: string; models: { label: string; family: string }[] };
  const { providers } = (await (await request.get("/api/models")).json()) as { providers: Listed[] };
  const expected = providers
    .filter((p) => p.status !== "not configured")
    .flatMap((p) => p.models.filter((m) => m.family === "sd3.5-large").map((m) => `${p.label} · ${m.label}`));
  expect(expected.length).toBeGreaterThanOrEqual(2);
  const compare = new ComparePage(page);
  await compare.open();
  const checked = page.getByRole("group", { name: "Targets" }).getByRole("checkbox", { checked: true });
  await expect(checked).toHaveCount(expected.length);
  for (const label of expected) await expect(page.getByRole("checkbox", { name: label, exact: true })).toBeChecked();
  await expect(page.getByRole("button", { name: `Compare ${expected.length} targets` })).toBeVisible();
});
