import { expect, type Locator } from "@playwright/test";

/**
 * Waits until React has hydrated `element`. The server's HTML paints before the page's scripts arrive (see
 * app/_components/playground/lazy-playground.tsx); a click before then lands on HTML with no handler yet.
 */
export async function hydrated(element: Locator) {
  await expect.poll(() => element.evaluate((el) => Object.keys(el).some((k) => k.startsWith("__reactProps")))).toBe(true);
}
