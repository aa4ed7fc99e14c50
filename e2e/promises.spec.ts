import type { APIRequestContext, Locator } from "@playwright/test";
import { test, expect, screenshotPath, type Page } from "./support/fixtures";
import { PlaygroundPage } from "./support/playground-page";
import { hydrated } from "./support/hydration";

/** The playground's promises to a demanding user (issue 12), each checked as that user would notice it. */

const tag = `promise-${Date.now().toString(36)}`;

const TWO_TARGETS = [
  { provider: "aimlapi", model: "stable-diffusion-v35-large" },
  { provider: "segmind", model: "stable-diffusion-3.5-large-txt2img" },
];

async function finishedRun(request: APIRequestContext, prompt: string, targets = TWO_TARGETS): Promise<string> {
  const res = await request.post("/api/runs", {
    data: {
      shared: { prompt, size: "1:1", seed: 777, steps: 30, cfg: 5 },
      targets,
    },
  });
  expect(res.status()).toBe(202);
  const { runId } = (await res.json()) as { runId: string };
  await expect
    .poll(async () => ((await (await request.get(`/api/runs/${runId}`)).json()) as { generations: { status: string }[] }).generations.map((g) => g.status), {
      timeout: 30_000,
    })
    .toEqual(targets.map(() => "succeeded"));
  return runId;
}

test("a typed seed is the seed sent, and unlocked means random each run", async ({ page }) => {
  const playground = new PlaygroundPage(page);
  await playground.open();
  await playground.pickModel("Segmind", "Stable Diffusion 3.5 Large");
  await playground.setPrompt(`${tag} typed seed`);
  const seed = playground.form.getByLabel("Seed", { exact: true });
  await seed.fill("4242");
  // Typing locks it: no extra press needed.
  await expect(playground.form.getByRole("button", { name: "Lock" })).toHaveAttribute("aria-pressed", "true");
  await playground.generate();
  const card = playground.latestCard();
  await playground.waitForStatus(card, "Done");
  await expect(card.getByTitle("Seed used")).toHaveText("seed 4242");
  await expect(seed).toHaveValue("4242");

  // Unlocking empties the field; the next run gets a fresh seed that the card reports, never a stale one.
  await playground.form.getByRole("button", { name: "Lock" }).click();
  await expect(seed).toHaveValue("");
  await expect(seed).toHaveAttribute("placeholder", /random each run/i);
  await playground.generate();
  await expect(page.getByRole("region", { name: "This session" }).getByRole("article")).toHaveCount(2);
  const second = playground.latestCard();
  await playground.waitForStatus(second, "Done");
  await expect(second.getByTitle("Seed used")).toHaveText(/^seed \d+$/);
  await expect(second.getByTitle("Seed used")).not.toHaveText("seed 4242");
  await expect(seed).toHaveValue("");
});

test("a DeepInfra seed past 2^53 is typed, sent, shown and reused with every digit", async ({ page }) => {
  const playground = new PlaygroundPage(page);
  await playground.open();
  await playground.pickModel("DeepInfra", "Stable Diffusion 3.5 Large");
  await playground.setPrompt(`${tag} 64-bit seed`);
  const seed = playground.form.getByLabel("Seed", { exact: true });
  // One past the largest: the field says the exact range, nothing is sent.
  await seed.fill("18446744073709551616");
  await expect(playground.form.getByText("Seed must be between 0 and 18446744073709551615")).toBeVisible();
  await seed.fill("18446744073709551615");
  await expect(playground.form.getByText("Seed must be between")).toHaveCount(0);
  await expect(playground.form.getByRole("button", { name: "Lock" })).toHaveAttribute("aria-pressed", "true");
  await playground.generate();
  const card = playground.latestCard();
  await playground.waitForStatus(card, "Done");
  await expect(card.getByTitle("Seed used")).toHaveText("seed 18446744073709551615");
  await expect(seed).toHaveValue("18446744073709551615");

  // Reuse from the card after another seed was typed: the result's own seed comes back, locked, digit for digit.
  await seed.fill("5");
  await card.getByRole("button", { name: "Reuse settings" }).click();
  await page.getByRole("menuitem", { name: /Use all settings/ }).click();
  await expect(seed).toHaveValue("18446744073709551615");
  await expect(playground.form.getByRole("button", { name: "Lock" })).toHaveAttribute("aria-pressed", "true");
  // Run again from the reused form: the same seed is sent.
  await playground.generate();
  await expect(page.getByRole("region", { name: "This session" }).getByRole("article")).toHaveCount(2);
  const again = playground.latestCard();
  await playground.waitForStatus(again, "Done");
  await expect(again.getByTitle("Seed used")).toHaveText("seed 18446744073709551615");
});

