import { targetLabel } from "@/lib/providers/labels";
import { test, expect, emulatorReset, screenshotPath, type Page } from "./support/fixtures";

/** Prompt suites as a person uses them: import, run on several targets, watch the grid, cancel, survive a restart. */

const AIML = { provider: "aimlapi", model: "stable-diffusion-v35-large" };
const SEGMIND = { provider: "segmind", model: "stable-diffusion-3.5-large-txt2img" };
const EACHLABS = { provider: "eachlabs", model: "stable-diffusion-3.5-large" };
const IMAGEPIPELINE = { provider: "imagepipeline", model: "sd3_5" };

test.afterEach(async ({ servers }) => emulatorReset(servers));

interface EmulatorRequest {
  provider: string;
  method: string;
  body: unknown;
}

async function emulatorPrompts(emulatorUrl: string): Promise<string> {
  const log = (await (await fetch(`${emulatorUrl}/__emulator/requests`)).json()) as EmulatorRequest[];
  return log.filter((r) => r.method === "POST").map((r) => JSON.stringify(r.body ?? "")).join("\n");
}

async function pickTargets(page: Page, targets: { provider: string; model: string }[]) {
  for (const t of targets) await page.getByRole("checkbox", { name: targetLabel(t), exact: true }).check();
}

test("a suite file is measured in characters, as the server counts them: 6 MB of 3-byte characters loads, more text than a suite takes is refused", async ({ page }) => {
  await page.goto("/suites");
  const upload = page.getByLabel("Upload a .txt or .csv file");
  // 1,000 prompts of 2,000 CJK characters: 2 million characters, 6 MB of UTF-8.
  const cats = Array.from({ length: 1000 }, (_, i) => `${i} ${"猫".repeat(2000)}`).join("\n");
  expect(Buffer.byteLength(cats)).toBeGreaterThan(6_000_000);
  await upload.setInputFiles({ name: "cats.txt", mimeType: "text/plain", buffer: Buffer.from(cats) });
  await expect.poll(() => page.getByLabel("Prompts").evaluate((el) => (el as HTMLTextAreaElement).value.length)).toBe(cats.length);
  await expect(page.getByLabel("Name")).toHaveValue("cats");
  await expect(page.getByText(/holds more text than a suite takes/)).toHaveCount(0);

  // 1,000 prompts of 4,000 characters and their line breaks fit; 5 million characters cannot.
  await upload.setInputFiles({ name: "huge.txt", mimeType: "text/plain", buffer: Buffer.from("a".repeat(5_000_000)) });
  await expect(page.getByText("huge.txt holds more text than a suite takes: at most 1,000 prompts of 4,000 characters.", { exact: true })).toBeVisible();
  await expect.poll(() => page.getByLabel("Prompts").evaluate((el) => (el as HTMLTextAreaElement).value.length)).toBe(cats.length);
});

test("a sheet saved by Excel as Unicode text (UTF-16, tabs) or as a European CSV (semicolons) reads as the sheet showed it, and a long file name still makes a name the server takes", async ({ page }) => {
  await page.goto("/suites");
  const upload = page.getByLabel("Upload a .txt or .csv file");
  const sheet = "prompt\tcategory\r\nUn café sur une table; vue de côté\tnature morte\r\n猫が窓辺に座る\tanimaux\r\n";
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(sheet, "utf16le")]);
  const longName = `${"résultats du comité ".repeat(8)}.txt`;
  await upload.setInputFiles({ name: longName, mimeType: "text/plain", buffer: utf16 });
  // A textarea reads its line ends as \n.
  await expect(page.getByLabel("Prompts", { exact: true })).toHaveValue(sheet.replace(/\r\n/g, "\n"));
  await expect(page.getByRole("checkbox", { name: /^CSV/ })).toBeChecked();
  const name = await page.getByLabel("Name").inputValue();
  expect(name.length).toBeLessThanOrEqual(120);
  expect(longName.startsWith(name)).toBe(true);
  await page.getByRole("button", { name: "Create suite" }).click();
  await expect(page).toHaveURL(/\/suites\/[0-9a-f-]{36}$/, { timeout: 60_000 });
  await expect(page.getByText("2 prompts", { exact: true })).toBeVisible();

  await page.goto("/suites");
  const csv = 'prompt;category\r\n"Un chat, un chien; deux amis";animaux\r\nUne tasse de thé;nature morte\r\n';
  await upload.setInputFiles({ name: "européen.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Create suite" }).click();
  await expect(page).toHaveURL(/\/suites\/[0-9a-f-]{36}$/, { timeout: 60_000 });
  await expect(page.getByText("2 prompts", { exact: true })).toBeVisible();
  // The editor shows the suite back as comma CSV, with the semicolons inside the first prompt kept.
  await page.getByText("Edit prompts").click();
  await expect(page.getByLabel("Prompts", { exact: true })).toHaveValue('prompt,category\n"Un chat, un chien; deux amis",animaux\nUne tasse de thé,nature morte');
});

