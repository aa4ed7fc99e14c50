import type { APIRequestContext, Page, Response } from "@playwright/test";
import sharp from "sharp";
import { providerIds, providers } from "../lib/providers";
import { test, expect, screenshotPath } from "./support/fixtures";
import { hydrated } from "./support/hydration";

/** Scorecards and the blind arena, driven as a person uses them, over comparisons the emulator answers. */

const targets = [
  { provider: "aimlapi", model: "stable-diffusion-v35-large" },
  { provider: "segmind", model: "stable-diffusion-3.5-large-txt2img" },
  { provider: "eachlabs", model: "stable-diffusion-3.5-large" },
];

/** Every provider id and display name in the registry, as whole words: none may reach the browser before a vote. */
const identities = providerIds.flatMap((id) => [id, providers[id].label]);
const identityPattern = new RegExp(`(^|[^A-Za-z0-9])(${identities.map((s) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")).join("|")})([^A-Za-z0-9]|$)`, "i");

async function finishedRun(request: APIRequestContext, prompt: string, seed: number): Promise<string> {
  const res = await request.post("/api/runs", { data: { shared: { prompt, size: "1:1", seed }, targets } });
  expect(res.status()).toBe(202);
  const { runId } = (await res.json()) as { runId: string };
  await expect
    .poll(async () => ((await (await request.get(`/api/runs/${runId}`)).json()) as { generations: { status: string }[] }).generations.map((g) => g.status), { timeout: 60_000 })
    .toEqual(["succeeded", "succeeded", "succeeded"]);
  return runId;
}

let runIds: string[] = [];

test.beforeAll(async ({ servers }) => {
  test.setTimeout(240_000);
  const { request } = await import("@playwright/test");
  const ctx = await request.newContext({ baseURL: servers.appUrl });
  runIds = [];
  for (let i = 0; i < 5; i++) runIds.push(await finishedRun(ctx, `arena: a brass lantern on a mossy stone, take ${i}`, 700 + i));
  await ctx.dispose();
});

/** Collects what the browser receives (document, JSON, images) so it can be scanned for provider names. */
function recordResponses(page: Page) {
  const seen: Seen[] = [];
  const pending: Promise<void>[] = [];
  const onResponse = (res: Response) => {
    pending.push(
      res
        .body()
        .then((body) => void seen.push({ url: res.url(), type: res.headers()["content-type"] ?? "", body }))
        .catch(() => {}),
    );
  };
  page.on("response", onResponse);
  return {
    async take() {
      await Promise.all(pending);
      pending.length = 0;
      return seen.splice(0);
    },
    stop: () => page.off("response", onResponse),
  };
}

interface Seen {
  url: string;
  type: string;
  body: Buffer;
}

/**
 * What of a response can name a provider: an image's metadata (EXIF, XMP, IPTC, PNG text), not its compressed pixels,
 * where any three bytes may spell "fal" by chance; every other body whole.
 */
async function readable({ type, body }: Seen): Promise<string> {
  if (!type.startsWith("image/")) return body.toString("latin1");
  const meta = await sharp(body).metadata();
  const texts = (meta.comments ?? []).map((c) => `${c.keyword} ${c.text}`);
  return [meta.exif, meta.xmp, meta.iptc].map((b) => b?.toString("latin1") ?? "").concat(texts).join("\n");
}

