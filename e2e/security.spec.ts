import fs from "node:fs";
import path from "node:path";
import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { test, expect } from "./support/fixtures";
import { APP_PORT, ROOT } from "./support/env";
import { startAppServer, type Proc } from "./support/processes";
import { rawRequest } from "./support/raw-http";

// Each attack from issue 9, tried the way an attacker would, asserting the safe outcome: the network side here, the
// input side (parsers, upload limit, strict input) in e2e/security-input.spec.ts.

const marker = (what: string) => `${what}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;

/** The id of a server action, from the build's manifest (as a page's own JavaScript would know it). */
function actionId(file: string): string {
  const manifest = JSON.parse(
    fs.readFileSync(path.join(ROOT, process.env.NEXT_DIST_DIR ?? ".next", "server", "server-reference-manifest.json"), "utf8"),
  ) as { node: Record<string, { filename?: string }> };
  const id = Object.entries(manifest.node).find(([, a]) => a.filename?.endsWith(file))?.[0];
  expect(id, `${file} in the server reference manifest`).toBeTruthy();
  return id!;
}

async function runsMatching(request: APIRequestContext, q: string): Promise<number> {
  const res = await request.get(`/api/runs?q=${encodeURIComponent(q)}`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { items: unknown[] }).items.length;
}

test.describe("without a password", () => {
  test("a DNS-rebinding page's Host and Origin are refused, and nothing is created", async ({ servers, request }) => {
    const url = (p: string) => `${servers.appUrl}${p}`;
    const rebound = { host: "evil.example:3401", origin: "http://evil.example:3401" };
    const own = { host: `127.0.0.1:${APP_PORT}`, origin: servers.appUrl };
    const probe = marker("rebinding");
    const json = { "content-type": "application/json" };
    const generation = JSON.stringify({ provider: "aimlapi", model: "stable-diffusion-v35-large", input: { prompt: probe } });
    const comparison = JSON.stringify({
      shared: { prompt: probe, size: "1:1" },
      targets: [
        { provider: "aimlapi", model: "stable-diffusion-v35-large" },
        { provider: "segmind", model: "stable-diffusion-3.5-large-txt2img" },
      ],
    });
    const start = actionId("lib/actions/start-generation.ts");
    const action = (headers: Record<string, string>, prompt: string) =>
      rawRequest(url("/"), {
        method: "POST",
        headers: { ...headers, "next-action": start, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component" },
        body: JSON.stringify([{ provider: "aimlapi", model: "stable-diffusion-v35-large", input: { prompt } }]),
      });

    // The rebinding page's own requests: its name in Host (and Origin).
    const gallery = await rawRequest(url("/api/runs"), { headers: rebound });
    expect(gallery.status).toBe(421);
    expect(gallery.body).not.toContain('"items"');
    expect((await rawRequest(url("/"), { headers: { host: rebound.host } })).status).toBe(421);
    expect((await rawRequest(url("/api/generations"), { method: "POST", headers: { ...rebound, ...json }, body: generation })).status).toBe(421);
    expect((await rawRequest(url("/api/runs"), { method: "POST", headers: { ...rebound, ...json }, body: comparison })).status).toBe(421);
    expect((await action(rebound, probe)).status).toBe(421);

    // A loopback Host guessed right, but the browser still names the foreign page in Origin.
    const foreignOrigin = { host: own.host, origin: rebound.origin };
    expect((await rawRequest(url("/api/generations"), { method: "POST", headers: { ...foreignOrigin, ...json }, body: generation })).status).toBe(403);
    expect((await rawRequest(url("/api/runs"), { method: "POST", headers: { ...foreignOrigin, ...json }, body: comparison })).status).toBe(403);
    expect((await action(foreignOrigin, probe)).status).toBe(403);
    expect(await runsMatching(request, probe)).toBe(0);

    // The control: the same action from the app's own origin does run.
    const control = marker("rebinding-control");
    const ok = await action(own, control);
    expect(ok.status).toBe(200);
    expect(ok.headers["content-type"]).toContain("text/x-component");
    await expect.poll(() => runsMatching(request, control)).toBe(1);
  });

  test("malformed percent-encoding in a path or query answers 4xx, never 500", async ({ servers }) => {
    for (const p of [
      "/api/images/%ff%fe",
      "/api/images/%ff/download",
      "/api/generations/%ff",
      "/api/generations/%ff/input/%fe",
      "/api/runs/%ff",
      "/s/%ff",
      "/s/%ff/image/%fe",
      "/s/%ff/preview",
      "/gallery/%ff",
      "/runs/%ff",
    ]) {
      const res = await rawRequest(`${servers.appUrl}${p}`);
      expect(res.status, p).toBeGreaterThanOrEqual(400);
      expect(res.status, p).toBeLessThan(500);
    }
    for (const p of ["/gallery?q=%ff", "/api/runs?q=%ff%fe", "/api/export?runs=%ff"]) {
      const status = (await rawRequest(`${servers.appUrl}${p}`)).status;
      expect(status, p).toBe(400);
    }
  });

  test("pages and routes send the hardening headers", async ({ request, page }) => {
    for (const p of ["/", "/gallery", "/compare", "/shares", "/login", "/api/runs", "/api/health", "/s/no-such-token"]) {
      const headers = (await request.get(p, { maxRedirects: 0 })).headers();
      expect(headers["x-frame-options"], p).toBe("DENY");
      expect(headers["x-content-type-options"], p).toBe("nosniff");
      expect(headers["referrer-policy"], p).toBe("strict-origin-when-cross-origin");
      expect(headers["content-security-policy"], p).toContain("frame-ancestors 'none'");
      expect(headers["content-security-policy"], p).toContain("default-src 'self'");
    }
    // The fixture fails the test on any CSP violation: the pages people use must pass their own policy.
    for (const p of ["/", "/compare", "/gallery", "/shares"]) {
      await page.goto(p);
      await expect(page.locator("main").first()).toBeVisible();
    }
  });

  test("X-Forwarded-Host and -Proto are ignored without TRUST_PROXY", async ({ page, request, servers }) => {
    const res = await request.post("/api/runs", {
      data: {
        shared: { prompt: marker("forwarded"), size: "1:1", seed: 7 },
        targets: [
          { provider: "aimlapi", model: "stable-diffusion-v35-large" },
          { provider: "segmind", model: "stable-diffusion-3.5-large-txt2img" },
        ],
      },
    });
    const { runId } = (await res.json()) as { runId: string };
    await page.goto(`/runs/${runId}`);
    await page.getByRole("button", { name: "Share" }).click();
    const dialog = page.getByRole("dialog", { name: "Share this comparison" });
    await dialog.getByRole("button", { name: "Create link" }).click();
    const link = dialog.getByRole("textbox", { name: "Link" });
    await expect(link).toHaveValue(/\/s\/[A-Za-z0-9_-]{32}$/);
    const url = await link.inputValue();
    expect(url.startsWith(`${servers.appUrl}/s/`)).toBe(true);

    // A crafted request for the share page: its link preview must still name this server.
    const forged = { "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" };
    const html = (await rawRequest(url, { headers: forged })).body;
    const og = (key: string) => new RegExp(`<meta[^>]+property="${key}"[^>]+content="([^"]*)"`).exec(html)?.[1];
    expect(og("og:url")).toBe(url);
    expect(og("og:image")?.startsWith(`${servers.appUrl}/s/`)).toBe(true);
    expect(html).not.toContain("evil.example");
  });
});

