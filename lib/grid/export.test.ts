/**
 * The grid PNG when the store fails or a cell's image is gone: a gone image is a grey box, like a failed cell; a store
 * that fails is an ImageStoreError (the route's 503), not a grid that looks as if those cells failed.
 */
import sharp from "sharp";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { generation, image } from "@/lib/metadata/generation.test-helpers";
import { ImageStoreError, MissingImageError } from "@/lib/storage/backend";

const store = vi.hoisted(() => ({ read: (async () => new Uint8Array()) as (file: string) => Promise<Uint8Array> }));
const spec = {
  version: 1,
  model: { provider: "segmind", model: "stable-diffusion-3.5-large-txt2img" },
  base: { prompt: "a red fox" },
  axes: [{ kind: "list", field: "steps", name: "Steps", values: [{ label: "20", value: 20 }, { label: "30", value: 30 }] }],
  notes: {},
};
const cells = [0, 1].map((x) =>
  generation({ id: `0000000${x}-2222-4333-8444-555555555555`, position: x, cell: { x, y: null, z: null }, images: [{ ...image(16, 16), id: `i${x}` }] }),
);
const run = { id: "r1", createdAt: "2026-01-02T03:04:05.000Z", kind: "grid", prompt: "a red fox", favorite: false, shared: {}, spec };

vi.mock("@/lib/db/runs", () => ({
  getRunsWithFiles: async () => ({
    runs: [{ ...run, generations: cells }],
    files: new Map(cells.map(({ images: [img] }) => [img!.id, { file: `ab/${img!.id}.png`, thumbFile: `thumbs/ab/${img!.id}.webp`, sha256: "x" }])),
  }),
}));
vi.mock("@/lib/storage/images", () => ({
  THUMB_WIDTH: 512,
  readImage: (file: string) => store.read(file),
  ensureRendition: async (_kind: string, file: string) => file,
}));

const { exportGridPng } = await import("./export");

let png: Uint8Array;
beforeEach(async () => {
  png ??= new Uint8Array(await sharp({ create: { width: 16, height: 16, channels: 3, background: "#c33" } }).png().toBuffer());
  store.read = async () => png;
});

describe("exportGridPng", () => {
  it("draws a cell whose image is gone as a grey box", async () => {
    store.read = async (file) => {
      if (file.includes("i1")) throw new MissingImageError(file);
      return png;
    };
    expect((await sharp((await exportGridPng("r1"))!).metadata()).format).toBe("png");
  });

  it("is an ImageStoreError when the store fails, not a grid of grey boxes", async () => {
    const blink = Object.assign(new Error("connect ECONNREFUSED 10.0.0.5:443"), { code: "ECONNREFUSED" });
    store.read = async () => {
      throw blink;
    };
    const failed = await exportGridPng("r1").catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(ImageStoreError);
    expect((failed as ImageStoreError).cause).toBe(blink);
  });
});