async function scan(responses: Seen[]) {
  const leaks: string[] = [];
  for (const r of responses) {
    if (/\/_next\/static\//.test(r.url)) continue; // the app's own code, the same for every pair
    const hit = identityPattern.exec(await readable(r));
    if (hit) leaks.push(`${r.url} contains "${hit[2]}"`);
  }
  return leaks;
}

test("vote through 10 pairs with the keyboard only; no provider identity reaches the browser before a vote", async ({ page }) => {
  test.setTimeout(180_000);
  const recorder = recordResponses(page);
  await page.goto("/arena");
  const pair = page.getByRole("region", { name: "Blind pair" });
  await expect(pair.getByRole("img", { name: "Left image" })).toBeVisible();
  await expect.poll(() => pair.getByRole("img", { name: "Right image" }).evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBeGreaterThan(0);
  await page.waitForLoadState("networkidle");
  const before = await recorder.take();
  expect(before.some((r) => r.url.includes("/api/arena/pairs/"))).toBe(true);
  expect(before.some((r) => r.url.includes("/api/arena/next"))).toBe(true);
  expect(await scan(before), "a provider is named before the vote").toEqual([]);
  // Image URLs are opaque and the bytes are re-encoded WebP (no PNG text chunks, no EXIF).
  for (const r of before.filter((x) => x.url.includes("/api/arena/pairs/"))) {
    expect(r.url).toMatch(/\/api\/arena\/pairs\/[A-Za-z0-9_-]{32}\/(left|right)$/);
    expect(r.body.subarray(0, 4).toString("latin1")).toBe("RIFF");
    expect(r.body.toString("latin1")).not.toMatch(/tEXt|iTXt|EXIF|parameters/);
  }
  await page.screenshot({ path: screenshotPath("arena-desktop-light"), fullPage: true });

  const shownVotes = async () => Number(/· (\d+) votes/.exec((await page.getByText(/Bradley-Terry/).textContent()) ?? "")?.[1]);
  const votesBefore = await shownVotes();
  const keys = ["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", "ArrowLeft", "ArrowUp", "ArrowRight", "ArrowLeft"];
  const reveal = page.getByTestId("arena-reveal");
  for (const [i, key] of keys.entries()) {
    const prompt = await page.getByTestId("arena-prompt").textContent();
    const voted = page.waitForResponse((r) => r.url().endsWith("/api/arena/votes") && r.status() === 200);
    await page.keyboard.press(key);
    await voted;
    await expect(page.getByTestId("arena-session-votes")).toHaveText(`${i + 1} ${i === 0 ? "vote" : "votes"} this visit`);
    // The reveal names both targets once voted.
    await expect(reveal).toContainText(/left was .+ · .+, right was .+ · .+/);
    expect(prompt).toBeTruthy();
    // Deals that arrive after the vote (the prefetch of the pair after next) still name nobody.
    // Not the vote's answer (the reveal), nor the page's ranking drawn again after it (targets by their votes, never
    // which image is which).
    const after = (await recorder.take()).filter((r) => !r.url.endsWith("/api/arena/votes") && !r.type.startsWith("text/x-component"));
    expect(await scan(after), `a provider is named before vote ${i + 2}`).toEqual([]);
  }
  recorder.stop();
  // Space skips without storing anything.
  await page.keyboard.press(" ");
  await expect(page.getByTestId("arena-session-votes")).toHaveText("10 votes this visit");
  // The ranking beside the pairs counts them without a reload.
  await expect.poll(shownVotes).toBe(votesBefore + 10);
});

test("a vote sent twice is stored once; the ranking shows intervals once targets have enough votes", async ({ page, browser, servers }) => {
  test.setTimeout(180_000);
  const runId = runIds[0]!;
  const totalVotes = async () => {
    await page.goto("/arena?scope=all");
    return Number(/(\d+) votes/.exec((await page.getByText(/Bradley-Terry/).textContent()) ?? "")?.[1]);
  };
  const before = await totalVotes();
  // Three voters (three browsers) each vote on all three pairs of one run: every target gets six votes.
  for (let v = 0; v < 3; v++) {
    const ctx = await browser.newContext({ baseURL: servers.appUrl });
    for (let p = 0; p < 3; p++) {
      const deal = await ctx.request.post("/api/arena/next", { data: { run: runId } });
      expect(deal.status()).toBe(200);
      const { pairId } = (await deal.json()) as { pairId: string };
      const key = crypto.randomUUID();
      const outcome = p === 2 ? "tie" : "left";
      const first = await ctx.request.post("/api/arena/votes", { data: { pairId, outcome, key } });
      const retry = await ctx.request.post("/api/arena/votes", { data: { pairId, outcome, key } });
      expect(first.status()).toBe(200);
      expect(await retry.json()).toEqual(await first.json());
    }
    expect((await ctx.request.post("/api/arena/next", { data: { run: runId } })).status()).toBe(204);
    // Unknown fields are refused by name.
    const bad = await ctx.request.post("/api/arena/next", { data: { run: runId, provider: "segmind" } });
    expect(bad.status()).toBe(400);
    expect(await bad.text()).toContain("provider");
    await ctx.close();
  }
  // Nine votes, not eighteen: each retry was stored once.
  expect(await totalVotes()).toBe(before + 9);
  await page.goto("/arena?scope=all&family=sd3.5-large");
  const ranking = page.getByRole("region", { name: "Ranking" });
  await expect(ranking.getByRole("img")).toBeVisible();
  const rows = ranking.getByRole("table").getByRole("row");
  await expect(rows).toHaveCount(4);
  for (const row of (await rows.all()).slice(1)) await expect(row.getByRole("cell").nth(2)).toHaveText(/^\d+–\d+$/);
  await page.screenshot({ path: screenshotPath("arena-ranking"), fullPage: true });
});

test("a shared scorecard opens in a fresh browser, read-only, and is gone once revoked", async ({ page, browser }) => {
  test.setTimeout(120_000);
  await page.goto("/scores");
  const table = page.getByRole("table").first();
  for (const name of ["AI/ML API", "Segmind", "Eachlabs"]) await expect(table).toContainText(name);
  for (const title of ["Latency distribution per target", "Success rate per", "Median (p50) latency per", "Cost per image (USD)"]) {
    await expect(page.getByRole("img", { name: new RegExp(title.replace(/[()]/g, "\\$&")) })).toBeVisible();
  }
  const csv = await page.request.get("/api/scores/export");
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect(await csv.text()).toMatch(/^provider,model,label/);
  expect((await page.request.get("/api/scores/export?bogus=1")).status()).toBe(400);

  await page.getByRole("button", { name: "Share this scorecard" }).click();
  const link = page.getByRole("textbox", { name: "Link" });
  await expect(link).toHaveValue(/\/s\/[A-Za-z0-9_-]{32}$/);
  const url = await link.inputValue();

  const ctx = await browser.newContext();
  const visitor = await ctx.newPage();
  expect((await visitor.goto(url))?.status()).toBe(200);
  await expect(visitor.getByRole("heading", { level: 1 })).toContainText("Scorecard");
  await expect(visitor.getByRole("table").first()).toContainText("Segmind");
  await expect(visitor.locator("form, button")).toHaveCount(0);
  await expect(visitor.getByRole("navigation")).toHaveCount(0);

  await page.goto("/shares");
  const row = page.getByRole("list", { name: "Active shares" }).getByRole("listitem").filter({ hasText: "Scorecard · live" });
  await expect(row).toHaveCount(1);
  await row.getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("dialog", { name: "Revoke this link?" }).getByRole("button", { name: "Revoke link" }).click();
  await expect(row).toHaveCount(0);
  expect((await ctx.request.get(url)).status()).toBe(404);
  await ctx.close();
});

test("a shared scorecard narrowed by size and steps says so in its title", async ({ page, browser }) => {
  await page.goto("/scores?size=1024x1024&steps=20");
  await page.getByRole("button", { name: "Share this scorecard" }).click();
  const url = await page.getByRole("textbox", { name: "Link" }).inputValue();
  const ctx = await browser.newContext();
  const visitor = await ctx.newPage();
  await visitor.goto(url);
  await expect(visitor.getByRole("heading", { level: 1 })).toHaveText(/^Scorecard · live results · .+ · 1024×1024 only · 20 steps only$/);
  await ctx.close();
  await page.goto("/shares");
  const row = page.getByRole("list", { name: "Active shares" }).getByRole("listitem").filter({ hasText: "Scorecard · live" });
  await row.getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("dialog", { name: "Revoke this link?" }).getByRole("button", { name: "Revoke link" }).click();
  await expect(row).toHaveCount(0);
});

test("the filter form follows the URL when the link to the other scorecard is followed", async ({ page }) => {
  // These runs are live (the app calls the emulator as if it were the providers), so the emulated scorecard is the
  // one that links across. Following the link is a client navigation: the form must show what the URL now says.
  await page.goto("/scores?source=emulated&period=7d");
  const filters = page.getByRole("form", { name: "Filters" });
  const results = filters.getByRole("combobox", { name: "Results" });
  await expect(results).toHaveValue("emulated");
  await expect(filters.getByRole("combobox", { name: "Period" })).toHaveValue("7d");
  const toLive = page.getByRole("link", { name: "See the live scorecard" });
  await hydrated(toLive);
  await toLive.click();
  await expect(page).toHaveURL(/\/scores\?period=7d$/);
  await expect(page.getByRole("table").first()).toContainText("Segmind");
  await expect(results).toHaveValue("live");
  await expect(results.locator("option:checked")).toHaveText("Live");
  await expect(filters.getByRole("combobox", { name: "Period" })).toHaveValue("7d");
  // Back again: the browser's history is a client navigation as well.
  await page.goBack();
  await expect(page).toHaveURL(/source=emulated/);
  await expect(results).toHaveValue("emulated");
});

test("a size filter gives no success rate, counts, failures or success chart, where they would read as never failing", async ({ page, request }) => {
  const run = (await (await request.get(`/api/runs/${runIds[0]}`)).json()) as { generations: { images: { width: number; height: number }[] }[] };
  const { width, height } = run.generations[0]!.images[0]!;
  await page.goto(`/scores?size=${width}x${height}`);
  const label = page.getByRole("rowheader", { name: "Segmind · Stable Diffusion 3.5 Large", exact: true });
  const row = page.getByRole("table").first().getByRole("row").filter({ has: label });
  await expect(row).toHaveCount(1);
  // Runs, then Success and Failures by cause.
  await expect(row.getByRole("cell").nth(1)).toHaveText("—");
  await expect(row.getByRole("cell").nth(2)).toHaveText("—");
  await expect(row).not.toContainText(/\b\d+\/\d+\b/);
  await expect(page.getByText(/no success rate or\s+failures are given/)).toBeVisible();
  await expect(page.getByRole("img", { name: /Median \(p50\) latency per/ })).toBeVisible();
  await expect(page.getByRole("img", { name: /Success rate per/ })).toHaveCount(0);
});

test("arena keys vote only when meant: not behind the shortcuts list, and Space on a focused button presses it", async ({ browser }) => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(`/arena?run=${runIds[2]}`);
  await expect(page.getByRole("img", { name: "Left image" })).toBeVisible();
  await hydrated(page.getByRole("button", { name: "Share my leaderboard" }));
  await page.getByRole("heading", { level: 1 }).click();
  await page.keyboard.press("Shift+?");
  const shortcuts = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(shortcuts).toBeVisible();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("Escape");
  await expect(shortcuts).toBeHidden();
  await expect(page.getByTestId("arena-session-votes")).toHaveCount(0);
  // Space on a focused button is that button's own press, not "skip this pair". This browser has been dealt a pair
  // (so it has a voter id) but has not voted: no link to an empty leaderboard is made.
  const share = page.getByRole("button", { name: "Share my leaderboard" });
  await share.focus();
  await page.keyboard.press(" ");
  await expect(share).toHaveAccessibleDescription("Vote on a pair first: your leaderboard is empty.");
  await expect(page.getByRole("textbox", { name: "Link" })).toHaveCount(0);
  // And an arrow key on the page still votes (another run: this browser has been dealt that one's pair).
  await page.goto(`/arena?run=${runIds[3]}`);
  await expect(page.getByRole("img", { name: "Left image" })).toBeVisible();
  await hydrated(page.getByRole("button", { name: "Share my leaderboard" }));
  await page.getByRole("heading", { level: 1 }).click();
  await page.keyboard.press("ArrowRight");
  await expect(page.getByTestId("arena-session-votes")).toHaveText("1 vote this visit");
  // With that vote, the leaderboard can be shared.
  await page.getByRole("button", { name: "Share my leaderboard" }).click();
  await expect(page.getByRole("textbox", { name: "Link" })).toHaveValue(/\/s\/[A-Za-z0-9_-]{32}$/);
  await ctx.close();
});

test("sharing my leaderboard when the browser has lost its voter cookie says why no link was made, under the button", async ({ browser }) => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto("/arena");
  const share = page.getByRole("button", { name: "Share my leaderboard" });
  await hydrated(share);
  // Cleared in another tab, or expired: the server no longer knows whose leaderboard this is.
  await ctx.clearCookies();
  await share.click();
  await expect(page.getByRole("alert").filter({ hasText: "Vote on a pair first: your leaderboard is empty." })).toBeVisible();
  await expect(share).toHaveAccessibleDescription("Vote on a pair first: your leaderboard is empty.");
  await expect(page.getByRole("textbox", { name: "Link" })).toHaveCount(0);
  await page.screenshot({ path: screenshotPath("arena-share-refused") });
  await ctx.close();
});

