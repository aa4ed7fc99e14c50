import { expect, type Locator, type Page } from "@playwright/test";
import { hydrated } from "./hydration";

/** The playground as a person uses it: pick a model, write a prompt, generate, read the result card. */
export class PlaygroundPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.goto("/");
    await hydrated(this.page.getByRole("button", { name: /Generate/ }));
  }

  async pickModel(provider: string, model: string) {
    const picker = this.page.getByLabel("Model", { exact: true });
    await picker.click();
    // The list picks the option under the pointer when the button is released. Click once it has settled: Radix
    // focuses the current model after placing the list (scrolling it into view), and the list scales in.
    const list = this.page.getByRole("listbox");
    await expect(list.getByRole("option", { selected: true })).toBeFocused();
    await list.evaluate(async (el) => void (await Promise.all(el.getAnimations({ subtree: true }).map((a) => a.finished))));
    const label = `${provider} · ${model}`;
    // Once the list scrolls, Radix adds a scroll button above it, which moves every option down by its height: on a
    // loaded machine that can happen between Playwright finding the option and its click, which then lands on the
    // group's heading above. Click again while the list is still open.
    await expect(async () => {
      if (await list.isVisible()) await list.getByRole("option", { name: label, exact: true }).click({ timeout: 5_000 });
      await expect(picker).toHaveText(label, { timeout: 2_000 });
    }).toPass({ timeout: 20_000 });
    await expect(this.page.getByRole("form", { name: `${provider} ${model} parameters` })).toBeVisible();
  }

  get form(): Locator {
    return this.page.getByRole("form");
  }

  async setPrompt(text: string) {
    const prompt = this.form.getByLabel("Prompt", { exact: true });
    await prompt.fill(text);
  }

  async generate() {
    await this.page.getByRole("button", { name: /Generate/ }).click();
  }

  /** The newest result card (session results are listed newest first). */
  latestCard(): Locator {
    return this.page.getByRole("region", { name: "This session" }).getByRole("article").first();
  }

  async waitForStatus(card: Locator, status: "Done" | "Failed") {
    await expect(card).toHaveAttribute("data-status", status === "Done" ? "succeeded" : "failed", { timeout: 30_000 });
  }
}
