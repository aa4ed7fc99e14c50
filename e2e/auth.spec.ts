import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { randomBytes } from "node:crypto";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { test, expect } from "./support/fixtures";
import { ROOT } from "./support/env";
import { startAppServer, type Proc } from "./support/processes";

/** A second app server, started by this spec with a password (the shared fixture's server has none). */
const PRIVATE_PORT = Number(process.env.E2E_AUTH_APP_PORT ?? 3132);
const privateUrl = `http://127.0.0.1:${PRIVATE_PORT}`;
const PASSWORD = "correct horse battery staple";
const EXPOSURE_TEXT = "Anyone who can reach this address can use your provider keys.";

/** GET with a chosen Host header (fetch and browsers will not let a page set it). */
function getWithHost(url: string, host: string, cookie?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { host, ...(cookie ? { cookie } : {}) } }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
  });
}

test.describe("without a password", () => {
  test("a page reached by a network address shows the exposure banner; loopback does not", async ({ servers }) => {
    const exposed = await getWithHost(`${servers.appUrl}/`, "192.168.1.50:3000");
    expect(exposed.status).toBe(200);
    expect(exposed.body).toContain(EXPOSURE_TEXT);

    for (const host of [`127.0.0.1:${new URL(servers.appUrl).port}`, "localhost:3000", "[::1]:3000"]) {
      const local = await getWithHost(`${servers.appUrl}/`, host);
      expect(local.status, host).toBe(200);
      expect(local.body, host).not.toContain(EXPOSURE_TEXT);
    }

    // Not on a share page (this one is not found, under the same layout), not even in its data.
    const share = await getWithHost(`${servers.appUrl}/s/no-such-share-token-0000000000`, "192.168.1.50:3000");
    expect(share.status).toBe(404);
    expect(share.body).not.toContain("provider keys");

    // Dismissed for the browser session: a session cookie hides it.
    const dismissed = await getWithHost(`${servers.appUrl}/`, "192.168.1.50:3000", "exposure_banner_dismissed=1");
    expect(dismissed.body).not.toContain(EXPOSURE_TEXT);
  });

  test("there is nothing to sign in to or out of", async ({ page }) => {
    await page.goto("/login?next=/gallery");
    await expect(page).toHaveURL(/\/gallery$/);
    await expect(page.getByRole("button", { name: "Sign out" })).toHaveCount(0);
  });
});