test("import a CSV suite (BOM, CRLF, quotes, category), see bad lines by number, then run it on 3 targets as one batch", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto("/suites");
  await page.getByLabel("Name").fill("e2e import");
  const csv = '\uFEFFprompt,category\r\n"A red cube, on a blue table",spatial\r\nA fox in snow,animals\r\na fox  in SNOW,animals\r\n,\r\n"Say ""hi"" on a sign",text\r\n';
  await page.getByLabel("Upload a .txt or .csv file").setInputFiles({ name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Create suite" }).click();
  const problems = page.getByRole("list", { name: "Problems by line" });
  await expect(problems.getByRole("listitem")).toHaveText(["Line 4 repeats line 3.", "Line 5 is empty."]);
  await expect(page).toHaveURL(/\/suites$/);

  const fixed = '\uFEFFprompt,category\r\n"A red cube, on a blue table",spatial\r\nA fox in snow,animals\r\n"Say ""hi"" on a sign",text\r\n';
  await page.getByLabel("Upload a .txt or .csv file").setInputFiles({ name: "good.csv", mimeType: "text/csv", buffer: Buffer.from(fixed) });
  await page.getByRole("button", { name: "Create suite" }).click();
  await expect(page).toHaveURL(/\/suites\/[0-9a-f-]{36}$/, { timeout: 60_000 });
  await expect(page.getByText("3 prompts", { exact: true })).toBeVisible();

  await pickTargets(page, [AIML, SEGMIND, EACHLABS]);
  await expect(page.getByTestId("suite-estimate")).toContainText("3 prompts × 3 targets = 9 images");
  await page.getByRole("button", { name: "Run 9 images" }).click();
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/, { timeout: 60_000 });
  await expect(page.getByTestId("batch-progress")).toContainText("9 done · 0 failed · 9 total", { timeout: 60_000 });
  const grid = page.getByRole("region", { name: "Prompts × targets" });
  await expect(grid.locator('a[data-status="succeeded"]')).toHaveCount(9);
  await expect(grid.getByRole("rowheader")).toHaveCount(3);
  await expect(grid.getByRole("rowheader").nth(2)).toContainText('Say "hi" on a sign');
  await expect(page.getByRole("link", { name: "Vote on these blind" })).toHaveAttribute("href", /\/arena\?run=[0-9a-f-]{36}$/);

  // The grid scrolls inside its own box; the page never scrolls sideways, from a phone to a wide screen.
  for (const [width, scheme] of [[360, "light"], [360, "dark"], [1440, "light"], [1440, "dark"]] as const) {
    await page.setViewportSize({ width, height: 800 });
    await page.emulateMedia({ colorScheme: scheme });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.screenshot({ path: screenshotPath(`suite-grid-${width}-${scheme}`), fullPage: true });
  }
  const cell = grid.locator('a[data-status="succeeded"]').first();
  await cell.click();
  await expect(page).toHaveURL(/\/gallery\/[0-9a-f-]{36}$/, { timeout: 60_000 });

  // One item in the gallery for the whole batch.
  await page.goto("/gallery");
  await expect(page.getByRole("link", { name: /^Prompt suite e2e import: 9 of 9 done$/ })).toBeVisible();
  await page.goto("/suites");
  for (const width of [360, 1440]) {
    await page.setViewportSize({ width, height: 800 });
    await page.screenshot({ path: screenshotPath(`suites-${width}-dark`), fullPage: true });
  }
});

