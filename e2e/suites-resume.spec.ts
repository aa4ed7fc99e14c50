import { expect, test } from "@playwright/test";
import { Cluster } from "./support/cluster";

/** A suite run is queued work like any other: it carries on after the server restarts, nothing sent twice. */
test.describe.configure({ mode: "serial", timeout: 180_000 });

const EACHLABS = { provider: "eachlabs", model: "stable-diffusion-3.5-large" };
const IMAGEPIPELINE = { provider: "imagepipeline", model: "sd3_5" };

test("a suite run resumes after the server restarts: cells still waiting run afterwards, none sent twice", async () => {
  const cluster = Cluster.fresh("suite-resume", { PROVIDER_TIMEOUT_MS: "20000", GENERATION_DEADLINE_MS: "90000" }, 5);
  try {
    await cluster.startEmulator();
    await cluster.startApp();
    const tokens = Array.from({ length: 6 }, (_, i) => `suite-resume-${i}`);
    const text = tokens.map((t) => `${t} a lighthouse [[latency:2000]]`).join("\n");
    const post = (url: string, data: unknown) =>
      fetch(`${cluster.appUrl()}${url}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(data) });
    const { suiteId } = (await (await post("/api/suites", { name: "e2e resume", text, format: "lines" })).json()) as { suiteId: string };
    const started = await post(`/api/suites/${suiteId}/runs`, { shared: { size: "1:1" }, targets: [EACHLABS, IMAGEPIPELINE], confirmed: false });
    expect(started.status).toBe(202);
    const { runId } = (await started.json()) as { runId: string };
    const cells = async () =>
      ((await (await fetch(`${cluster.appUrl()}/api/runs/${runId}`)).json()) as { generations: { id: string; status: string }[] }).generations;

    await expect.poll(async () => (await cells()).filter((g) => g.status === "succeeded").length, { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
    const before = await cells();
    expect(before.some((g) => g.status === "queued"), "work was still waiting at the restart").toBe(true);
    await cluster.app().stop();
    await cluster.startApp();

    const waiting = new Set(before.filter((g) => g.status === "queued").map((g) => g.id));
    const all = await cluster.settle(before.map((g) => g.id), 90_000);
    // Every cell still waiting at the restart ran afterwards; a cell caught mid-send is reported, never re-sent.
    expect(all.filter((g) => waiting.has(g.id) && g.status !== "succeeded").map((g) => g.error?.message)).toEqual([]);
    for (const g of all) if (g.status !== "succeeded") expect(g.error?.code, JSON.stringify(g.error)).toBe("interrupted");
    // Each prompt went to each of the two providers at most once.
    const counts = await cluster.submitsPerToken(tokens);
    expect([...counts.values()].every((n) => n >= 1 && n <= 2), JSON.stringify([...counts])).toBe(true);
  } finally {
    await cluster.stopAll();
  }
});
