import { test, expect, screenshotPath } from "./support/fixtures";
import { PlaygroundPage } from "./support/playground-page";

const models = [
  { provider: "AI/ML API", model: "Stable Diffusion 3.5 Large", param: "num_inference_steps" },
  { provider: "AI/ML API", model: "Stable Diffusion 3 Medium", param: "image_size" },
  { provider: "Segmind", model: "Stable Diffusion 3.5 Large", param: "scheduler" },
  { provider: "Eachlabs", model: "Stable Diffusion 3.5 Large", param: "input.aspect_ratio" },
  // ImagePipeline's legacy endpoint takes no seed and reports none.
  { provider: "ImagePipeline", model: "Stable Diffusion 3.5", param: "guidance_scale", noSeed: true },
  // Issue 11: the new hosts, and the new models on the hosts above.
  { provider: "Replicate", model: "Stable Diffusion 3.5 Large", param: "input.aspect_ratio" },
  { provider: "Replicate", model: "Stable Diffusion 3.5 Large Turbo", param: "input.cfg" },
  { provider: "Replicate", model: "Stable Diffusion 3.5 Medium", param: "input.output_format" },
  { provider: "DeepInfra", model: "Stable Diffusion 3.5 Large", param: "num_inference_steps" },
  { provider: "DeepInfra", model: "Stable Diffusion 3.5 Medium", param: "guidance_scale" },
  { provider: "Segmind", model: "Stable Diffusion 3.5 Large Turbo", param: "sampler" },
  { provider: "Segmind", model: "Stable Diffusion 3 Medium", param: "img_width" },
  { provider: "Eachlabs", model: "Stable Diffusion 3.5 Large Turbo", param: "input.steps" },
  { provider: "Eachlabs", model: "Stable Diffusion 3.5 Medium", param: "input.steps" },
  { provider: "ImagePipeline", model: "Stable Diffusion 3", param: "num_inference_steps", noSeed: true },
  ...["Stable Diffusion 3.5 Large", "Stable Diffusion 3.5 Large Turbo", "Stable Diffusion 3.5 Medium"].map((model) => ({
    provider: "Stability AI",
    model,
    param: "aspect_ratio",
  })),
  ...["Stable Diffusion 3.5 Large", "Stable Diffusion 3.5 Large Turbo", "Stable Diffusion 3.5 Medium"].map((model) => ({
    provider: "fal",
    model,
    param: "image_size",
  })),
  { provider: "fal", model: "Stable Diffusion 3 Medium", param: "prompt_expansion" },
];

test("every model generates through the UI, and the results survive a server restart", async ({ page, servers }) => {
  test.setTimeout(360_000);
  const playground = new PlaygroundPage(page);
  await playground.open();
  await page.screenshot({ path: screenshotPath("playground-empty"), fullPage: true });

  const prompts: string[] = [];
  for (const [i, m] of models.entries()) {
    await playground.pickModel(m.provider, m.model);
    const prompt = `e2e ${i} a lighthouse on a cliff at dusk, ${m.provider}`;
    prompts.push(prompt);
    await playground.setPrompt(prompt);
    await playground.generate();
    const card = playground.latestCard();
    await expect(card).toContainText(m.provider);
    await playground.waitForStatus(card, "Done");
    const img = card.getByRole("img").first();
    await expect(img).toBeVisible();
    // The image is served from our storage, never from the provider's URL.
    expect(await img.getAttribute("src")).toMatch(/^\/api\/images\//);
    if (!("noSeed" in m)) await expect(card.getByTitle("Seed used")).toContainText(/seed \d+/);
  }
  await page.screenshot({ path: screenshotPath("playground-results"), fullPage: true });

  await servers.restartApp();

  await page.goto("/gallery");
  const tiles = page.getByRole("list", { name: "Generations" });
  for (const prompt of prompts) await expect(tiles.getByRole("link", { name: new RegExp(`${prompt}$`) })).toBeVisible();
  await page.screenshot({ path: screenshotPath("gallery"), fullPage: true });

  for (const [i, m] of models.entries()) {
    await page.goto("/gallery");
    await page.getByRole("link", { name: new RegExp(`${prompts[i]}$`) }).click();
    const details = page.getByRole("complementary", { name: "Generation details" });
    await expect(details).toContainText(prompts[i]!);
    await expect(details).toContainText(m.provider);
    const sent = page.getByRole("region", { name: "Parameters as sent" });
    await expect(sent.getByRole("rowheader", { name: m.param, exact: true })).toBeVisible();
    await expect(sent).toContainText(prompts[i]!);
    const img = page.getByRole("main").getByRole("img").first();
    await expect(img).toBeVisible();
    // The stored image still loads after the restart.
    const ok = await img.evaluate((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0);
    expect(ok).toBe(true);
  }
  await page.screenshot({ path: screenshotPath("gallery-detail"), fullPage: true });
});

test("use these settings loads a generation back into the form", async ({ page }) => {
  const playground = new PlaygroundPage(page);
  await playground.open();
  await playground.pickModel("Segmind", "Stable Diffusion 3.5 Large");
  await playground.setPrompt("reuse me: a red bicycle");
  await playground.form.getByLabel("Steps", { exact: true }).fill("42");
  await playground.generate();
  const card = playground.latestCard();
  await playground.waitForStatus(card, "Done");
  await card.getByRole("link", { name: "Details" }).click();
  await page.getByRole("link", { name: "Use these settings" }).click();
  await expect(page.getByRole("form", { name: "Segmind Stable Diffusion 3.5 Large parameters" })).toBeVisible();
  await expect(page.getByRole("form").getByLabel("Prompt", { exact: true })).toHaveValue("reuse me: a red bicycle");
  await expect(page.getByRole("form").getByLabel("Steps", { exact: true })).toHaveValue("42");
});

test("a value the browser kept from an older version of a form is not sent", async ({ page }) => {
  // What an earlier release saved for this model, with a field it no longer has.
  await page.addInitScript(() => {
    localStorage.setItem("sd3pg:target", JSON.stringify("aimlapi/stable-diffusion-v35-large"));
    localStorage.setItem("sd3pg:form:aimlapi/stable-diffusion-v35-large", JSON.stringify({ prompt: "kept: a tin robot", retired_field: 3 }));
  });
  const playground = new PlaygroundPage(page);
  await playground.open();
  await expect(playground.form.getByLabel("Prompt", { exact: true })).toHaveValue("kept: a tin robot");
  // The server refuses unknown fields: sent, it would have failed the run with a field the person cannot see.
  await playground.generate();
  await playground.waitForStatus(playground.latestCard(), "Done");
});