test.describe("with PLAYGROUND_PASSWORD", () => {
  let app: Proc | undefined;

  test.use({ baseURL: privateUrl });

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    // TRUST_PROXY lets each test stand for a different client (X-Forwarded-For), so the limit test's lockout
    // does not lock out the others.
    ({ proc: app } = await startAppServer("auth", PRIVATE_PORT, { PLAYGROUND_PASSWORD: PASSWORD, SESSION_SECRET: "", TRUST_PROXY: "1" }));
  });

  test.afterAll(async () => {
    const output = app?.output() ?? "";
    await app?.stop();
    expect(output, "server log leaks the password").not.toContain(PASSWORD);
  });

  async function clientContext(browser: Browser, ip: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ baseURL: privateUrl, extraHTTPHeaders: { "X-Forwarded-For": ip } });
    return { context, page: await context.newPage() };
  }

  /** Submit the sign-in form and wait for the server's answer to that submission. */
  async function submitPassword(page: Page, password: string) {
    const form = page.getByRole("form", { name: "Sign in" });
    await form.getByLabel("Password").fill(password);
    const answered = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/login");
    await form.getByRole("button", { name: "Sign in" }).click();
    await answered;
  }

  test("pages redirect to /login with the way back; API routes answer 401", async ({ page, request }) => {
    const home = await request.get("/", { maxRedirects: 0 });
    expect(home.status()).toBe(307);
    expect(home.headers()["location"]).toMatch(/\/login$/);

    const deep = await request.get("/gallery?provider=segmind", { maxRedirects: 0 });
    expect(deep.headers()["location"]).toMatch(/\/login\?next=%2Fgallery%3Fprovider%3Dsegmind$/);

    for (const url of ["/api/runs", "/api/generations", "/api/images/1", "/api/models"]) {
      const res = await request.get(url);
      expect(res.status(), url).toBe(401);
      expect(await res.json(), url).toEqual({ error: "unauthorized" });
    }

    await page.goto("/compare");
    await expect(page).toHaveURL(/\/login\?next=%2Fcompare$/);
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
    // No app navigation for a visitor who is not signed in beyond the header links, and no sign-out button.
    await expect(page.getByRole("button", { name: "Sign out" })).toHaveCount(0);
  });

  test("a Server Action call without a session is refused before it runs", async ({ request }) => {
    const res = await request.post("/", {
      headers: { "Next-Action": "0".repeat(42), "Content-Type": "text/plain;charset=UTF-8", Origin: privateUrl },
      data: "[]",
      maxRedirects: 0,
    });
    expect(res.status()).toBe(401);
    expect(res.headers()["content-type"]).toBe("text/plain");
  });

  test("an action posted to a public page is forwarded through the proxy, so it too needs a session", async ({ browser, request }) => {
    // Next forwards an action id that the posted-to page does not have to a page that does, by an internal HTTP
    // request that passes through the proxy again. A probe: retryGeneration on a generation that does not exist.
    const manifest = JSON.parse(
      fs.readFileSync(path.join(ROOT, process.env.NEXT_DIST_DIR ?? ".next", "server", "server-reference-manifest.json"), "utf8"),
    ) as { node: Record<string, { filename?: string }> };
    const actionId = Object.entries(manifest.node).find(([, a]) => a.filename?.endsWith("lib/actions/retry-generation.ts"))?.[0];
    expect(actionId, "retryGeneration in the server reference manifest").toBeTruthy();
    const token = randomBytes(24).toString("base64url");
    const probe = (via: typeof request, url: string) =>
      via.post(url, {
        headers: { "Next-Action": actionId!, "Content-Type": "text/plain;charset=UTF-8", Origin: privateUrl, Accept: "text/x-component" },
        data: JSON.stringify(["no-such-generation"]),
        maxRedirects: 0,
      });

    for (const url of ["/login", `/s/${token}`]) {
      const res = await probe(request, url);
      expect(res.headers()["content-type"] ?? "", url).not.toContain("text/x-component");
      expect(await res.text(), url).not.toContain("Unknown generation");
    }

    // The control: signed in, the same request does reach the action.
    const { context, page } = await clientContext(browser, "203.0.113.13");
    await page.goto("/login");
    await submitPassword(page, PASSWORD);
    await expect(page).toHaveURL(`${privateUrl}/`);
    const allowed = await probe(context.request, "/login");
    expect(allowed.headers()["content-type"]).toContain("text/x-component");
    expect(await allowed.text()).toContain("Unknown generation");
    await context.close();
  });

  test("share links stay public: /s/<token> answers for itself instead of redirecting", async ({ request }) => {
    const token = randomBytes(24).toString("base64url");
    for (const url of [`/s/${token}`, `/s/${token}/image/1`]) {
      const res = await request.get(url, { maxRedirects: 0 });
      expect(res.status(), url).toBe(404);
    }
    expect((await request.get("/api/health")).status()).toBe(200);
  });

  test("wrong passwords are refused, then rate-limited, even when the right one follows", async ({ browser }) => {
    const { context, page } = await clientContext(browser, "203.0.113.10");
    await page.goto("/login");
    const error = page.getByRole("form", { name: "Sign in" }).getByRole("alert");
    for (let attempt = 1; attempt <= 4; attempt++) {
      await submitPassword(page, `wrong-${attempt}`);
      await expect(error).toHaveText("Wrong password.");
      await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
    }
    await submitPassword(page, "wrong-5");
    await expect(error).toHaveText("Too many attempts; try again in 15 minutes.");
    // Once limited, the password is not even considered: same answer for the right one.
    await submitPassword(page, PASSWORD);
    await expect(error).toHaveText(/^Too many attempts; try again in 1[45] minutes\.$/);
    await expect(page).toHaveURL(/\/login$/);
    expect((await context.cookies()).find((c) => c.name === "playground_session")).toBeUndefined();
    await context.close();
  });

  test("the right password signs in, lands on next, and sign-out ends the session", async ({ browser, request }) => {
    const { context, page } = await clientContext(browser, "203.0.113.11");
    await page.goto("/gallery");
    await expect(page).toHaveURL(/\/login\?next=%2Fgallery$/);
    await submitPassword(page, PASSWORD);
    await expect(page).toHaveURL(/\/gallery$/);
    await expect(page.getByRole("heading", { name: "Gallery" })).toBeVisible();

    const cookie = (await context.cookies()).find((c) => c.name === "playground_session");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: false, path: "/" });
    // About 30 days.
    expect(cookie!.expires * 1000 - Date.now()).toBeGreaterThan(29 * 24 * 3600 * 1000);
    expect((await page.request.get("/api/runs")).status()).toBe(200);

    // Already signed in: /login sends you on.
    await page.goto("/login?next=/compare");
    await expect(page).toHaveURL(/\/compare$/);

    // A forged or altered cookie is worth nothing.
    const forged = await request.get("/", {
      maxRedirects: 0,
      headers: { cookie: `playground_session=${cookie!.value.slice(0, -2)}AA` },
    });
    expect(forged.status()).toBe(307);

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login$/);
    expect((await context.cookies()).find((c) => c.name === "playground_session")).toBeUndefined();
    await page.goto("/gallery");
    await expect(page).toHaveURL(/\/login\?next=%2Fgallery$/);
    expect((await page.request.get("/api/runs")).status()).toBe(401);
    await context.close();
  });

  test("next cannot send you off the site", async ({ browser }) => {
    const { context, page } = await clientContext(browser, "203.0.113.12");
    await page.goto("/login?next=https://evil.example/");
    await submitPassword(page, PASSWORD);
    await expect(page).toHaveURL(`${privateUrl}/`);
    await context.close();
  });
});

