/**
 * The gallery's data layer on a real database: favourites, filtered listing, and deleting with the file-reference
 * check (content-addressed files shared by several image rows stay until the last row goes).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freshDatabaseUrl } from "./test-database.test-helpers";
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from "vitest";

type Runs = typeof import("./runs");
type Generations = typeof import("./generations") & typeof import("./queue") & typeof import("./queue.test-helpers");
type Storage = typeof import("@/lib/storage/images");

let dataDir: string;
let runs: Runs;
let gens: Generations;
let storage: Storage;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sd3-runs-"));
  vi.stubEnv("DATA_DIR", dataDir);
  vi.stubEnv("DATABASE_URL", await freshDatabaseUrl());
  vi.stubEnv("PROVIDER_EMULATOR", "off");
  vi.resetModules();
  let generations: typeof import("./generations");
  let queue: typeof import("./queue");
  let helpers: typeof import("./queue.test-helpers");
  [runs, generations, queue, helpers, storage] = await Promise.all([
    import("./runs"),
    import("./generations"),
    import("./queue"),
    import("./queue.test-helpers"),
    import("@/lib/storage/images"),
  ]);
  gens = { ...generations, ...queue, ...helpers };
});

afterAll(async () => {
  const { db } = await import("./client");
  await (await db()).$disconnect();
  fs.rmSync(dataDir, { recursive: true, force: true });
  vi.unstubAllEnvs();
});

/** A stored image file (and its thumbnail) named by a fake content hash. */
function storedFile(hash: string) {
  const file = `${hash.slice(0, 2)}/${hash}.png`;
  const thumbFile = `thumbs/${hash.slice(0, 2)}/${hash}.webp`;
  for (const rel of [file, thumbFile]) {
    const full = storage.imagePath(rel);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, "x");
  }
  return { sha256: hash, file, thumbFile, mime: "image/png", width: 8, height: 8, bytes: 1 };
}

const onDisk = (rel: string) => fs.existsSync(storage.imagePath(rel));

async function makeRun(prompt: string, targets: { provider: string; model: string; hash?: string; fail?: boolean }[]) {
  // Distinct creation times, so "newest first" is well defined.
  await new Promise((r) => setTimeout(r, 3));
  const created = await runs.createRun({
    kind: targets.length > 1 ? "compare" : "single",
    prompt,
    targets: targets.map((t) => ({ provider: t.provider, model: t.model, prompt, input: { prompt } })),
  });
  for (const [i, t] of targets.entries()) {
    const id = created.generationIds[i]!;
    const claim = await gens.claimForTest(id);
    if (t.fail) await gens.failGeneration(claim, { code: "upstream", message: "no" });
    else await gens.completeGeneration(claim, { seed: "1", providerMs: 1, downloadMs: 1, warnings: [], images: t.hash ? [storedFile(t.hash)] : [] });
  }
  return created;
}

const hash = (c: string) => c.repeat(64);