test("switching model keeps the prompt and the values both models share", async ({ page }) => {
  const playground = new PlaygroundPage(page);
  await playground.open();
  await playground.pickModel("AI/ML API", "Stable Diffusion 3.5 Large");
  await playground.setPrompt(`${tag} keep me across models`);
  await playground.form.getByLabel("Steps", { exact: true }).fill("30");
  await playground.form.getByLabel("Seed", { exact: true }).fill("1234");
  await playground.pickModel("Segmind", "Stable Diffusion 3.5 Large");
  await expect(playground.form.getByLabel("Prompt", { exact: true })).toHaveValue(`${tag} keep me across models`);
  await expect(playground.form.getByLabel("Steps", { exact: true })).toHaveValue("30");
  await expect(playground.form.getByLabel("Seed", { exact: true })).toHaveValue("1234");
  // ImagePipeline takes no seed: the prompt still comes along and a note says what did not.
  await playground.pickModel("ImagePipeline", "Stable Diffusion 3.5");
  await expect(playground.form.getByLabel("Prompt", { exact: true })).toHaveValue(`${tag} keep me across models`);
  await expect(page.getByRole("status").filter({ hasText: "Not carried over" })).toContainText(/seed/i);
});

test("focus stays in the form on Ctrl+Enter; a skip link leads to the prompt; ? lists the shortcuts", async ({ page }) => {
  const playground = new PlaygroundPage(page);
  await playground.open();
  await playground.pickModel("Segmind", "Stable Diffusion 3.5 Large");
  await playground.setPrompt(`${tag} [[latency:800]] focus`);
  // Enter in a field is not Generate: typing a seed and pressing Enter starts no paid run.
  let started = 0;
  page.on("request", (r) => void (r.method() === "POST" && !r.url().includes("/api/") && started++));
  const seed = playground.form.getByLabel("Seed", { exact: true });
  await seed.fill("123");
  await seed.press("Enter");
  await page.waitForTimeout(1000);
  expect(started, "Enter in the seed field started a run").toBe(0);
  const prompt = playground.form.getByLabel("Prompt", { exact: true });
  await prompt.focus();
  await page.keyboard.press("Control+Enter");
  // Storing the run takes milliseconds, so aria-busy may already be gone: what matters is where focus is.
  await expect(playground.latestCard()).toBeVisible();
  await expect(prompt).toBeFocused();
  await playground.waitForStatus(playground.latestCard(), "Done");
  await expect(prompt).toBeFocused();

  await page.goto("/");
  await hydrated(page.getByRole("button", { name: /Generate/ }));
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to prompt" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("form").getByLabel("Prompt", { exact: true })).toBeFocused();

  await page.locator("body").click({ position: { x: 5, y: 300 } });
  await page.keyboard.press("Shift+?");
  const dialog = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("Ctrl / ⌘ + Enter");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
});

test("validation messages read in words, from the field's label and range", async ({ page }) => {
  const playground = new PlaygroundPage(page);
  await playground.open();
  await playground.pickModel("AI/ML API", "Stable Diffusion 3.5 Large");
  const steps = playground.form.getByLabel("Steps", { exact: true });
  await steps.fill("99");
  await steps.blur();
  await expect(playground.form.getByRole("alert").filter({ hasText: "Steps must be between 1 and 50" })).toBeVisible();
  await playground.setPrompt("");
  await playground.generate();
  await expect(playground.form.getByRole("alert").filter({ hasText: "Write a prompt" })).toBeVisible();
  await expect(playground.form.getByText(/Too big|expected/)).toHaveCount(0);
});

