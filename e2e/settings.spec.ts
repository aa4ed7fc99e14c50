import fs from "node:fs/promises";
import sharp from "sharp";
import { test, expect, screenshotPath, type Page } from "./support/fixtures";
import { PlaygroundPage } from "./support/playground-page";
import { embedSettings, parseA1111, readSettings } from "../lib/metadata";

/** Clicks a download link and returns the file's bytes and suggested name. */
async function download(page: Page, link: ReturnType<Page["getByRole"]>) {
  const [file] = await Promise.all([page.waitForEvent("download"), link.click()]);
  const bytes = await fs.readFile((await file.path())!);
  return { bytes: new Uint8Array(bytes), name: file.suggestedFilename() };
}

/** Drops a file onto the page the way a browser does: dragenter, then drop, carrying a real DataTransfer. */
async function dropFile(page: Page, bytes: Uint8Array, name: string, type: string) {
  const dataTransfer = await page.evaluateHandle(
    ({ b64, name, type }) => {
      const bin = atob(b64);
      const data = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) data[i] = bin.charCodeAt(i);
      const dt = new DataTransfer();
      dt.items.add(new File([data], name, { type }));
      return dt;
    },
    { b64: Buffer.from(bytes).toString("base64"), name, type },
  );
  await page.dispatchEvent("body", "dragenter", { dataTransfer });
  await page.dispatchEvent("body", "dragover", { dataTransfer });
  await expect(page.getByText("Drop an image to load its settings")).toBeVisible();
  await page.dispatchEvent("body", "drop", { dataTransfer });
  await expect(page.getByText("Drop an image to load its settings")).toBeHidden();
}

async function pickOption(page: Page, label: string, option: string) {
  await page.getByRole("form").getByLabel(label, { exact: true }).click();
  await page.getByRole("option", { name: option, exact: true }).click();
}

test("a PNG downloads with its settings or without, and dropping it loads them back", async ({ page }) => {
  const playground = new PlaygroundPage(page);
  await playground.open();
  await playground.pickModel("AI/ML API", "Stable Diffusion 3.5 Large");
  const prompt = "settings e2e: a brass telescope on a windowsill, morning light";
  await playground.setPrompt(prompt);
  await playground.form.getByLabel("Steps", { exact: true }).fill("23");
  await page.getByRole("button", { name: "Advanced settings" }).click();
  await pickOption(page, "Output format", "PNG");
  await playground.generate();
  const card = playground.latestCard();
  await playground.waitForStatus(card, "Done");
  const seed = (await card.getByTitle("Seed used").textContent())!.replace(/^seed\s*/, "").trim();
  expect(seed).toMatch(/^\d+$/);

  await card.getByRole("link", { name: "Details" }).click();
  const embed = page.getByRole("switch", { name: "Embed settings" });
  await expect(embed).toBeChecked();
  const downloadLink = page.getByRole("link", { name: /^Download/ });

  // With settings: A1111 `parameters` (what A1111, Civitai and friends read) plus our JSON.
  const withMeta = await download(page, downloadLink);
  expect(withMeta.name).toBe(`aimlapi-stable-diffusion-v35-large-${seed}.png`);
  const read = await readSettings(withMeta.bytes);
  expect(read.a1111).toContain(prompt);
  expect(read.a1111).toContain(`Seed: ${seed}`);
  expect(parseA1111(read.a1111!)).toMatchObject({
    prompt,
    steps: 23,
    seed,
    width: 1024,
    height: 1024,
    model: "aimlapi/stable-diffusion-v35-large",
    extra: { Provider: "AI/ML API", "Output format": "png" },
  });
  expect(JSON.parse(read.json!)).toMatchObject({
    app: "sd3-playground",
    version: 1,
    provider: "aimlapi",
    model: "stable-diffusion-v35-large",
    seed,
    input: { prompt, num_inference_steps: 23, output_format: "png" },
  });

  // Stripping is one switch, and it is remembered.
  await embed.click();
  await expect(embed).not.toBeChecked();
  const bare = await download(page, downloadLink);
  expect(bare.name).toBe(withMeta.name);
  expect(await readSettings(bare.bytes)).toEqual({});
  await page.reload();
  await expect(page.getByRole("switch", { name: "Embed settings" })).not.toBeChecked();
  await page.screenshot({ path: screenshotPath("settings-detail") });

  // Back in the playground on another model, drop the downloaded file: its own model and settings come back.
  await playground.open();
  await playground.pickModel("Segmind", "Stable Diffusion 3.5 Large");
  await dropFile(page, withMeta.bytes, withMeta.name, "image/png");
  await expect(page.getByRole("form", { name: "AI/ML API Stable Diffusion 3.5 Large parameters" })).toBeVisible();
  await expect(playground.form.getByLabel("Prompt", { exact: true })).toHaveValue(prompt);
  await expect(playground.form.getByLabel("Steps", { exact: true })).toHaveValue("23");
  await expect(playground.form.getByLabel("Seed", { exact: true })).toHaveValue(seed);
  await expect(playground.form.getByRole("button", { name: "Lock" })).toHaveAttribute("aria-pressed", "true");
  const notes = page.getByRole("status", { name: "Settings loaded from image" });
  await expect(notes).toContainText(`from ${withMeta.name}.`);
  await page.screenshot({ path: screenshotPath("settings-dropped") });
  await notes.getByRole("button", { name: "Dismiss" }).click();
  await expect(notes).toBeHidden();

  // A file without settings says so.
  await page.getByLabel("Load settings from image").setInputFiles({ name: "bare.png", mimeType: "image/png", buffer: Buffer.from(bare.bytes) });
  await expect(page.getByRole("alert").filter({ hasText: "No settings found in bare.png" })).toBeVisible();
});

