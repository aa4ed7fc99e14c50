import { chromium } from "playwright-core";
const base = "http://127.0.0.1:3100";
async function main() {
  const targets = [
    { provider: "aimlapi", model: "stable-diffusion-v35-large", overrides: {} },
    { provider: "segmind", model: "stable-diffusion-3.5-large-txt2img", overrides: {} },
    { provider: "fal", model: "fal-ai/stable-diffusion-v35-large", overrides: {} },
    { provider: "deepinfra", model: "stabilityai/sd3.5", overrides: {} },
  ];
  for (const size of ["16:9", "1:1"]) {
    const res = await fetch(`${base}/api/runs`, { method: "POST", headers: { "content-type": "application/json", origin: base }, body: JSON.stringify({ shared: { prompt: `a lighthouse at dusk ${size}`, size, seed: 42 }, targets }) });
    console.log(res.status, (await res.text()).slice(0, 200));
  }
  await new Promise((r) => setTimeout(r, 8000));
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium" });
  for (const [w, h] of [[360, 800], [1440, 1000]] as const) {
    const page = await browser.newPage({ viewport: { width: w, height: h } });
    await page.goto(base + "/");
    await page.waitForTimeout(3000);
    await page.locator("#results").scrollIntoViewIfNeeded();
    await page.screenshot({ path: `/tmp/shot-home-${w}.png`, fullPage: w === 1440 });
    await page.close();
  }
  await browser.close();
}
main();
