import fs from "node:fs";
import path from "node:path";
import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { getModel } from "../lib/providers";
import { test, expect } from "./support/fixtures";
import { APP_PORT, ROOT, appEnv } from "./support/env";
import { pngOfSize, zTxtBomb } from "./support/images";
import { PlaygroundPage } from "./support/playground-page";
import { startProcess, type Proc } from "./support/processes";
import { rawRequest } from "./support/raw-http";

// Each attack from issue 9, tried the way an attacker would, asserting the safe outcome.

const MiB = 1024 * 1024;
const eachlabs = getModel("eachlabs", "stable-diffusion-3.5-large")!;
const dataUrl = (bytes: Buffer) => `data:image/png;base64,${bytes.toString("base64")}`;
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

async function finished(request: APIRequestContext, generationId: string) {
  await expect
    .poll(async () => ((await (await request.get(`/api/generations/${generationId}`)).json()) as { status: string }).status, { timeout: 30_000 })
    .toBe("succeeded");
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

  test("a decompression bomb gets a 4xx at once and the server's memory stays flat", async ({ servers }) => {
    const bomb = await zTxtBomb(512);
    expect(bomb.length).toBeLessThan(MiB);
    const post = (type: string) =>
      rawRequest(`${servers.appUrl}/api/settings-from-image`, { method: "POST", headers: { "content-type": type }, body: bomb });
    const before = servers.appRssBytes();
    for (let i = 0; i < 3; i++) {
      const res = await post("image/png");
      expect(res.status).toBe(413);
      expect(JSON.parse(res.body).message).toBe("The image carries more than 1 MB of text.");
      expect(res.ms).toBeLessThan(1000);
    }
    expect(servers.appRssBytes() - before).toBeLessThan(150 * MiB);
    // Not an image type: what a cross-site no-cors request would have to send.
    for (const type of ["text/plain", "application/octet-stream", "multipart/form-data; boundary=x"]) {
      expect((await post(type)).status, type).toBe(415);
    }
  });

  test("a 9 MB input image works through the API, stored once and linked; an 11 MB one gets a clear 413", async ({ request, page }) => {
    test.setTimeout(90_000);
    const nine = await pngOfSize(9);
    const prompt = marker("nine-mb");
    const res = await request.post("/api/generations", {
      data: { provider: "eachlabs", model: eachlabs.id, input: { ...eachlabs.defaults, prompt, image: dataUrl(nine) } },
    });
    expect(res.status(), await res.text()).toBe(202);
    const [id] = ((await res.json()) as { generationIds: string[] }).generationIds;
    await finished(request, id!);

    // Stored once: `sent` keeps a note where the image went; the API and the page link to it instead, and the link
    // serves the very bytes.
    const g = (await (await request.get(`/api/generations/${id}`)).json()) as { input: { image: string }; sent: unknown };
    expect(g.input.image).toBe(`/api/generations/${id}/input/image`);
    expect(g.sent).toMatchObject({ input: { image: g.input.image } });
    expect(JSON.stringify(g).length).toBeLessThan(100_000);
    const served = await request.get(g.input.image);
    expect(served.headers()["content-type"]).toBe("image/png");
    expect(Buffer.compare(await served.body(), nine)).toBe(0);
    const detail = await request.get(`/gallery/${id}`);
    const html = await detail.text();
    expect(html.length).toBeLessThan(500_000);
    expect(html).not.toContain("data:image/png;base64");
    await page.goto(`/gallery/${id}`);
    await expect(page.getByRole("link", { name: "input image" }).first()).toHaveAttribute("href", g.input.image);

    const eleven = await pngOfSize(11);
    const tooBig = await request.post("/api/generations", {
      data: { provider: "eachlabs", model: eachlabs.id, input: { ...eachlabs.defaults, prompt, image: dataUrl(eleven) } },
    });
    expect(tooBig.status()).toBe(413);
    expect(((await tooBig.json()) as { message: string }).message).toBe(
      "The request body is larger than 14 MB (input images: at most 10 MB).",
    );
  });

  test("the form refuses an 11 MB input image before upload, naming the limit, and sends a 9 MB one", async ({ page }) => {
    test.setTimeout(90_000);
    const playground = new PlaygroundPage(page);
    await playground.open();
    await playground.pickModel("Eachlabs", "Stable Diffusion 3.5 Large");
    await playground.setPrompt(marker("form-nine-mb"));
    let uploads = 0;
    page.on("request", (req) => {
      if (req.method() === "POST" && (req.postData()?.length ?? 0) > MiB) uploads++;
    });
    const file = playground.form.getByLabel("Input image", { exact: true });
    await file.setInputFiles({ name: "eleven.png", mimeType: "image/png", buffer: await pngOfSize(11) });
    await expect(playground.form.getByText("The image is larger than 10 MB.")).toBeVisible();
    expect(uploads).toBe(0);

    await file.setInputFiles({ name: "nine.png", mimeType: "image/png", buffer: await pngOfSize(9) });
    await expect(playground.form.getByText("nine.png")).toBeVisible();
    await playground.generate();
    const card = playground.latestCard();
    await playground.waitForStatus(card, "Done");
    expect(uploads).toBe(1);
  });

  test("unknown fields get a 400 naming them; free text is capped; the content type must be JSON", async ({ request }) => {
    const imagepipeline = getModel("imagepipeline", "sd3_5")!;
    const seeded = await request.post("/api/generations", {
      data: { provider: "imagepipeline", model: "sd3_5", input: { ...imagepipeline.defaults, seed: 42 } },
    });
    expect(seeded.status()).toBe(400);
    const seededBody = (await seeded.json()) as { message: string; fieldErrors: Record<string, string> };
    expect(seededBody.message).toContain('"seed"');
    expect(seededBody.fieldErrors).toEqual({ seed: "Unknown field." });

    const envelope = await request.post("/api/generations", {
      data: { provider: "imagepipeline", model: "sd3_5", input: imagepipeline.defaults, webhook: "https://evil.example" },
    });
    expect(envelope.status()).toBe(400);
    expect(((await envelope.json()) as { message: string }).message).toContain('"webhook"');

    const comparison = await request.post("/api/runs", {
      data: {
        shared: { prompt: "x", size: "1:1", sampler: "euler" },
        targets: [
          { provider: "aimlapi", model: "stable-diffusion-v35-large" },
          { provider: "segmind", model: "stable-diffusion-3.5-large-txt2img", overrides: { bogus: 1 } },
        ],
      },
    });
    expect(comparison.status()).toBe(400);
    expect(((await comparison.json()) as { message: string }).message).toContain('"shared.sampler"');

    for (const [provider, model] of [["aimlapi", "stable-diffusion-v35-large"], ["segmind", "stable-diffusion-3.5-large-txt2img"]] as const) {
      const res = await request.post("/api/generations", {
        data: { provider, model, input: { ...getModel(provider, model)!.defaults, negative_prompt: "n".repeat(10_001) } },
      });
      expect(res.status(), provider).toBe(400);
      expect(Object.keys(((await res.json()) as { fieldErrors: object }).fieldErrors), provider).toEqual(["negative_prompt"]);
    }

    for (const type of ["APPLICATION/JSON-bogus", "text/plain", "application/jsonx"]) {
      const res = await request.post("/api/generations", { headers: { "content-type": type }, data: "{}" });
      expect(res.status(), type).toBe(415);
    }
    const withCharset = await request.post("/api/generations", {
      headers: { "content-type": "Application/JSON; charset=utf-8" },
      data: JSON.stringify({ provider: "imagepipeline", model: "sd3_5", input: { ...imagepipeline.defaults, prompt: marker("charset") } }),
    });
    expect(withCharset.status()).toBe(202);
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
    // In a query, Next itself reads %ff as U+FFFD before anything else sees it: a plain answer, not an error.
    for (const p of ["/gallery?q=%ff", "/api/runs?q=%ff%fe", "/api/export?runs=%ff"]) {
      expect((await rawRequest(`${servers.appUrl}${p}`)).status, p).toBeLessThan(500);
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
    const dataDir = path.join(ROOT, "test-results", `e2e-security-data-${Date.now()}`);
    fs.mkdirSync(dataDir, { recursive: true });
    // No TRUST_PROXY: every client looks the same to the server, the case where one shared limit would lock the
    // owner out. ALLOWED_HOSTS makes the host check apply with a password too.
    app = await startProcess(
      "next",
      ["start", "--port", String(PORT), "--hostname", "127.0.0.1"],
      { ...appEnv(dataDir), PLAYGROUND_PASSWORD: PASSWORD, ALLOWED_HOSTS: "sd3.lan" },
      `${privateUrl}/login`,
    );
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
    await owner.page.goto("/login");
    await submitPassword(owner.page, PASSWORD);
    await expect(owner.page).toHaveURL(`${privateUrl}/`);
    await owner.page.getByRole("button", { name: "Sign out" }).click();
    await expect(owner.page).toHaveURL(/\/login$/);

    const stranger = await newBrowser(browser);
    await stranger.page.goto("/login");
    const error = stranger.page.getByRole("form", { name: "Sign in" }).getByRole("alert");
    for (let attempt = 1; attempt <= 5; attempt++) await submitPassword(stranger.page, `guess-${attempt}`);
    await expect(error).toHaveText("Too many attempts; try again in 15 minutes.");
    await stranger.context.close();

    await owner.page.goto("/login?next=/gallery");
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