test("a shared arena lets a visitor vote, counted apart, until it is revoked", async ({ page, browser }) => {
  test.setTimeout(240_000);
  await page.goto(`/arena?run=${runIds[1]}`);
  // Said before the link exists: the arena shows prompts, whatever the run's own shares hide.
  await expect(page.getByRole("button", { name: "Share this arena (visitors vote)" })).toHaveAccessibleDescription(
    "Visitors see each pair's prompt and images, from this run, even where a share hides the prompt.",
  );
  await page.getByRole("button", { name: "Share this arena (visitors vote)" }).click();
  const url = await page.getByRole("textbox", { name: "Link" }).inputValue();
  expect(url).toMatch(/\/s\/[A-Za-z0-9_-]{32}$/);
  const ctx = await browser.newContext();
  const visitor = await ctx.newPage();
  await visitor.goto(url);
  await expect(visitor.getByRole("img", { name: "Left image" })).toBeVisible();
  expect(await visitor.getByRole("img", { name: "Left image" }).getAttribute("src")).toMatch(new RegExp(`^/s/[A-Za-z0-9_-]{32}/arena/pairs/`));
  await visitor.keyboard.press("ArrowRight");
  await expect(visitor.getByTestId("arena-session-votes")).toHaveText("1 vote this visit");
  // The owner's ranking over votes through shared links counts the visitor's vote; the owner's own does not.
  await page.goto("/arena?scope=shared");
  await expect(page.getByText(/Bradley-Terry/)).toContainText("· 1 votes");

  await page.goto("/shares");
  const row = page.getByRole("list", { name: "Active shares" }).getByRole("listitem").filter({ hasText: "Blind arena · one run" });
  await row.getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("dialog", { name: "Revoke this link?" }).getByRole("button", { name: "Revoke link" }).click();
  await expect(row).toHaveCount(0);
  expect((await ctx.request.get(url)).status()).toBe(404);
  expect((await ctx.request.post(`${url}/arena/next`, { data: {} })).status()).toBe(404);
  // The visitor still on the page deals on into the revoked link: told it is gone, not that no pairs are left.
  const gone = visitor.getByText("This shared arena is no longer available: its link was revoked.");
  await expect(async () => {
    await visitor.keyboard.press(" ");
    await expect(gone).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(visitor.getByText("No pairs left to vote on")).toHaveCount(0);
  await ctx.close();
});

test("a pair that cannot be dealt says so, with Try again, not that no pairs are left", async ({ browser }) => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.route("**/api/arena/next", (route) => route.fulfill({ status: 503, body: "Service Unavailable" }));
  await page.goto(`/arena?run=${runIds[4]}`);
  await expect(page.getByRole("alert").filter({ hasText: "The next pair could not be dealt" })).toHaveText("The next pair could not be dealt: the server did not answer.");
  await expect(page.getByText("No pairs left to vote on")).toHaveCount(0);
  await page.unroute("**/api/arena/next");
  await page.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByRole("img", { name: "Left image" })).toBeVisible();
  await ctx.close();
});

