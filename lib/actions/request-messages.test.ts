/**
 * Bad top-level input at every boundary that parses a request (JSON API routes and server actions) is answered with
 * a 4xx whose message names the field (a form label such as "Model", or the JSON key in backticks) and says what is
 * expected, never zod's defaults ("Invalid input: expected string, received undefined", "Unrecognized key"), and
 * nothing is stored or sent to a provider.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("@/lib/jobs/runner", () => ({ wakeRunner: async () => {} }));

const UUID = "5f0c6a3e-8a8b-4c1e-9a51-3f1f2b9b7c10";
const zodDefault = /Invalid input|expected \w+, received|Unrecognized key|Invalid option|Too (big|small)|Invalid UUID|Invalid discriminator|Invalid string/;

let dataDir: string;
const fetchSpy = vi.fn(async () => new Response("no provider call expected", { status: 599 }));
beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sd3-request-messages-"));
  vi.stubEnv("DATA_DIR", dataDir);
  vi.stubEnv("DATABASE_URL", `file:${path.join(dataDir, "playground.db")}`);
  vi.stubEnv("PROVIDER_EMULATOR", "on");
  vi.stubGlobal("fetch", fetchSpy);
  vi.resetModules();
});
afterEach(() => expect(fetchSpy).not.toHaveBeenCalled());
afterAll(() => {
  vi.unstubAllGlobals();
  vi.unstubAllEnvs();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const post = (url: string, body: unknown) =>
  new Request(`http://localhost${url}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

/** The answer's status and every message in it (the top-level one and each field's). */
async function messagesOf(res: Response): Promise<{ status: number; messages: string[] }> {
  const body = (await res.json()) as { message?: string; fieldErrors?: Record<string, string> };
  return { status: res.status, messages: [body.message ?? "", ...Object.values(body.fieldErrors ?? {})] };
}
function actionMessages(result: unknown): string[] {
  const r = result as { ok: boolean; message?: string; fieldErrors?: Record<string, string> };
  expect(r.ok).toBe(false);
  return [r.message ?? "", ...Object.values(r.fieldErrors ?? {})];
}
function expectHuman(messages: string[], ...expected: (string | RegExp)[]) {
  for (const m of messages) expect(m).not.toMatch(zodDefault);
  for (const e of expected) expect(messages.some((m) => (typeof e === "string" ? m.includes(e) : e.test(m))), `${String(e)} in ${JSON.stringify(messages)}`).toBe(true);
}

