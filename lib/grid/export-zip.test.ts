/**
 * The grid zip: an image gone since the manifest was written is left out, but a store that fails while the zip
 * streams breaks the stream (a zip without those cells would look complete). And an image-to-image grid's manifest
 * names its input image by a note: one copy per cell would be more than one string can hold.
 */
import sharp from "sharp";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { GenerationDTO } from "@/lib/db/dto";
import { readZip } from "@/lib/export/zip-reader";
import { generation, image } from "@/lib/metadata/generation.test-helpers";
import { MissingImageError } from "@/lib/storage/backend";

const store = vi.hoisted(() => ({
  cells: [] as GenerationDTO[],
  read: (async () => new Uint8Array()) as (file: string) => Promise<Uint8Array>,
}));
const spec = (n: number) => ({
  version: 1,
  model: { provider: "replicate", model: "stable-diffusion-3.5-large" },
  base: { prompt: "a cat" },
  axes: [{ kind: "range", field: "num_inference_steps", name: "Steps", values: Array.from({ length: n }, (_, i) => ({ label: `${i + 1}`, value: i + 1 })) }],
  notes: {},
});
const cell = (x: number, over: Partial<GenerationDTO> = {}) => {
  const id = `${String(x).padStart(8, "0")}-2222-4333-8444-555555555555`;
  return generation({ id, position: x, cell: { x, y: null, z: null }, provider: "replicate", model: "stable-diffusion-3.5-large", ...over });
};
const run = { id: "r1", createdAt: "2026-01-02T03:04:05.000Z", kind: "grid", prompt: "a cat", favorite: false, shared: {} };
const fileOf = (id: string) => ({ file: `ab/${id}.png`, thumbFile: `thumbs/ab/${id}.webp`, sha256: "x" });

vi.mock("@/lib/db/runs", () => ({
  getRunsWithFiles: async () => ({
    runs: [{ ...run, spec: spec(store.cells.length), generations: store.cells }],
    files: new Map(store.cells.flatMap((g) => g.images.map((img) => [img.id, fileOf(img.id)]))),
  }),
}));
vi.mock("@/lib/storage/images", () => ({ readImage: (file: string) => store.read(file) }));

const { exportGridZip } = await import("./export-zip");
const bytesOf = (stream: ReadableStream<Uint8Array>) => new Response(stream).arrayBuffer().then((b) => new Uint8Array(b));

let png: Uint8Array;
beforeEach(async () => {
  png ??= new Uint8Array(await sharp({ create: { width: 16, height: 16, channels: 3, background: "#c33" } }).png().toBuffer());
  store.cells = [0, 1].map((x) => cell(x, { images: [{ ...image(16, 16), id: `i${x}` }] }));
  store.read = async () => png;
});

describe("exportGridZip", () => {
  it("leaves out a cell's image that is gone", async () => {
    store.read = async (file) => {
      if (file.includes("i1")) throw new MissingImageError(file);
      return png;
    };
    const names = readZip(await bytesOf((await exportGridZip("r1"))!)).map((e) => e.name);
    expect(names).toEqual(["manifest.json", "cells/x0_replicate_00000000.png"]);
  });

  it("breaks the stream when the store fails, rather than leave the image out", async () => {
    store.read = async (file) => {
      if (file.includes("i1")) throw Object.assign(new Error("connect ECONNREFUSED 10.0.0.5:443"), { code: "ECONNREFUSED" });
      return png;
    };
    await expect(bytesOf((await exportGridZip("r1"))!)).rejects.toMatchObject({ code: "ECONNREFUSED" });
  });

  it("streams an image-to-image grid of 41 cells with a 10 MB input image, naming the image by a note", async () => {
    const dataUrl = `data:image/png;base64,${"A".repeat(Math.ceil((10 * 1024 * 1024) / 3) * 4)}`;
    const input = { prompt: "a cat", image: dataUrl };
    store.cells = Array.from({ length: 41 }, (_, x) => cell(x, { input, sent: { input } }));
    const entries = readZip(await bytesOf((await exportGridZip("r1"))!));
    const manifest = JSON.parse(new TextDecoder().decode(entries[0]!.data));
    expect(manifest.cells).toHaveLength(41);
    const note = "[input image, 10240 KB: stored with the input]";
    expect(manifest.cells[40].generation).toMatchObject({ input: { prompt: "a cat", image: note }, parameters: { input: { image: note } } });
  });
});