test("the first pair fills the frame shown while it is dealt: at 360 and 1440 px nothing below it moves", async ({ browser }) => {
  for (const width of [360, 1440]) {
    const ctx = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await ctx.newPage();
    // Every layout shift from the first paint on, and the ranking's place once the page has painted.
    await page.addInitScript(() => {
      const w = window as unknown as { shifts: number };
      w.shifts = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) if (!e.hadRecentInput) w.shifts += e.value;
      }).observe({ type: "layout-shift", buffered: true });
    });
    // A slow deal: the page paints its frame well before the pair arrives.
    await page.route("**/api/arena/next", async (route) => {
      await new Promise((r) => setTimeout(r, 800));
      await route.continue();
    });
    await page.goto(`/arena?run=${runIds[3]}`);
    const ranking = page.getByRole("heading", { name: /^Ranking/ });
    await expect(page.getByText("Dealing a pair…")).toBeVisible();
    const before = (await ranking.boundingBox())!.y;
    const pair = page.getByRole("region", { name: "Blind pair" });
    await expect.poll(() => pair.getByRole("img", { name: "Right image" }).evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBeGreaterThan(0);
    expect((await ranking.boundingBox())!.y, `the ranking's place at ${width} px`).toBe(before);
    expect(await page.evaluate(() => (window as unknown as { shifts: number }).shifts), `layout shift at ${width} px`).toBe(0);
    await ctx.close();
  }
});

