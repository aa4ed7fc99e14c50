import type { APIRequestContext } from "@playwright/test";
import { getModel } from "../lib/providers";
import { test, expect } from "./support/fixtures";
import { pngOfSize, zTxtBomb } from "./support/images";
import { PlaygroundPage } from "./support/playground-page";
import { rawRequest } from "./support/raw-http";

// Issue 9, the input side: bounded parsers, one upload limit end to end, strict input (e2e/security.spec.ts has the
// network side).

const MiB = 1024 * 1024;
const eachlabs = getModel("eachlabs", "stable-diffusion-3.5-large")!;
const dataUrl = (bytes: Buffer) => `data:image/png;base64,${bytes.toString("base64")}`;
const marker = (what: string) => `${what}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;

async function finished(request: APIRequestContext, generationId: string) {
  await expect
    .poll(async () => ((await (await request.get(`/api/generations/${generationId}`)).json()) as { status: string }).status, { timeout: 30_000 })
    .toBe("succeeded");
}

test.describe("without a password", () => {
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

    // Query strings and the export's fields too: a misspelt filter or switch is refused, not ignored.
    const run = "00000000-0000-4000-8000-000000000000";
    for (const [res, name] of [
      [await request.get("/api/runs?provder=fal"), "provder"],
      [await request.get("/api/generations?limt=5"), "limt"],
      [await request.get(`/api/export?runs=${run}&embedSettings=0`), "embedSettings"],
      [await request.post("/api/export", { data: { runs: [run], embedSettings: false } }), "embedSettings"],
      [await request.post("/api/export", { form: { runs: run, embedSettings: "0" } }), "embedSettings"],
      [await request.get(`/api/images/${run}/download?metadata=0`), "metadata"],
      // A value the route does not know is refused too: read as "embed", it would put the prompt in the file.
      [await request.get(`/api/images/${run}/download?meta=false`), "meta"],
      // A misspelt size would otherwise serve the full original.
      [await request.get(`/api/images/${run}?thumbb=1`), "thumbb"],
    ] as const) {
      expect(res.status(), name).toBe(400);
      expect(((await res.json()) as { message: string }).message, name).toContain(`"${name}"`);
    }
    expect((await request.get("/api/runs?provider=fal&limit=5")).status()).toBe(200);

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
});