test("costs are shown in dollars, with the provider's own unit beside and estimates marked", async ({ page }) => {
  const playground = new PlaygroundPage(page);
  await playground.open();
  const runs = [
    { provider: "AI/ML API", model: "Stable Diffusion 3.5 Large", cost: /^\$\d+\.\d+ \([\d,]+ credits\)$/ },
    { provider: "AI/ML API", model: "Stable Diffusion 3 Medium", cost: /^\$\d+\.\d+ est\.$/ },
    { provider: "Segmind", model: "Stable Diffusion 3.5 Large", cost: /^\$\d+\.\d+$/ },
  ];
  for (const r of runs) {
    await playground.pickModel(r.provider, r.model);
    await playground.setPrompt(`${tag} cost ${r.model}`);
    await playground.generate();
    const card = playground.latestCard();
    await expect(card).toContainText(r.provider);
    await playground.waitForStatus(card, "Done");
    await expect(card.getByTestId("cost")).toHaveText(r.cost);
  }
});

test("a batch that comes back short says so: asked for 3 images, got 1", async ({ page }) => {
  const playground = new PlaygroundPage(page);
  await playground.open();
  await playground.pickModel("Segmind", "Stable Diffusion 3.5 Large");
  await playground.setPrompt(`${tag} short batch [[emulate:short-batch]]`);
  await playground.form.getByLabel("Images", { exact: true }).fill("3");
  await expect(playground.form.getByTestId("batch-seed-note")).toContainText("3 images per request");
  await playground.generate();
  const card = playground.latestCard();
  await playground.waitForStatus(card, "Done");
  await expect(card.getByRole("status")).toHaveText(/Asked for 3 images, got 1/);
});

test("the parameter diff lines up shared roles across providers before their own fields", async ({ page }) => {
  const runId = await finishedRun(page.request, `${tag} diff by role`);
  await page.goto(`/runs/${runId}`);
  await page.getByRole("button", { name: "Parameter diff" }).click();
  const diff = page.getByRole("region", { name: "Parameter differences" });
  await diff.getByRole("switch", { name: "Only differences" }).click();
  for (const role of ["Steps", "Guidance (CFG)", "Size", "Seed"]) {
    const row = diff.getByRole("row").filter({ has: page.getByRole("rowheader", { name: role, exact: true }) });
    await expect(row, role).toHaveCount(1);
    await expect(row, `${role} is the same on both`).not.toHaveAttribute("data-differs", "true");
  }
  await expect(diff.getByRole("rowheader", { name: "num_inference_steps", exact: true })).toHaveCount(0);
  await expect(diff.getByRole("rowheader", { name: "Provider-only fields" })).toBeVisible();
  await page.screenshot({ path: screenshotPath("diff-by-role"), fullPage: true });
});

const pages = (runId: string, generationId: string, shareUrl: string) => [
  "/",
  "/compare",
  "/gallery",
  `/gallery/${generationId}`,
  `/runs/${runId}`,
  `/runs/${runId}/parity`,
  "/grid",
  "/scores",
  "/arena",
  "/shares",
  "/suites",
  "/settings",
  new URL(shareUrl).pathname,
];

