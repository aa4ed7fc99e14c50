import type { APIRequestContext, Browser, BrowserContext, Page } from "@playwright/test";
import { readSettings } from "../lib/metadata";
import { test, expect, screenshotPath } from "./support/fixtures";

const targets = [
  { provider: "aimlapi", model: "stable-diffusion-v35-large" },
  { provider: "segmind", model: "stable-diffusion-3.5-large-txt2img" },
];

/** Starts a two-target comparison over the scripts' endpoint and waits until both images are stored. */
async function finishedRun(request: APIRequestContext, prompt: string, seed: number): Promise<string> {
  const res = await request.post("/api/runs", { data: { shared: { prompt, size: "1:1", seed }, targets } });
  expect(res.status()).toBe(202);
  const { runId } = (await res.json()) as { runId: string };
  await expect
    .poll(
      async () => {
        const run = (await (await request.get(`/api/runs/${runId}`)).json()) as { generations: { status: string }[] };
        return run.generations.map((g) => g.status);
      },
      { timeout: 30_000 },
    )
    .toEqual(["succeeded", "succeeded"]);
  return runId;
}

/** The run view's Share dialog, as a person uses it; returns the link it shows. */
async function shareFromRunView(page: Page, runId: string, includePrompt: boolean): Promise<string> {
  await page.goto(`/runs/${runId}`);
  await page.getByRole("button", { name: "Share" }).click();
  const dialog = page.getByRole("dialog", { name: "Share this comparison" });
  const toggle = dialog.getByRole("switch", { name: "Include prompt and parameters" });
  await expect(toggle).toHaveAttribute("aria-checked", "false");
  if (includePrompt) await toggle.click();
  await dialog.getByRole("button", { name: "Create link" }).click();
  const link = dialog.getByRole("textbox", { name: "Link" });
  await expect(link).toHaveValue(/\/s\/[A-Za-z0-9_-]{32}$/);
  await expect(dialog.getByRole("button", { name: "Copy" })).toBeVisible();
  await page.screenshot({ path: screenshotPath(`share-dialog${includePrompt ? "" : "-hidden"}`) });
  const url = await link.inputValue();
  await page.keyboard.press("Escape");
  return url;
}

/** A browser nobody signed in to: no cookies, no storage. */
async function stranger(browser: Browser): Promise<BrowserContext> {
  const ctx = await browser.newContext();
  expect(await ctx.cookies()).toEqual([]);
  return ctx;
}

function metaContent(html: string, key: string): string | null {
  const re = new RegExp(`<meta[^>]+(?:property|name)="${key.replace(/[:.]/g, "\\$&")}"[^>]+content="([^"]*)"`, "i");
  return re.exec(html)?.[1]?.replace(/&amp;/g, "&") ?? null;
}

const tokenOf = (url: string) => new URL(url).pathname.split("/")[2]!;
const randomToken = () => Buffer.from(crypto.getRandomValues(new Uint8Array(24))).toString("base64url");