test("a batch above the threshold asks first; one click cancels it and its queued cells never reach the provider", async ({ page, servers, request }) => {
  test.setTimeout(240_000);
  const prompts = Array.from({ length: 20 }, (_, i) => `suite-cancel-${i} a lighthouse [[latency:8000]]`);
  const created = await request.post("/api/suites", { data: { name: "e2e cancel", text: prompts.join("\n"), format: "lines" } });
  expect(created.status()).toBe(201);
  const { suiteId } = (await created.json()) as { suiteId: string };

  await page.goto(`/suites/${suiteId}`);
  await pickTargets(page, [IMAGEPIPELINE]);
  await page.getByRole("button", { name: "Run 20 images" }).click();
  const dialog = page.getByRole("dialog", { name: "Run this batch?" });
  await expect(dialog).toContainText("20 images, about $");
  await expect(dialog).toContainText("Confirm this batch: more than the 16 images that run without asking.");
  await dialog.getByRole("button", { name: "Run 20 images" }).click();
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/, { timeout: 60_000 });
  const runId = page.url().split("/").pop()!;

  await page.getByRole("button", { name: "Cancel the batch" }).click();
  await expect(page.getByRole("status")).toContainText(/Cancelled 1[2-8] waiting images/);
  await expect(page.getByTestId("batch-progress")).toContainText(/\d+ failed \(1[2-8] cancelled\) · 20 total · 100%/, { timeout: 60_000 });

  const run = (await (await request.get(`/api/runs/${runId}`)).json()) as {
    generations: { prompt: string; status: string; startedAt: string | null; error: { code: string } | null }[];
  };
  const canceled = run.generations.filter((g) => g.error?.code === "canceled");
  expect(canceled.length).toBeGreaterThanOrEqual(12);
  const sent = await emulatorPrompts(servers.emulatorUrl);
  for (const g of canceled) {
    expect(g.startedAt, "a cancelled cell was never started").toBeNull();
    expect(sent, "a cancelled cell never reached the provider").not.toContain(g.prompt.split(" ")[0]! + " ");
  }
  // The few that were running when the batch was cancelled did reach it, once.
  expect(run.generations.filter((g) => g.status === "succeeded").every((g) => sent.includes(g.prompt.split(" ")[0]! + " "))).toBe(true);
  // Leave the live page, so nothing it still streams holds up the fixture's response scan.
  await page.goto("/suites");
});

test("a batch over BATCH_MAX_IMAGES is refused with the numbers, and unknown fields are refused, before anything is stored or sent", async ({ request, servers }) => {
  const text = Array.from({ length: 501 }, (_, i) => `suite-limit-${i} a lake`).join("\n");
  const created = await request.post("/api/suites", { data: { name: "e2e limit", text, format: "lines" } });
  expect(created.status()).toBe(201);
  const { suiteId } = (await created.json()) as { suiteId: string };
  const before = (await (await request.get("/api/runs?limit=100")).json()) as { items: unknown[] };

  const over = await request.post(`/api/suites/${suiteId}/runs`, { data: { shared: { size: "1:1" }, targets: [AIML, SEGMIND], confirmed: true } });
  expect(over.status()).toBe(400);
  expect(((await over.json()) as { message: string }).message).toBe(
    "501 prompts × 2 targets is 1002 images, more than the limit of 1000 per batch (BATCH_MAX_IMAGES). Run fewer prompts or targets.",
  );
  const extra = await request.post(`/api/suites/${suiteId}/runs`, { data: { shared: { size: "1:1", bogus: 1 }, targets: [AIML] } });
  expect(extra.status()).toBe(400);
  expect(((await extra.json()) as { message: string }).message).toMatch(/Unknown field "shared.bogus"/);

  const after = (await (await request.get("/api/runs?limit=100")).json()) as { items: unknown[] };
  expect(after.items.length, "nothing was stored").toBe(before.items.length);
  expect(await emulatorPrompts(servers.emulatorUrl)).not.toContain("suite-limit-");
});

test("a suite edited in another tab is not run unseen: Run says so and the page shows the new prompts", async ({ page, context, request, servers }) => {
  const created = await request.post("/api/suites", { data: { name: "e2e edited elsewhere", text: "a cat\na dog", format: "lines" } });
  const { suiteId } = (await created.json()) as { suiteId: string };
  await page.goto(`/suites/${suiteId}`);
  await pickTargets(page, [IMAGEPIPELINE]);
  await expect(page.getByRole("button", { name: "Run 2 images" })).toBeEnabled();

  const other = await context.newPage();
  await other.goto(`/suites/${suiteId}`);
  await other.getByText("Edit prompts").click();
  await other.getByLabel("Prompts").fill("a cat\na dog\na fox");
  await other.getByRole("button", { name: "Save changes" }).click();
  await expect(other.getByText("3 prompts", { exact: true })).toBeVisible();
  await other.close();

  await page.getByRole("button", { name: "Run 2 images" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Nothing was run" })).toHaveText("Nothing was run: this suite was edited since this page showed it (revision 1, now 2). Check its prompts and run again.");
  await expect(page.getByText("3 prompts", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Run 3 images" })).toBeEnabled();
  expect(await emulatorPrompts(servers.emulatorUrl)).toBe("");
});
