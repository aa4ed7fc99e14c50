import { deflateSync } from "node:zlib";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { buildExif } from "./exif";
import { MetadataTooLargeError } from "./bounds";
import { readSettings } from "./embed";
import { latin1Encode, readPngChunks, readPngText, writePngChunks, type PngChunk } from "./png-text";
import { writeWebpExif } from "./webp";

let png: Uint8Array;
let webp: Uint8Array;
beforeAll(async () => {
  png = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#336699" } }).png().toBuffer();
  webp = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#336699" } }).webp().toBuffer();
});

/** A PNG with extra chunks right after IHDR. */
function withChunks(extra: PngChunk[]): Uint8Array {
  const chunks = readPngChunks(png);
  return writePngChunks([chunks[0]!, ...extra, ...chunks.slice(1)]);
}

const zTXt = (keyword: string, text: Uint8Array): PngChunk => {
  const key = latin1Encode(keyword);
  const body = deflateSync(text, { level: 9 });
  const data = new Uint8Array(key.length + 2 + body.length);
  data.set(key, 0);
  data.set(body, key.length + 2); // \0 then compression method 0
  return { type: "zTXt", data };
};

const iTXtCompressed = (keyword: string, text: Uint8Array): PngChunk => {
  const key = latin1Encode(keyword);
  const body = deflateSync(text, { level: 9 });
  const data = new Uint8Array(key.length + 5 + body.length);
  data.set(key, 0);
  data[key.length + 1] = 1; // compressed
  data.set(body, key.length + 5);
  return { type: "iTXt", data };
};

describe("metadata readers are bounded", () => {
  it("refuse a zTXt bomb quickly, without inflating it", async () => {
    // 64 MB of zeros deflates to ~64 KB: the file is small, the text would not be.
    const bomb = withChunks([zTXt("parameters", new Uint8Array(64 * 1024 * 1024))]);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const started = performance.now();
    const heapBefore = process.memoryUsage().rss;
    await expect(readSettings(bomb)).rejects.toBeInstanceOf(MetadataTooLargeError);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(process.memoryUsage().rss - heapBefore).toBeLessThan(64 * 1024 * 1024);
  });

  it("refuse compressed iTXt and many chunks that only add up past the limit", () => {
    expect(() => readPngText(withChunks([iTXtCompressed("parameters", new Uint8Array(2 * 1024 * 1024))]))).toThrow(MetadataTooLargeError);
    const half = new Uint8Array(600 * 1024).fill(0x61);
    expect(() => readPngText(withChunks([zTXt("a", half), zTXt("b", half)]))).toThrow(MetadataTooLargeError);
  });

  it("still read settings of an ordinary size", () => {
    const text = "a lighthouse, Steps: 30".repeat(1000);
    expect(readPngText(withChunks([zTXt("parameters", latin1Encode(text))]))).toEqual({ parameters: text });
  });

  it("refuse EXIF text past the limit (WebP)", async () => {
    const big = writeWebpExif(webp, buildExif({ userComment: "x".repeat(700 * 1024) }));
    await expect(readSettings(big)).rejects.toBeInstanceOf(MetadataTooLargeError);
    const ok = writeWebpExif(webp, buildExif({ userComment: "Steps: 30" }));
    expect(await readSettings(ok)).toEqual({ a1111: "Steps: 30" });
  });
});
