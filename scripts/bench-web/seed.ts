import { chromium } from "@playwright/test";
import { expect } from "@playwright/test";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

async function waitForRun(appUrl: string, runId: string) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const run = (await (await fetch(`${appUrl}/api/runs/${runId}`)).json()) as { generations: { status: string }[] };
    if (run.generations.every((g) => g.status === "succeeded" || g.status === "failed")) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`run ${runId} did not finish`);
}

/** A few stored results (a comparison and single images) and one share link, so every page has content. */
export async function seedPages(appUrl: string): Promise<{ sharePath: string }> {
  const targets = [
    { provider: "aimlapi", model: "stable-diffusion-v35-large" },
    { provider: "segmind", model: "stable-diffusion-3.5-large-txt2img" },
  ];
  let runId = "";
  for (const prompt of ["A lighthouse on a rocky cliff at dusk", "A red fox in fresh snow", "A paper boat on a puddle"]) {
    const res = await fetch(`${appUrl}/api/runs`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ shared: { prompt, size: "1:1", seed: 42 }, targets }),
    });
    if (res.status !== 202) throw new Error(`seeding failed: HTTP ${res.status} ${await res.text()}`);
    runId = ((await res.json()) as { runId: string }).runId;
    await waitForRun(appUrl, runId);
  }
  // A share link is made through the UI, the one way there is to make one.
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu"] });
  try {
    const page = await browser.newPage({ baseURL: appUrl });
    await page.goto(`/runs/${runId}`);
    await page.getByRole("button", { name: "Share" }).click();
    const dialog = page.getByRole("dialog", { name: "Share this comparison" });
    await dialog.getByRole("switch", { name: "Include prompt and parameters" }).click();
    await dialog.getByRole("button", { name: "Create link" }).click();
    const link = dialog.getByRole("textbox", { name: "Link" });
    await expect(link).toHaveValue(/\/s\//);
    return { sharePath: new URL(await link.inputValue()).pathname };
  } finally {
    await browser.close();
  }
}
