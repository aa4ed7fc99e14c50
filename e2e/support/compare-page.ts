import type { Locator, Page } from "@playwright/test";
import { hydrated } from "./hydration";

/** The comparison builder and run view as a person uses them. */
export class ComparePage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.goto("/compare");
    await hydrated(this.page.getByRole("button", { name: /Compare \d+ targets/ }));
  }

  get form(): Locator {
    return this.page.getByRole("form", { name: "Comparison" });
  }

  async selectTargets(labels: string[]) {
    const boxes = this.page.getByRole("group", { name: "Targets" }).getByRole("checkbox");
    for (const box of await boxes.all()) await box.uncheck();
    for (const label of labels) await this.page.getByRole("checkbox", { name: label, exact: true }).check();
  }

  async setShared(values: { prompt: string; seed?: number; steps?: number }) {
    await this.form.getByLabel("Prompt", { exact: true }).fill(values.prompt);
    if (values.seed !== undefined) {
      await this.form.getByLabel("Seed", { exact: true }).fill(String(values.seed));
      const lock = this.form.getByRole("button", { name: "Lock" });
      if ((await lock.getAttribute("aria-pressed")) !== "true") await lock.click();
    }
    if (values.steps !== undefined) await this.form.getByLabel("Steps", { exact: true }).fill(String(values.steps));
  }

  targetPanel(name: string): Locator {
    return this.page.getByRole("region", { name });
  }

  async submit() {
    await this.page.getByRole("button", { name: /Compare \d+ targets/ }).click();
    await this.page.waitForURL(/\/runs\//);
  }

  cards(): Locator {
    return this.page.getByRole("region", { name: "Results" }).getByRole("article");
  }

  card(provider: string, model: string): Locator {
    return this.page.getByRole("region", { name: "Results" }).getByRole("article", { name: new RegExp(`^${provider} ${model}:`) });
  }
}