describe("gallery data layer", () => {
  it("lists with filters through either plan and stars items", async () => {
    const a = await makeRun("gallery: Lighthouse at dusk", [{ provider: "aimlapi", model: "stable-diffusion-v35-large", hash: hash("1") }]);
    const b = await makeRun("gallery: a fox", [{ provider: "segmind", model: "stable-diffusion-3.5-large-txt2img", fail: true }]);
    const c = await makeRun("gallery: compare lighthouse", [
      { provider: "aimlapi", model: "stable-diffusion-v3-medium", hash: hash("2") },
      { provider: "segmind", model: "stable-diffusion-3.5-large-txt2img", fail: true },
    ]);
    const ids = async (f: Parameters<Runs["listRuns"]>[0]) => (await runs.listRuns(f)).items.map((r) => r.id);

    expect(await ids({ q: "LIGHTHOUSE" })).toEqual([c.runId, a.runId]);
    expect(await ids({ status: "failed" })).toEqual([c.runId, b.runId]);
    // A model id alone is enough; the provider is known from the registry.
    expect(await ids({ model: "stable-diffusion-v3-medium" })).toEqual([c.runId]);
    expect(await ids({ favorite: true })).toEqual([]);
    expect(await runs.setFavorite(a.runId, true)).toBe(true);
    expect(await runs.setFavorite("00000000-0000-4000-8000-000000000000", true)).toBe(false);
    const starred = await runs.listRuns({ favorite: true });
    expect(starred.items.map((r) => [r.id, r.favorite])).toEqual([[a.runId, true]]);

    const first = await runs.listRuns({ limit: 2 });
    expect(first.items.map((r) => r.id)).toEqual([c.runId, b.runId]);
    expect(first.items[0]!.generations).toHaveLength(2);
    expect(first.nextCursor).toMatch(new RegExp(`~${b.runId}$`));
    const next = await runs.listRuns({ limit: 2, cursor: first.nextCursor });
    expect(next.items.map((r) => r.id)).toEqual([a.runId]);
    expect(next.nextCursor).toBeNull();
    // The older cursor form, a bare run id, still works.
    expect((await runs.listRuns({ limit: 2, cursor: b.runId })).items.map((r) => r.id)).toEqual([a.runId]);
    // The run a cursor points at deleted meanwhile (another tab, a teammate): the next page still comes.
    await runs.deleteRuns([b.runId]);
    expect((await runs.listRuns({ limit: 2, cursor: first.nextCursor })).items.map((r) => r.id)).toEqual([a.runId]);
    // GET /api/runs: a bare id naming no run (deleted, or a mistyped cursor) is refused, not an empty "last" page.
    const { GET } = await import("@/app/api/runs/route");
    const get = async (qs: string) => {
      const res = await GET(new Request(`http://localhost/api/runs?${qs}`));
      return { status: res.status, body: (await res.json()) as { items?: { id: string }[]; message?: string } };
    };
    expect((await get(`limit=2&cursor=${c.runId}`)).body.items?.map((r) => r.id)).toEqual([a.runId]);
    for (const stale of [b.runId, "not-a-cursor"]) {
      const refused = await get(`limit=2&cursor=${stale}`);
      expect(refused.status).toBe(400);
      expect(refused.body.message).toMatch(/^`cursor` names no run/);
    }
    expect((await get(`limit=2&cursor=${encodeURIComponent(first.nextCursor!)}`)).body.items?.map((r) => r.id)).toEqual([a.runId]);
    await runs.deleteRuns([a.runId, c.runId]);
  });

  it("searches a line break or several spaces as one space, in runs stored before search did so too", async () => {
    const target = [{ provider: "aimlapi", model: "stable-diffusion-v35-large" }];
    const spaced = await makeRun("spacing: red  fox", target);
    const broken = await makeRun("spacing: Red\nfox\tin snow", target);
    onTestFinished(() => runs.deleteRuns([spaced.runId, broken.runId]).then(() => undefined));
    const ids = async (q: string) => (await runs.listRuns({ q })).items.map((r) => r.id);
    expect(await ids("red fox")).toEqual([broken.runId, spaced.runId]);
    expect(await ids("fox in  snow")).toEqual([broken.runId]);

    // Upgrading: a run an older version stored kept its prompt's whitespace in the search text; the migration has
    // the app fold it again when it next opens the database.
    const { db } = await import("./client");
    const client = await db();
    await client.run.update({ where: { id: broken.runId }, data: { searchText: "spacing: red\nfox\tin snow" } });
    expect(await ids("red fox")).toEqual([spaced.runId]);
    await client.$executeRawUnsafe(`DELETE FROM "_app_migrations" WHERE "name" = '20261207000000_search_whitespace'`);
    // The app starts again: a new client, which applies the migration and folds again (lib/db/client.ts open).
    await client.$disconnect();
    (globalThis as { __playgroundDb?: unknown }).__playgroundDb = undefined;
    expect(await ids("red fox")).toEqual([broken.runId, spaced.runId]);
  });

  it("pages GET /api/generations by place, so deleting the generation a cursor names does not end the list early", async () => {
    const made = [];
    for (const n of [1, 2, 3, 4, 5]) made.push(await makeRun(`generations page ${n}`, [{ provider: "aimlapi", model: "stable-diffusion-v35-large" }]));
    const [g1, g2, g3, g4, g5] = made.map((r) => r.generationIds[0]!);
    const ids = (page: Awaited<ReturnType<Generations["listGenerations"]>>) => page?.items.map((g) => g.id);
    const first = await gens.listGenerations({ limit: 2 });
    expect(ids(first)).toEqual([g5, g4]);
    expect(first!.nextCursor).toMatch(new RegExp(`~${g4}$`));
    // The generation the cursor names is deleted meanwhile (another tab, a script): the next page still comes.
    await runs.deleteRuns([made[3]!.runId]);
    const second = await gens.listGenerations({ limit: 2, cursor: first!.nextCursor });
    expect(ids(second)).toEqual([g3, g2]);
    expect(ids(await gens.listGenerations({ limit: 2, cursor: second!.nextCursor }))).toEqual([g1]);
    // The older form, a bare id, is placed through its row; one that names nothing is refused, not an empty page.
    expect(ids(await gens.listGenerations({ limit: 2, cursor: g3 }))).toEqual([g2, g1]);
    expect(await gens.listGenerations({ cursor: g4 })).toBeNull();
    expect(await gens.listGenerations({ cursor: "not-an-id" })).toBeNull();
    await runs.deleteRuns(made.filter((_, i) => i !== 3).map((r) => r.runId));
  });

  it("leaves uploaded images out of list pages, and keeps them whole in the run itself", async () => {
    const image = `data:image/png;base64,${"A".repeat(5000)}`;
    const input = { prompt: "an uploaded image", image, strength: 0.6, extra: { mask: image, note: "data: is fine mid-text" } };
    const created = await runs.createRun({
      kind: "single",
      prompt: "an uploaded image",
      targets: [{ provider: "segmind", model: "stable-diffusion-3.5-large-txt2img", prompt: "an uploaded image", input }],
    });
    const listed = (await runs.listRuns({ q: "uploaded image" })).items[0]!.generations[0]!;
    const short = `data:image/png;base64,… (${image.length} characters)`;
    expect(listed.input).toEqual({ prompt: "an uploaded image", image: short, strength: 0.6, extra: { mask: short, note: "data: is fine mid-text" } });
    expect((await runs.getRun(created.runId))!.generations[0]!.input).toEqual(input);
    await runs.deleteRuns([created.runId]);
  });

  it("keeps a shared file until the last image row using it is deleted, thumbnails included", async () => {
    const shared = hash("a");
    const own = hash("b");
    const one = await makeRun("shared one", [{ provider: "aimlapi", model: "stable-diffusion-v35-large", hash: shared }]);
    const two = await makeRun("shared two", [{ provider: "aimlapi", model: "stable-diffusion-v35-large", hash: shared }]);
    const three = await makeRun("own", [{ provider: "segmind", model: "stable-diffusion-3.5-large-txt2img", hash: own }]);
    const sharedFile = `${shared.slice(0, 2)}/${shared}.png`;
    const ownFile = `${own.slice(0, 2)}/${own}.png`;

    const first = await runs.deleteRuns([one.runId]);
    expect(first.deleted).toEqual([one.runId]);
    expect(first.files).toEqual([]);
    expect(await runs.referencedFiles([sharedFile, ownFile])).toEqual(new Set([sharedFile, ownFile]));
    expect(onDisk(sharedFile)).toBe(true);

    const rest = await runs.deleteRuns([two.runId, three.runId, two.runId, "00000000-0000-4000-8000-000000000000"]);
    expect(rest.deleted.sort()).toEqual([two.runId, three.runId].sort());
    expect(rest.files.map((f) => f.file).sort()).toEqual([sharedFile, ownFile].sort());
    expect(await storage.removeUnreferenced(rest.files, runs.referencedFiles)).toBe(2);
    for (const f of rest.files) {
      expect(onDisk(f.file)).toBe(false);
      expect(onDisk(f.thumbFile)).toBe(false);
    }
    expect(await runs.getRun(two.runId)).toBeNull();
    // Removing again is harmless.
    expect(await storage.removeUnreferenced(rest.files, runs.referencedFiles)).toBe(2);
  });

  it("re-checks references right before removing a file", async () => {
    const h = hash("c");
    const run = await makeRun("late twin", [{ provider: "aimlapi", model: "stable-diffusion-v35-large", hash: h }]);
    const files = [{ file: `${h.slice(0, 2)}/${h}.png`, thumbFile: `thumbs/${h.slice(0, 2)}/${h}.webp` }];
    // As if another generation had stored the same bytes after the rows were deleted: the row still exists here.
    expect(await storage.removeUnreferenced(files, runs.referencedFiles)).toBe(0);
    expect(onDisk(files[0]!.file)).toBe(true);
    await runs.deleteRuns([run.runId]);
  });

  it("deletes one generation of a comparison, and the run with its last generation", async () => {
    const run = await makeRun("compare to trim", [
      { provider: "aimlapi", model: "stable-diffusion-v35-large", hash: hash("d") },
      { provider: "eachlabs", model: "stable-diffusion-3.5-large", hash: hash("e") },
    ]);
    const [g1, g2] = run.generationIds as [string, string];
    const first = await runs.deleteGeneration(g1);
    expect(first).toMatchObject({ runId: run.runId, runDeleted: false });
    expect(first!.files.map((f) => f.file)).toEqual([`dd/${hash("d")}.png`]);
    const left = await runs.getRun(run.runId);
    expect(left!.generations.map((g) => g.id)).toEqual([g2]);
    expect(await gens.getGeneration(g1)).toBeNull();

    const last = await runs.deleteGeneration(g2);
    expect(last).toMatchObject({ runId: run.runId, runDeleted: true });
    expect(await runs.getRun(run.runId)).toBeNull();
    expect(await runs.deleteGeneration(g2)).toBeNull();
  });
  it("keeps work in flight: a queued or running generation and its run are not deleted", async () => {
    const target = { provider: "segmind", model: "stable-diffusion-3.5-large-txt2img", prompt: "p", input: { prompt: "p" } };
    const busy = await runs.createRun({ kind: "compare", prompt: "busy", targets: [target, target] });
    const idle = await makeRun("idle", [{ provider: "aimlapi", model: "stable-diffusion-v35-large", hash: hash("f") }]);
    await gens.claimForTest(busy.generationIds[0]!);
    expect(await runs.countInFlight({ runIds: [busy.runId, idle.runId] })).toBe(2);
    expect(await runs.countInFlight({ generationId: busy.generationIds[0]! })).toBe(1);
    expect(await runs.deleteGeneration(busy.generationIds[1]!)).toMatchObject({ inFlight: true, runDeleted: false });
    const { deleted } = await runs.deleteRuns([busy.runId, idle.runId]);
    expect(deleted).toEqual([idle.runId]);
    expect((await runs.getRun(busy.runId))?.generations).toHaveLength(2);
  });
});