describe("JSON API routes", () => {
  it("POST /api/generations names a missing or mistyped model, provider and input", async () => {
    const { POST } = await import("@/app/api/generations/route");
    const missing = await messagesOf(await POST(post("/api/generations", {})));
    expect(missing.status).toBe(400);
    expectHuman(missing.messages, "Provider is required", "Model is required", "`input` is required");
    const wrong = await messagesOf(await POST(post("/api/generations", { provider: "fal", model: 3, input: "a cat" })));
    expect(wrong.status).toBe(400);
    expectHuman(wrong.messages, "Model must be text, not a number", "`input` must be an object, not text");
    const list = await messagesOf(await POST(post("/api/generations", [1])));
    expectHuman(list.messages, "The request must be an object, not a list");
  });

  it("POST /api/generations lists what it takes next to an unknown field", async () => {
    const { POST } = await import("@/app/api/generations/route");
    const res = await messagesOf(await POST(post("/api/generations", { provider: "fal", model: "x", input: {}, foo: 1 })));
    expect(res.status).toBe(400);
    expectHuman(res.messages, 'Unknown field "foo": A generation request does not take it; it takes "provider", "model", "input".');
  });

  it("POST /api/runs (comparison) names `targets`, `shared` and `confirmed`", async () => {
    const { POST } = await import("@/app/api/runs/route");
    expectHuman((await messagesOf(await POST(post("/api/runs", {})))).messages, "`shared` is required", "`targets` is required");
    expectHuman((await messagesOf(await POST(post("/api/runs", { shared: "a cat", targets: {} })))).messages, "`shared` must be an object, not text", "`targets` must be a list, not an object");
    const items = await messagesOf(await POST(post("/api/runs", { shared: {}, targets: [{ provider: 1 }, { provider: "fal" }], confirmed: "yes" })));
    expect(items.status).toBe(400);
    expectHuman(items.messages, "`targets.0.provider` must be text, not a number", "`targets.1.model` is required", "`confirmed` must be true or false, not text");
  });

  it("POST /api/estimate names the field at fault and refuses an unknown one with what it takes", async () => {
    const { POST } = await import("@/app/api/estimate/route");
    const missing = await messagesOf(await POST(post("/api/estimate", {})));
    expect(missing.status).toBe(400);
    expectHuman(missing.messages, "`targets` is required");
    expectHuman((await messagesOf(await POST(post("/api/estimate", { targets: [{ provider: "fal", model: "x", input: {} }], foo: 1 })))).messages, /Unknown field "foo".*it takes "targets"/);
    expectHuman((await messagesOf(await POST(post("/api/estimate", { comparison: { targets: [] } })))).messages, "`comparison.shared` is required", "`comparison.targets` must list at least 1 item");
  });

  it("POST /api/suites and /api/suites/<id>/runs name the suite's fields", async () => {
    const suites = await import("@/app/api/suites/route");
    const bad = await messagesOf(await suites.POST(post("/api/suites", { name: "a", text: 3, format: "tsv" })));
    expect(bad.status).toBe(400);
    expectHuman(bad.messages, "`text` must be text, not a number", '`format` must be one of "lines", "csv"');
    const runs = await import("@/app/api/suites/[id]/runs/route");
    const id = "6f1c2a4e-9b7d-4c3e-8a21-5d0f7e9b1c42";
    const runsOf = (suite: string, body: unknown) => runs.POST(post(`/api/suites/${suite}/runs`, body), { params: Promise.resolve({ id: suite }) });
    const run = await messagesOf(await runsOf(id, { targets: "fal" }));
    expect(run.status).toBe(400);
    expectHuman(run.messages, "`shared` is required", "`targets` must be a list, not text");
    // The suite is the URL's: one named in the body too is refused, not overruled; a list is not a body.
    const named = await messagesOf(await runsOf(id, { suiteId: "0e6a1f9c-2d4b-4e8a-9c7d-3b5f1a2e4d60", shared: {}, targets: [] }));
    expect(named.status).toBe(400);
    expectHuman(named.messages, "The suite is the one in the URL: leave suiteId out of the body.");
    const list = await messagesOf(await runsOf(id, [1]));
    expect(list.status).toBe(400);
    expectHuman(list.messages, "The body must be a JSON object: {shared, targets, confirmed}.");
    // An id that cannot name a suite names none: 404, as for a suite that was deleted.
    const unknown = await runsOf("not-a-suite", { shared: {}, targets: [] });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { message: string }).message).toBe("This suite no longer exists.");
  });

  it("arena votes and deals name their fields", async () => {
    const votes = await import("@/app/api/arena/votes/route");
    const vote = await messagesOf(await votes.POST(post("/api/arena/votes", { outcome: "maybe" })));
    expect(vote.status).toBe(400);
    expectHuman(vote.messages, "`pairId` is required", '`outcome` must be one of "left", "right", "tie", "bad"', "`key` is required");
    expectHuman((await messagesOf(await votes.POST(post("/api/arena/votes", { foo: 1 })))).messages, /Unknown field "foo".*it takes "pairId", "outcome", "key"/);
    const next = await import("@/app/api/arena/next/route");
    expectHuman((await messagesOf(await next.POST(post("/api/arena/next", { run: 3 })))).messages, "`run` must be text, not a number");
  });

  it("export and list queries name the parameter", async () => {
    const exp = await import("@/app/api/export/route");
    const embed = await messagesOf(await exp.POST(post("/api/export", { runs: [UUID], embed: "maybe" })));
    expect(embed.status).toBe(400);
    expectHuman(embed.messages, /`embed` must be one of true, false/);
    expectHuman((await messagesOf(await exp.POST(post("/api/export", { runs: ["x"] })))).messages, "Each of `runs` must be a run id (a UUID).");
    const generations = await import("@/app/api/generations/route");
    const page = await messagesOf(await generations.GET(new Request("http://localhost/api/generations?limit=abc")));
    expect(page.status).toBe(400);
    expectHuman(page.messages, "`limit` must be a number");
    const runs = await import("@/app/api/runs/route");
    const filtered = await messagesOf(await runs.GET(new Request("http://localhost/api/runs?limit=500&status=done")));
    expect(filtered.status).toBe(400);
    expectHuman(filtered.messages, "`limit` must be between 1 and 100", /`status` must be one of "succeeded"/);
  });
});

describe("server actions", () => {
  it("grid requests name the model, the axes and an axis's kind", async () => {
    const { startGrid } = await import("./start-grid");
    expectHuman(actionMessages(await startGrid({})), "Provider is required", "Model is required", "`base` is required", "`axes` is required");
    expectHuman(actionMessages(await startGrid({ provider: "fal", model: "x", base: {}, axes: [{ kind: "grid" }] })), '`axes.0.kind` must be one of "list", "range", "prompt", "target"');
  });

  it("shares, deletes and cancels say which shapes they take", async () => {
    const { createShare } = await import("./create-share");
    expectHuman(actionMessages(await createShare({})), '{"generationId", "includePrompt"} or {"runId", "includePrompt"}');
    expectHuman(actionMessages(await createShare({ generationId: "x", includePrompt: true })), "`generationId` must be an id (a UUID)");
    const { deleteItems } = await import("./delete-items");
    expectHuman(actionMessages(await deleteItems({ runIds: [] })), /`runIds` must list at least 1 item|\{"runIds"\} or \{"generationId"\}/);
    const { cancelGenerations } = await import("./cancel");
    expectHuman(actionMessages(await cancelGenerations({})), '{"generationId"} or {"runId"}');
  });

  it("id-and-flag actions name each field", async () => {
    const { rerun } = await import("./rerun");
    expectHuman(actionMessages(await rerun({ runId: UUID })), "`newSeed` is required");
    const { toggleFavorite } = await import("./toggle-favorite");
    expectHuman(actionMessages(await toggleFavorite({ runId: "x", favorite: "yes" })), "`runId` must be an id (a UUID)", "`favorite` must be true or false, not text");
    const { previewComparison } = await import("./preview-comparison");
    expectHuman(actionMessages(await previewComparison({ shared: {}, targets: [{ model: "x" }] })), "`targets.0.provider` is required");
  });
});