test.describe("with PLAYGROUND_PASSWORD and no host list (behind a reverse proxy)", () => {
  // The documented set-up behind a proxy: a password, no PUBLIC_URL or ALLOWED_HOSTS, so any Host is answered.
  const PORT = PRIVATE_PORT + 1;
  const url = `http://127.0.0.1:${PORT}`;
  let app: Proc | undefined;
  test.use({ baseURL: url });
  test.beforeAll(async () => {
    test.setTimeout(180_000);
    ({ proc: app } = await startAppServer("auth-proxied", PORT, { PLAYGROUND_PASSWORD: PASSWORD, ALLOWED_HOSTS: "" }));
  });
  test.afterAll(async () => {
    await app?.stop();
  });

  test("a revoked share's images are gone everywhere, the image optimizer included", async ({ browser, request, servers }) => {
    // /_next/image is public (static-asset machinery) and fetches a local URL itself, without cookies: a shared
    // image is public, so it was fetched and cached there (public, 4 hours), where revoking never reached.
    expect(servers.emulatorUrl).toBeTruthy();
    const context = await browser.newContext({ baseURL: url });
    const page = await context.newPage();
    await page.goto("/login");
    const form = page.getByRole("form", { name: "Sign in" });
    await form.getByLabel("Password").fill(PASSWORD);
    await form.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(`${url}/`);
    const started = await context.request.post("/api/generations", {
      data: { provider: "aimlapi", model: "stable-diffusion-v35-large", input: { prompt: "a revoked heron" } },
    });
    expect(started.status()).toBe(202);
    const { runId } = (await started.json()) as { runId: string };
    let imageId = "";
    await expect
      .poll(
        async () => {
          const run = (await (await context.request.get(`/api/runs/${runId}`)).json()) as { generations: { images: { id: string }[] }[] };
          imageId = run.generations[0]?.images[0]?.id ?? "";
          return imageId;
        },
        { timeout: 30_000 },
      )
      .not.toBe("");

    await page.goto(`/runs/${runId}`);
    await page.getByRole("button", { name: "Share" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("button", { name: "Create link" }).click();
    const link = dialog.getByRole("textbox", { name: "Link" });
    await expect(link).toHaveValue(/\/s\/[A-Za-z0-9_-]{32}$/);
    const token = new URL(await link.inputValue()).pathname.split("/")[2]!;
    const imagePath = `/s/${token}/image/${imageId}`;
    const optimized = `/_next/image?url=${encodeURIComponent(imagePath)}&w=640&q=75`;
    expect((await request.get(imagePath)).status()).toBe(200);
    await request.get(optimized);

    await page.goto("/shares");
    await page.getByRole("button", { name: "Revoke" }).first().click();
    await page.getByRole("dialog", { name: "Revoke this link?" }).getByRole("button", { name: "Revoke link" }).click();
    await expect.poll(async () => (await request.get(imagePath)).status()).toBe(404);
    expect((await request.get(optimized)).status()).not.toBe(200);
    await context.close();
  });
});
