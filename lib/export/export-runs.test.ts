/**
 * The gallery zip when the store fails or an image is gone: only a missing image is left out (and named so in the
 * manifest); a store that fails before the zip starts is an ImageStoreError (the route's 503), and one that fails
 * while it streams breaks the stream, rather than a zip that looks complete without the image.
 */
import sharp from "sharp";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { RunDTO } from "@/lib/db/dto";
import { generation, image } from "@/lib/metadata/generation.test-helpers";
import { ImageStoreError, MissingImageError } from "@/lib/storage/backend";
import { readZip } from "./zip-reader";

const store = vi.hoisted(() => ({
  runs: [] as RunDTO[],
  has: (async () => true) as (file: string) => Promise<boolean>,
  read: (async () => new Uint8Array()) as (file: string) => Promise<Uint8Array>,
}));

vi.mock("@/lib/db/runs", () => ({
  // Like the real one: the runs named, each once per call.
  getRunsWithFiles: async (ids: string[]) => ({
    runs: store.runs.filter((r) => ids.includes(r.id)),
    files: new Map(store.runs.flatMap((r) => r.generations.flatMap((g) => g.images.map((img) => [img.id, { file: `ab/${img.id}.png`, sha256: "x" }])))),
  }),
}));
vi.mock("@/lib/storage/images", () => ({
  imageBackend: () => ({ has: (file: string) => store.has(file) }),
  readImage: (file: string) => store.read(file),
}));

const { exportRunsZip } = await import("./export-runs");

const refused = () => Object.assign(new Error("connect ECONNREFUSED 10.0.0.5:443"), { code: "ECONNREFUSED" });
const run = (generations: RunDTO["generations"]): RunDTO => ({
  id: "r1",
  createdAt: "2026-01-02T03:04:05.000Z",
  kind: "single",
  prompt: "p",
  favorite: false,
  shared: {},
  spec: null,
  generations,
});
const bytesOf = (stream: ReadableStream<Uint8Array>) => new Response(stream).arrayBuffer().then((b) => new Uint8Array(b));

let png: Uint8Array;
beforeAll(async () => {
  png = new Uint8Array(await sharp({ create: { width: 16, height: 16, channels: 3, background: "#c33" } }).png().toBuffer());
});

beforeEach(() => {
  store.runs = [run([generation({ id: "11111111-2222-3333-4444-555555555555", images: [image(16, 16)] })])];
  store.has = async () => true;
  store.read = async () => png;
});

describe("exportRunsZip when the store fails", () => {
  it("is an ImageStoreError, before anything streams, when the store cannot say whether an image is there", async () => {
    const blink = refused();
    store.has = async () => {
      throw blink;
    };
    const failed = await exportRunsZip(["r1"], { embed: true }).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(ImageStoreError);
    expect((failed as ImageStoreError).cause).toBe(blink);
  });

  it("leaves out an image that is not there, and the manifest says so", async () => {
    store.has = async () => false;
    const entries = readZip(await bytesOf((await exportRunsZip(["r1"], { embed: false }))!.stream));
    expect(entries.map((e) => e.name)).toEqual(["manifest.json"]);
    expect(JSON.parse(new TextDecoder().decode(entries[0]!.data)).runs[0].generations[0].images[0].file).toBeNull();
  });

  it("breaks the stream when the store fails once it has started", async () => {
    store.read = async () => {
      throw refused();
    };
    vi.spyOn(console, "error").mockImplementation(() => {});
    await expect(bytesOf((await exportRunsZip(["r1"], { embed: false }))!.stream)).rejects.toMatchObject({ code: "ECONNREFUSED" });
    vi.restoreAllMocks();
  });

  it("still leaves out an image deleted since the manifest was written", async () => {
    store.read = async (file) => {
      throw new MissingImageError(file);
    };
    vi.spyOn(console, "error").mockImplementation(() => {});
    const entries = readZip(await bytesOf((await exportRunsZip(["r1"], { embed: false }))!.stream));
    vi.restoreAllMocks();
    expect(entries.map((e) => e.name)).toEqual(["manifest.json"]);
  });
});

describe("the manifest of an image-to-image run", () => {
  // 41 cells, each with the same 10 MB input image inline: over 500 MB of JSON, more than one string may hold.
  it("names each input image by a note rather than carrying it, so the zip streams", async () => {
    const dataUrl = `data:image/png;base64,${"A".repeat(Math.ceil((10 * 1024 * 1024) / 3) * 4)}`;
    const input = { prompt: "a cat", image: dataUrl };
    store.runs = [
      run(
        Array.from({ length: 41 }, (_, i) =>
          generation({ id: `${String(i).padStart(8, "0")}-2222-4333-8444-555555555555`, position: i, input, sent: input }),
        ),
      ),
    ];
    const reader = (await exportRunsZip(["r1"], { embed: false }))!.stream.getReader();
    await reader.read(); // manifest.json's header, then its bytes
    const manifest = new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    expect(manifest.length).toBeLessThan(100_000);
    expect(manifest).not.toContain("data:image");
    expect(manifest).toContain('"image": "[input image, 10240 KB: stored with the input]"');
  });
});

describe("a selection naming a run twice", () => {
  it("exports the run once, however far apart the two mentions are", async () => {
    const others = Array.from({ length: 250 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`);
    const zip = (await exportRunsZip(["r1", ...others, "r1"], { embed: false }))!;
    const entries = readZip(await bytesOf(zip.stream));
    expect(zip.runs).toBe(1);
    expect(entries.map((e) => e.name)).toEqual(["manifest.json", "images/2026-01-02_0304_aimlapi_stable-diffusion-v35-large_11111111.png"]);
    expect(JSON.parse(new TextDecoder().decode(entries[0]!.data)).runs).toHaveLength(1);
  });
});

describe("the manifest of a suite run", () => {
  const manifestOf = async (ids: string[]) => {
    const entries = readZip(await bytesOf((await exportRunsZip(ids, { embed: false }))!.stream));
    return JSON.parse(new TextDecoder().decode(entries[0]!.data));
  };

  it("says which prompt of the suite each generation ran: its number, its line in the editor and its category", async () => {
    const prompts = [
      { text: "A red fox", category: "animals" },
      { text: "A sign saying\nOPEN", category: "text" },
      { text: "A lake", category: null },
    ];
    const spec = { suiteId: "s1", revision: 2, name: "Mine", prompts, targets: [{ provider: "aimlapi", model: "stable-diffusion-v35-large" }], shared: {} };
    const cell = (y: number) =>
      generation({ id: `0000000${y}-2222-4333-8444-555555555555`, position: y, prompt: prompts[y]!.text, cell: { x: 0, y, z: null } });
    store.runs = [{ ...run([cell(0), cell(1), cell(2)]), id: "suite", kind: "suite", spec }, run([generation({ id: "g-single" })])];
    const manifest = await manifestOf(["suite", "r1"]);
    const [suite, single] = manifest.runs;
    // The editor shows this suite as CSV: its header on line 1, and the second prompt over two lines.
    expect(suite.generations.map((g: { suitePrompt: unknown }) => g.suitePrompt)).toEqual([
      { number: 1, line: 2, category: "animals" },
      { number: 2, line: 3, category: "text" },
      { number: 3, line: 5, category: null },
    ]);
    expect(single.generations[0].suitePrompt).toBeNull();
  });
});
