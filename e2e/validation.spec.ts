import { test, expect } from "./support/fixtures";
import { PlaygroundPage } from "./support/playground-page";

test("an out-of-range value is flagged on its field before submit, and nothing is sent", async ({ page }) => {
  const playground = new PlaygroundPage(page);
  await playground.open();
  await playground.pickModel("Segmind", "Stable Diffusion 3.5 Large");
  await playground.setPrompt("validation check");
  const steps = playground.form.getByLabel("Steps", { exact: true });
  await steps.fill("5");
  await steps.blur();
  await expect(steps).toHaveAttribute("aria-invalid", "true");
  await expect(playground.form.getByRole("alert").filter({ hasText: /10/ }).first()).toBeVisible();
  let actionCalls = 0;
  page.on("request", (req) => {
    if (req.method() === "POST" && req.headers()["next-action"]) actionCalls++;
  });
  await playground.generate();
  await page.waitForTimeout(500);
  expect(actionCalls).toBe(0);
  await expect(page.getByRole("region", { name: "This session" })).toHaveCount(0);
});

test("the server validates again and its error lands on the same field", async ({ page }) => {
  const playground = new PlaygroundPage(page);
  await playground.open();
  await playground.pickModel("AI/ML API", "Stable Diffusion 3.5 Large");
  await playground.setPrompt("server validation check");
  await playground.form.getByLabel("Steps", { exact: true }).fill("30");
  // Tamper with the server action's payload in flight, past the client's validation, as a hostile client would.
  await page.route("**/*", async (route) => {
    const req = route.request();
    if (req.method() === "POST" && req.headers()["next-action"]) {
      const body = (req.postData() ?? "").replace(/"num_inference_steps":30/, '"num_inference_steps":999');
      await route.continue({ postData: body });
      return;
    }
    await route.continue();
  });
  await playground.generate();
  const steps = playground.form.getByLabel("Steps", { exact: true });
  await expect(steps).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("alert").filter({ hasText: "See the highlighted fields" })).toBeVisible();
  await expect(page.getByRole("region", { name: "This session" })).toHaveCount(0);
});
