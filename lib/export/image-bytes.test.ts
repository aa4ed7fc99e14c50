import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { parseA1111, readSettings } from "@/lib/metadata";
import { generation, image } from "@/lib/metadata/generation.test-helpers";
import { imageBytesForDownload } from "./image-bytes";

describe("imageBytesForDownload", () => {
  it("gives a copy with the settings embedded, or one with every metadata stripped, as a single download does", async () => {
    // A provider's own metadata in the stored original.
    const png = new Uint8Array(
      await sharp({ create: { width: 16, height: 8, channels: 3, background: "#369" } }).png().withMetadata({ exif: { IFD0: { ImageDescription: "provider text" } } }).toBuffer(),
    );
    const g = generation({ sent: { prompt: "a lighthouse", seed: 99 }, seed: "99", images: [image(16, 8)] });
    const run = { id: "r1", createdAt: g.createdAt, kind: "single" as const, prompt: "p", favorite: false, shared: {}, spec: null, generations: [g] };
    const item = { bytes: png, mime: "image/png", image: g.images[0]!, generation: g, run };
    const embedded = await imageBytesForDownload(item, { embed: true });
    expect(parseA1111((await readSettings(embedded)).a1111!)).toMatchObject({ prompt: "a lighthouse", seed: "99", width: 16, height: 8 });
    const stripped = await imageBytesForDownload(item, { embed: false });
    expect((await sharp(stripped).metadata()).exif).toBeUndefined();
    expect(await readSettings(stripped)).toEqual({});
  });
});