test("a shared comparison opens for anyone, read-only, and once revoked answers the same 404 as a link that never existed", async ({
  page,
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  const prompt = "share: a red kite over a windy hill";
  const runId = await finishedRun(request, prompt, 31337);
  const url = await shareFromRunView(page, runId, true);

  const ctx = await stranger(browser);
  const visitor = await ctx.newPage();
  const res = await visitor.goto(url);
  expect(res?.status()).toBe(200);
  await expect(visitor.getByRole("heading", { level: 1 })).toHaveText(prompt);
  const results = visitor.getByRole("region", { name: "Results" });
  await expect(results.getByRole("figure")).toHaveCount(2);
  await expect(results).toContainText("AI/ML API");
  await expect(results).toContainText("Segmind");
  await expect(results).toContainText("seed 31337");
  const images = results.getByRole("img");
  await expect(images).toHaveCount(2);
  for (const img of await images.all()) {
    await expect(img).toBeVisible();
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBeGreaterThan(0);
    expect(await img.getAttribute("src")).toMatch(new RegExp(`^/s/${tokenOf(url)}/image/`));
  }
  // Read-only: no controls, no forms, nothing pointing into the app.
  await expect(visitor.getByRole("button")).toHaveCount(0);
  await expect(visitor.locator("form, input, textarea, select, button")).toHaveCount(0);
  await expect(visitor.getByRole("navigation")).toHaveCount(0);
  for (const href of ["/", "/gallery", "/compare", "/shares"]) await expect(visitor.locator(`a[href="${href}"]`)).toHaveCount(0);
  for (const a of await visitor.locator("a[href]").all()) expect(await a.getAttribute("href")).toMatch(new RegExp(`^/s/${tokenOf(url)}/`));
  await visitor.screenshot({ path: screenshotPath("share-run"), fullPage: true });
  await visitor.setViewportSize({ width: 390, height: 844 });
  await visitor.emulateMedia({ colorScheme: "dark" });
  await visitor.screenshot({ path: screenshotPath("share-run-phone-dark"), fullPage: true });

  // Link previews: large card, absolute og:image that answers without cookies.
  const html = await (await ctx.request.get(url)).text();
  expect(metaContent(html, "twitter:card")).toBe("summary_large_image");
  expect(metaContent(html, "og:title")).toContain("red kite");
  const ogImage = metaContent(html, "og:image");
  expect(ogImage).toMatch(new RegExp(`^http://[^/]+/s/${tokenOf(url)}/preview$`));
  const preview = await ctx.request.get(ogImage!);
  expect(preview.status()).toBe(200);
  expect(preview.headers()["content-type"]).toBe("image/jpeg");
  const imageUrl = new URL((await images.first().getAttribute("src"))!, url).toString();
  expect((await ctx.request.get(imageUrl)).status()).toBe(200);

  // Revoke from the Shares page, with a confirmation.
  await page.goto("/shares");
  const row = page.getByRole("list", { name: "Active shares" }).getByRole("listitem").filter({ hasText: prompt });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("prompt shared");
  await expect(row).toContainText("Comparison · 2 models");
  await expect(row.getByRole("button", { name: "Copy link" })).toBeVisible();
  await expect(row.getByRole("link", { name: "Open", exact: true })).toHaveAttribute("href", new URL(url).pathname);
  await row.getByRole("button", { name: "Revoke" }).click();
  const confirm = page.getByRole("dialog", { name: "Revoke this link?" });
  await confirm.getByRole("button", { name: "Revoke link" }).click();
  await expect(confirm).toHaveCount(0);
  await expect(row).toHaveCount(0);

  // The same link is now indistinguishable from one that never existed: page, image and preview.
  const other = url.replace(tokenOf(url), randomToken());
  const [revokedPage, unknownPage] = [await ctx.request.get(url), await ctx.request.get(other)];
  expect(revokedPage.status()).toBe(404);
  expect(unknownPage.status()).toBe(404);
  const normalise = async (r: typeof revokedPage, token: string) => (await r.text()).split(token).join("TOKEN");
  expect(await normalise(revokedPage, tokenOf(url))).toBe(await normalise(unknownPage, tokenOf(other)));
  expect(await normalise(revokedPage, tokenOf(url))).not.toContain("red kite");
  for (const path of [new URL(imageUrl).pathname, `/s/${tokenOf(url)}/preview`]) {
    const revoked = await ctx.request.get(new URL(path, url).toString());
    const unknown = await ctx.request.get(new URL(path.replace(tokenOf(url), tokenOf(other)), url).toString());
    expect([revoked.status(), await revoked.text(), revoked.headers()["content-type"]]).toEqual([
      unknown.status(),
      await unknown.text(),
      unknown.headers()["content-type"],
    ]);
    expect(revoked.status()).toBe(404);
  }
  await visitor.reload();
  await expect(visitor.getByRole("heading", { level: 1 })).toHaveText("This link isn’t available");
  await visitor.screenshot({ path: screenshotPath("share-revoked"), fullPage: true });
  await ctx.close();
});

test("a share made without the prompt shows none of it: not in the HTML, the link preview, nor the image files", async ({
  page,
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  const prompt = "share-hidden: quokka balancing a teacup on a tightrope";
  const words = ["quokka", "teacup", "tightrope"];
  const runId = await finishedRun(request, prompt, 918273645);
  const url = await shareFromRunView(page, runId, false);

  const ctx = await stranger(browser);
  const res = await ctx.request.get(url);
  expect(res.status()).toBe(200);
  const html = await res.text();
  for (const word of words) expect(html.toLowerCase()).not.toContain(word);
  expect(html).not.toContain("918273645"); // nor the seed
  for (const key of ["og:title", "og:description", "twitter:title", "twitter:description", "og:image:alt"]) {
    const value = metaContent(html, key);
    expect(value, key).toBeTruthy();
    for (const word of words) expect(value!.toLowerCase()).not.toContain(word);
  }
  expect(metaContent(html, "og:title")).toBe("A comparison of 2 models");
  expect(metaContent(html, "twitter:card")).toBe("summary_large_image");

  // Every image the page serves (original, view and thumbnail) and the preview: no settings, no prompt text.
  const imagePaths = [...new Set([...html.matchAll(/\/s\/[A-Za-z0-9_-]{32}\/image\/[0-9a-f-]{36}/g)].map((m) => m[0]))];
  expect(imagePaths).toHaveLength(2);
  const files = [...imagePaths.flatMap((p) => [p, `${p}?view=1`, `${p}?thumb=1`]), metaContent(html, "og:image")!];
  for (const file of files) {
    const image = await ctx.request.get(new URL(file, url).toString());
    expect(image.status(), file).toBe(200);
    const bytes = await image.body();
    expect(await readSettings(new Uint8Array(bytes)), file).toEqual({});
    for (const word of words) expect(bytes.includes(Buffer.from(word)), `${file} contains "${word}"`).toBe(false);
  }

  const visitor = await ctx.newPage();
  await visitor.goto(url);
  await expect(visitor.getByRole("heading", { level: 1 })).toHaveText("A comparison of 2 models");
  await expect(visitor.getByText("The prompt and parameters were not shared.")).toBeVisible();
  await expect(visitor.getByRole("region", { name: "Results" }).getByRole("img")).toHaveCount(2);
  for (const word of words) expect((await visitor.content()).toLowerCase()).not.toContain(word);
  await visitor.screenshot({ path: screenshotPath("share-run-hidden"), fullPage: true });

  // The owner's list says which links hide the prompt.
  await page.goto("/shares");
  const row = page.getByRole("list", { name: "Active shares" }).getByRole("listitem").filter({ hasText: prompt });
  await expect(row).toContainText("prompt hidden");
  await page.screenshot({ path: screenshotPath("shares-list"), fullPage: true });
  await ctx.close();
});

test("one generation can be shared from its detail page, and the Shares page has an empty state", async ({ page, browser, request }) => {
  test.setTimeout(90_000);
  // Revoke whatever earlier tests left, so the empty state shows.
  await page.goto("/shares");
  const revokeButtons = page.getByRole("button", { name: "Revoke" });
  for (let left = await revokeButtons.count(); left > 0; left--) {
    await revokeButtons.first().click();
    await page.getByRole("dialog").getByRole("button", { name: "Revoke link" }).click();
    await expect(page.getByRole("dialog")).toHaveCount(0);
    // Wait for the list to drop the revoked row before reaching for the next button.
    await expect(revokeButtons).toHaveCount(left - 1);
  }
  await expect(page.getByRole("heading", { name: "No shared links yet" })).toBeVisible();
  await page.screenshot({ path: screenshotPath("shares-empty"), fullPage: true });
  // Older links come a page at a time (`?before=<the last link's place>`); a hand-edited place is not a page.
  expect((await request.get("/shares?before=nonsense")).status()).toBe(404);
  expect((await request.get(`/shares?before=${encodeURIComponent(`${new Date().toISOString()}~zzz`)}`)).status()).toBe(200);

  const prompt = "share-one: a lantern in a snowy forest";
  const runId = await finishedRun(request, prompt, 5);
  const run = (await (await request.get(`/api/runs/${runId}`)).json()) as { generations: { id: string }[] };
  await page.goto(`/gallery/${run.generations[1]!.id}`);
  await page.getByRole("button", { name: "Share" }).click();
  const dialog = page.getByRole("dialog", { name: "Share this image" });
  await dialog.getByRole("switch", { name: "Include prompt and parameters" }).click();
  await dialog.getByRole("button", { name: "Create link" }).click();
  const url = await dialog.getByRole("textbox", { name: "Link" }).inputValue();

  const ctx = await stranger(browser);
  const visitor = await ctx.newPage();
  await visitor.goto(url);
  await expect(visitor.getByRole("heading", { level: 1 })).toHaveText(prompt);
  await expect(visitor.getByRole("region", { name: "Result" })).toContainText("Segmind");
  await expect(visitor.getByRole("region", { name: "Result" }).getByRole("img")).toHaveCount(1);
  await expect(visitor.getByRole("table")).toContainText("seed");
  await expect(visitor.getByRole("button")).toHaveCount(0);
  await visitor.screenshot({ path: screenshotPath("share-single"), fullPage: true });
  await ctx.close();
});