test("AUTOMATIC1111 parameters map onto Segmind's form, and what is not used is listed", async ({ page }) => {
  const a1111 = [
    "masterpiece, a lighthouse on a cliff at dusk, <lora:add_detail:0.6>",
    "Negative prompt: lowres, watermark",
    "Steps: 28, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 7.0, Seed: 1234567890, Size: 832x1216, " +
      "Model hash: 31e35c80fc, Model: sd_xl_base_1.0, Denoising strength: 0.35, Hires upscale: 1.5, Version: v1.10.1",
  ].join("\n");
  const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#336699" } }).png().toBuffer();
  const file = await embedSettings(png, "image/png", { a1111, json: "" });

  const playground = new PlaygroundPage(page);
  await playground.open();
  await playground.pickModel("Segmind", "Stable Diffusion 3.5 Large");
  await page.getByLabel("Load settings from image").setInputFiles({ name: "forge.png", mimeType: "image/png", buffer: Buffer.from(file) });

  const form = page.getByRole("form", { name: "Segmind Stable Diffusion 3.5 Large parameters" });
  await expect(form.getByLabel("Prompt", { exact: true })).toHaveValue("masterpiece, a lighthouse on a cliff at dusk, <lora:add_detail:0.6>");
  await expect(form.getByLabel("Negative prompt", { exact: true })).toHaveValue("lowres, watermark");
  await expect(form.getByLabel("Steps", { exact: true })).toHaveValue("28");
  await expect(form.getByLabel("Guidance scale", { exact: true })).toHaveValue("7");
  await expect(form.getByLabel("Seed", { exact: true })).toHaveValue("1234567890");
  await expect(form.getByLabel("Aspect ratio", { exact: true })).toHaveText(/5:8 portrait/);
  await page.getByRole("button", { name: "Advanced settings" }).click();
  await expect(form.getByLabel("Sampler", { exact: true })).toHaveText("DPM++ 2M");
  await expect(form.getByLabel("Scheduler", { exact: true })).toHaveText("Karras");

  const notes = page.getByRole("status", { name: "Settings loaded from image" });
  await expect(notes).toContainText(
    "Loaded 8 settings from forge.png; not used: Model, Model hash, Denoising strength, Hires upscale, Version",
  );
  const unused = notes.getByRole("definition").filter({ hasText: "31e35c80fc" });
  await expect(unused).toBeVisible();
  await expect(notes).toContainText("sd_xl_base_1.0");
  await page.screenshot({ path: screenshotPath("settings-a1111") });

  // The mapped values are valid for Segmind: it generates as loaded.
  await playground.generate();
  const card = playground.latestCard();
  await playground.waitForStatus(card, "Done");
  await expect(card.getByTitle("Seed used")).toContainText("1234567890");
});

test("reuse a result: use seed keeps the current form, remix draws a new seed, use all locks it", async ({ page }) => {
  const playground = new PlaygroundPage(page);
  await playground.open();
  await playground.pickModel("Segmind", "Stable Diffusion 3.5 Large");
  await playground.setPrompt("reuse e2e: a paper boat");
  await playground.form.getByLabel("Steps", { exact: true }).fill("42");
  await playground.generate();
  const card = playground.latestCard();
  await playground.waitForStatus(card, "Done");
  const seed = (await card.getByTitle("Seed used").textContent())!.replace(/^seed\s*/, "").trim();

  // Use seed: stay on the model now selected, change nothing but its seed, locked.
  await playground.pickModel("AI/ML API", "Stable Diffusion 3.5 Large");
  await playground.setPrompt("my own prompt");
  await card.getByRole("button", { name: "Reuse settings" }).click();
  await page.getByRole("menuitem", { name: /Use seed only/ }).click();
  const aiml = page.getByRole("form", { name: "AI/ML API Stable Diffusion 3.5 Large parameters" });
  await expect(aiml.getByLabel("Seed", { exact: true })).toHaveValue(seed);
  await expect(aiml.getByLabel("Prompt", { exact: true })).toHaveValue("my own prompt");
  await expect(aiml.getByRole("button", { name: "Lock" })).toHaveAttribute("aria-pressed", "true");
  await expect(page).toHaveURL(/\/$/);

  // Remix: that model and settings, no seed, unlocked.
  await card.getByRole("button", { name: "Reuse settings" }).click();
  await page.getByRole("menuitem", { name: /Remix/ }).click();
  const segmind = page.getByRole("form", { name: "Segmind Stable Diffusion 3.5 Large parameters" });
  await expect(segmind.getByLabel("Prompt", { exact: true })).toHaveValue("reuse e2e: a paper boat");
  await expect(segmind.getByLabel("Steps", { exact: true })).toHaveValue("42");
  await expect(segmind.getByLabel("Seed", { exact: true })).toHaveValue("");
  await expect(segmind.getByRole("button", { name: "Lock" })).toHaveAttribute("aria-pressed", "false");

  // Use all, from the detail page: the seed comes back, locked.
  await card.getByRole("link", { name: "Details" }).click();
  await page.getByRole("link", { name: "Use these settings" }).click();
  await expect(segmind.getByLabel("Seed", { exact: true })).toHaveValue(seed);
  await expect(segmind.getByRole("button", { name: "Lock" })).toHaveAttribute("aria-pressed", "true");
  await expect(segmind.getByLabel("Steps", { exact: true })).toHaveValue("42");
});