for (const scheme of ["light", "dark"] as const) {
  test(`scores and arena at 360 and 1440 px, ${scheme}: no sideways scroll`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [360, 1440]) {
      await page.setViewportSize({ width, height: 900 });
      for (const path of ["/scores", "/arena?scope=all"]) {
        await page.goto(path);
        await page.waitForLoadState("networkidle");
        const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
        expect(scroll, `${path} at ${width}`).toBeLessThanOrEqual(client);
        if (path === "/scores") {
          // A phone gets one labelled card per target, with nothing to scroll inside; a wide screen the table.
          const cards = page.getByRole("list", { name: /^Scorecard per provider and model/ });
          const table = page.getByRole("table", { name: /^Scorecard per provider and model/ });
          await expect(width === 360 ? cards : table).toBeVisible();
          await expect(width === 360 ? table : cards).toBeHidden();
          if (width === 360) {
            const card = cards.getByRole("listitem").filter({ hasText: "Segmind · Stable Diffusion 3.5 Large" }).first();
            for (const term of ["Runs", "Success", "Latency p50", "Latency p95", "Cost per image", "Images per $"]) {
              await expect(card.getByRole("term").filter({ hasText: term })).toBeVisible();
            }
            const box = await card.boundingBox();
            expect(box!.x + box!.width, "the card fits the screen").toBeLessThanOrEqual(360);
            // Each chart is drawn to fit the phone (names above the marks), not cropped in a box that scrolls.
            const cropped = await page.evaluate(() =>
              [...document.querySelectorAll("figure")]
                .filter((f) => { const chart = f.querySelector("div")!; return chart.scrollWidth > chart.clientWidth + 1; })
                .map((f) => f.querySelector("figcaption")!.textContent),
            );
            expect(cropped, "charts that scroll inside their card").toEqual([]);
          }
        }
        await page.screenshot({ path: screenshotPath(`${path.slice(1, 7)}-${width}-${scheme}`), fullPage: true });
      }
    }
  });
}