test.describe("with PLAYGROUND_PASSWORD", () => {
  const PORT = Number(process.env.E2E_SECURITY_APP_PORT ?? APP_PORT + 2);
  const privateUrl = `http://127.0.0.1:${PORT}`;
  const PASSWORD = "correct horse battery staple";
  let app: Proc | undefined;

  test.use({ baseURL: privateUrl });

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    // No TRUST_PROXY: every client looks the same to the server, the case where one shared limit would lock the
    // owner out. ALLOWED_HOSTS makes the host check apply with a password too.
    ({ proc: app } = await startAppServer("security", PORT, { PLAYGROUND_PASSWORD: PASSWORD, ALLOWED_HOSTS: "sd3.lan" }));
  });

  test.afterAll(async () => {
    await app?.stop();
  });

  async function submitPassword(page: Page, password: string) {
    const form = page.getByRole("form", { name: "Sign in" });
    await form.getByLabel("Password").fill(password);
    const answered = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/login");
    await form.getByRole("button", { name: "Sign in" }).click();
    await answered;
  }

  async function newBrowser(browser: Browser) {
    const context = await browser.newContext({ baseURL: privateUrl });
    return { context, page: await context.newPage() };
  }

  test("a stranger's five failures leave the owner able to sign in", async ({ browser }) => {
    const owner = await newBrowser(browser);
    await owner.page.goto("/login", { waitUntil: "networkidle" });
    await submitPassword(owner.page, PASSWORD);
    await expect(owner.page).toHaveURL(`${privateUrl}/`);
    await owner.page.getByRole("button", { name: "Sign out" }).click();
    await expect(owner.page).toHaveURL(/\/login$/);

    const stranger = await newBrowser(browser);
    await stranger.page.goto("/login", { waitUntil: "networkidle" });
    const error = stranger.page.getByRole("form", { name: "Sign in" }).getByRole("alert");
    for (let attempt = 1; attempt <= 5; attempt++) {
      await submitPassword(stranger.page, `guess-${attempt}`);
      // React resets the form once the action's answer is rendered; typing the next guess before that would be lost.
      await expect(stranger.page.getByLabel("Password")).toHaveValue("");
    }
    await expect(error).toHaveText("Too many attempts; try again in 15 minutes.");
    await stranger.context.close();

    await owner.page.goto("/login?next=/gallery", { waitUntil: "networkidle" });
    await submitPassword(owner.page, PASSWORD);
    await expect(owner.page).toHaveURL(/\/gallery$/);
    await owner.context.close();
  });

  test("the host allow-list applies with a password once ALLOWED_HOSTS is set", async () => {
    expect((await rawRequest(`${privateUrl}/login`, { headers: { host: "evil.example" } })).status).toBe(421);
    expect((await rawRequest(`${privateUrl}/login`, { headers: { host: "sd3.lan" } })).status).toBe(200);
    expect((await rawRequest(`${privateUrl}/api/runs`, { headers: { host: "sd3.lan" } })).status).toBe(401);
  });
});