async function noSideways(page: Page, label: string) {
  const { scroll, client, widest } = await page.evaluate(() => {
    const client = document.documentElement.clientWidth;
    // Name the elements that stick out, so a failure says where to look.
    const widest = [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > client + 1)
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${String(el.className).slice(0, 80)}`);
    return { scroll: document.documentElement.scrollWidth, client, widest };
  });
  expect(scroll, `${label} scrolls sideways: ${widest.join(" | ")}`).toBeLessThanOrEqual(client);
}

test("a page carries its stylesheet once, in its <head>, and keeps it through client navigation", async ({ page, request }) => {
  // next.config.ts takes the root layout's stylesheet out of the RSC data (and out of Turbopack's global-error entry),
  // and app/_components/inline-stylesheets.tsx writes it into the HTML only. A Next upgrade that changes the manifests
  // would bring a copy back (about 13 KiB gzip on every page), or leave a page unstyled.
  for (const path of ["/", "/compare", "/gallery", "/no-such-page"]) {
    const html = await (await request.get(path)).text();
    expect(html.split("@layer properties").length - 1, path).toBe(1);
    expect(html.slice(0, html.indexOf("<body")), path).toContain("@layer properties");
  }
  const styled = () =>
    page.evaluate(() => ({
      sheets: document.querySelectorAll("style[data-href]").length,
      header: getComputedStyle(document.querySelector("header")!).position,
    }));
  await page.goto("/");
  await hydrated(page.getByRole("button", { name: /Generate/ }));
  expect(await styled()).toEqual({ sheets: 1, header: "sticky" });
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Gallery" }).click();
  await expect(page).toHaveURL(/\/gallery$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(await styled()).toEqual({ sheets: 1, header: "sticky" });
});

test("no page scrolls sideways at 360 px, and the nav folds into a menu", async ({ page }) => {
  test.setTimeout(120_000);
  // A long prompt on five providers: the share row (prompt, provider list) and the parity table must fold or scroll
  // in their own box, never widen the page.
  const prompt = `${tag} phone width: a weathered lighthouse keeper reading an enormous leather-bound atlas by candlelight on a stormy night`;
  const runId = await finishedRun(page.request, prompt, [
    ...TWO_TARGETS,
    { provider: "eachlabs", model: "stable-diffusion-3.5-large" },
    { provider: "imagepipeline", model: "sd3_5" },
    { provider: "stability", model: "sd3.5-large" },
  ]);
  const run = (await (await page.request.get(`/api/runs/${runId}`)).json()) as { generations: { id: string }[] };
  await page.goto(`/runs/${runId}`);
  await page.getByRole("button", { name: "Share" }).click();
  const dialog = page.getByRole("dialog", { name: "Share this comparison" });
  await dialog.getByRole("button", { name: "Create link" }).click();
  // "Create link" goes once the link exists; focus moves to the new link rather than falling to the dialog box.
  await expect(dialog.getByRole("textbox", { name: "Link" })).toBeFocused();
  const shareUrl = await dialog.getByRole("textbox", { name: "Link" }).inputValue();
  await page.keyboard.press("Escape");

  await page.setViewportSize({ width: 360, height: 780 });
  for (const path of pages(runId, run.generations[0]!.id, shareUrl)) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    await noSideways(page, path);
  }
  // The budgets are a card per scope on a phone: a cap field is on the screen, not scrolled away inside the table.
  await page.goto("/settings");
  for (const label of ["Total daily cap in USD", "Total monthly cap in USD"]) {
    const box = (await page.getByLabel(label, { exact: true }).boundingBox())!;
    expect(box.x + box.width, label).toBeLessThanOrEqual(360);
  }
  await page.screenshot({ path: screenshotPath("phone-settings"), fullPage: true });
  // Every action of a share row stays on screen, and the parity table scrolls sideways in its own labelled region.
  await page.goto("/shares");
  const row = page.getByRole("list", { name: "Active shares" }).getByRole("listitem").filter({ hasText: prompt });
  await expect(row.getByRole("button", { name: "Copy link" })).toBeInViewport();
  await expect(row.getByRole("link", { name: "Open" })).toBeInViewport();
  await expect(row.getByRole("button", { name: "Revoke" })).toBeInViewport();
  await page.goto(`/runs/${runId}/parity`);
  // Pairs are cards on a phone (the table's columns would sit off to the right); the table is for wider screens.
  const pairs = page.getByRole("list", { name: "Image pairs" });
  await expect(pairs.getByRole("listitem").first()).toBeInViewport();
  await expect(page.getByRole("table", { name: "Parity of image pairs" })).toBeHidden();
  await noSideways(page, "parity report");
  // The run page with A/B open, the widest thing on it.
  await page.goto(`/runs/${runId}`);
  await page.getByRole("button", { name: "A/B view" }).click();
  await noSideways(page, "A/B view");
  await page.screenshot({ path: screenshotPath("phone-ab"), fullPage: true });

  await page.goto("/");
  const menu = page.getByRole("button", { name: "Menu" });
  await hydrated(menu);
  await menu.click();
  for (const name of ["Playground", "Compare", "Gallery", "Scores", "Arena", "Shares"]) {
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name, exact: true })).toBeInViewport();
  }
  await page.screenshot({ path: screenshotPath("phone-menu") });

  // Keyboard first: Escape closes the menu, from the button or from a link in it, and focus is back on Menu.
  const compareLink = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Compare", exact: true });
  await page.keyboard.press("Escape");
  await expect(compareLink).toBeHidden();
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(menu).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Playground", exact: true })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(compareLink).toBeHidden();
  await expect(menu).toBeFocused();
  // A press outside the open menu closes it too.
  await menu.click();
  await expect(compareLink).toBeVisible();
  await page.getByRole("form").getByLabel("Prompt", { exact: true }).click();
  await expect(compareLink).toBeHidden();
  await expect(menu).toHaveAttribute("aria-expanded", "false");
});

/**
 * Tabs through a form from its first field to its sticky submit bar; no field that gets focus may sit behind the bar
 * (the bar's top is the edge of what can be seen of the form).
 */
async function tabClearOfBar(page: Page, form: Locator, submit: RegExp, where: string) {
  await form.getByLabel("Prompt", { exact: true }).focus();
  const checked: string[] = [];
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press("Tab");
    const at = await page.evaluate((submitSource) => {
      const el = document.activeElement as HTMLElement | null;
      const submitButton = [...document.querySelectorAll<HTMLButtonElement>("button[type=submit]")].find((b) => new RegExp(submitSource).test(b.textContent ?? ""));
      let bar: HTMLElement | null = submitButton ?? null;
      while (bar && getComputedStyle(bar).position !== "sticky") bar = bar.parentElement;
      if (!el || !bar) return { done: true, name: "", bottom: 0, barTop: 0, counted: false };
      const r = el.getBoundingClientRect();
      const name = el.getAttribute("aria-label") ?? (el.id && document.querySelector(`label[for="${CSS.escape(el.id)}"]`)?.textContent) ?? el.textContent ?? el.tagName;
      return {
        done: bar.contains(el) || !el.closest("form"),
        name: name.trim().slice(0, 40),
        bottom: r.bottom,
        barTop: bar.getBoundingClientRect().top,
        // Visually hidden inputs stand in for a visible control elsewhere; they have no box of their own to see.
        counted: r.width > 1 && r.height > 1,
      };
    }, submit.source);
    if (at.done) break;
    if (!at.counted) continue;
    checked.push(at.name);
    expect(at.bottom, `${where}: Tab stop ${i + 1} (${at.name}) is behind the sticky bar`).toBeLessThanOrEqual(at.barTop + 0.5);
  }
  // The walk reached the bar through the form's fields, Steps among them.
  expect(checked.length, `${where}: fields checked`).toBeGreaterThan(4);
  expect(checked.join("|"), where).toMatch(/Steps/);
}

test("a field that gets focus scrolls clear of the sticky Generate and Compare bars", async ({ page }) => {
  test.setTimeout(120_000);
  for (const [width, height] of [
    [1440, 900],
    [360, 780],
  ] as const) {
    await page.setViewportSize({ width, height });
    const playground = new PlaygroundPage(page);
    await playground.open();
    await tabClearOfBar(page, page.getByRole("form"), /Generate/, `playground at ${width}`);
    await page.screenshot({ path: screenshotPath(`focus-clear-of-bar-${width}`) });

    await page.goto("/compare");
    const compare = page.getByRole("form", { name: "Comparison" });
    await hydrated(page.getByRole("button", { name: /Compare \d+ targets/ }));
    await tabClearOfBar(page, compare, /Compare \d+ targets/, `compare at ${width}`);
  }
});

for (const scheme of ["light", "dark"] as const) {
  test(`screenshots at desktop and phone width, ${scheme}`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme: scheme });
    const runId = await finishedRun(page.request, `${tag} screenshots ${scheme}`);
    for (const [w, h, name] of [
      [1440, 900, "desktop"],
      [390, 844, "phone"],
    ] as const) {
      await page.setViewportSize({ width: w, height: h });
      for (const [path, label] of [
        ["/", "playground"],
        ["/compare", "compare"],
        ["/gallery", "gallery"],
        [`/runs/${runId}`, "run"],
        ["/shares", "shares"],
      ] as const) {
        await page.goto(path);
        await page.waitForLoadState("networkidle");
        await page.screenshot({ path: screenshotPath(`look-${label}-${name}-${scheme}`), fullPage: true });
      }
    }
  });
}

test("a page that is not there (deleted run or image, revoked link) keeps its styles and fits a phone", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  const missing = "00000000-0000-4000-8000-000000000000";
  for (const path of [`/runs/${missing}`, `/gallery/${missing}`, `/grid/${missing}`, "/s/no-such-share-token-0000000000"]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(404);
    await page.waitForLoadState("networkidle");
    // Styled: the app's stylesheet is on the page (inline or linked), and on the app's pages the nav is folded into
    // its menu (an unstyled page lists every link in one long row).
    const appRules = await page.evaluate(() =>
      [...document.styleSheets]
        .filter((sheet) => (sheet.href ?? (sheet.ownerNode as HTMLElement | null)?.dataset.href ?? "").includes("/_next/static/"))
        .reduce((n, sheet) => n + sheet.cssRules.length, 0),
    );
    expect(appRules, `${path} is unstyled`).toBeGreaterThan(10);
    if (!path.startsWith("/s/")) await expect(page.getByRole("button", { name: "Menu" }), path).toBeVisible();
    await noSideways(page, path);
    await page.screenshot({ path: screenshotPath(`not-found-${path.split("/")[1]}-360`), fullPage: true });
  }
});

test("two images per request: their box is kept while they run, so nothing moves when they arrive", async ({ page }) => {
  const playground = new PlaygroundPage(page);
  await playground.open();
  await playground.pickModel("AI/ML API", "Stable Diffusion 3.5 Large");
  await playground.form.getByLabel("Images", { exact: true }).fill("2");
  await playground.setPrompt(`${tag} two images [[latency:2500]]`);
  await playground.generate();
  const card = playground.latestCard();
  await expect(card).toHaveAttribute("data-status", "running");
  // The box between the card's header and its facts line, where the images go.
  const box = card.locator("header + div");
  const running = (await box.boundingBox())!;
  await playground.waitForStatus(card, "Done");
  await expect(card.getByRole("img")).toHaveCount(2);
  const done = (await box.boundingBox())!;
  expect(Math.abs(done.height - running.height), "the image box changed height when its two images arrived").toBeLessThanOrEqual(1);
});

test("three images per request fill their card: no hole beside the third", async ({ page }) => {
  const playground = new PlaygroundPage(page);
  await playground.open();
  await playground.pickModel("AI/ML API", "Stable Diffusion 3.5 Large");
  await playground.form.getByLabel("Images", { exact: true }).fill("3");
  await playground.setPrompt(`${tag} three images`);
  await playground.generate();
  const three = playground.latestCard();
  await playground.waitForStatus(three, "Done");
  // Each image sits in its own link or button, the cells of the card's image grid.
  const cells = three.getByRole("img");
  await expect(cells).toHaveCount(3);
  const boxes = await cells.evaluateAll((els) =>
    els.map((el) => {
      const r = el.parentElement!.getBoundingClientRect();
      return r.width * r.height;
    }),
  );
  // The box reserved for the images, between the card's header and its facts line.
  const grid = await three.locator("header + div").evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.width * r.height;
  });
  const card = (await three.boundingBox())!;
  expect(card.height, "the card grew past its reserved box").toBeLessThan(card.width * 1.3);
  // The images fill their grid (give or take the 1 px gaps): no empty cell beside the third, and nothing spills out.
  const filled = boxes.reduce((a, b) => a + b, 0) / grid;
  expect(filled, "the grid of three images has a hole").toBeGreaterThan(0.97);
  expect(filled, "the images spill out of their grid").toBeLessThanOrEqual(1.001);
  await page.screenshot({ path: screenshotPath("three-images-no-hole") });
});
