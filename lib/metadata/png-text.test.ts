import { deflateSync } from "node:zlib";
import * as zlib from "node:zlib";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import {
  crc32,
  latin1Encode,
  readPngChunks,
  readPngText,
  stripPngMetadata,
  writePngChunks,
  writePngText,
} from "./png-text";

let png: Uint8Array;
beforeAll(async () => {
  png = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#336699" } }).png().toBuffer();
});

const types = (bytes: Uint8Array) => readPngChunks(bytes).map((c) => c.type);
const idat = (bytes: Uint8Array) => Buffer.concat(readPngChunks(bytes).filter((c) => c.type === "IDAT").map((c) => c.data));

describe("crc32", () => {
  it("matches the standard check value and zlib", () => {
    expect(crc32(latin1Encode("123456789"))).toBe(0xcbf43926);
    const zcrc = (zlib as { crc32?: (d: Uint8Array) => number }).crc32;
    if (zcrc) expect(crc32(png)).toBe(zcrc(png));
  });
});

describe("writePngText / readPngText", () => {
  it("round-trips Latin-1 as tEXt and other text as iTXt, right after IHDR", async () => {
    const out = writePngText(png, { parameters: "a café, Steps: 30\nline 2", Comment: "café 東京 🌅" });
    expect(types(out).slice(0, 3)).toEqual(["IHDR", "tEXt", "iTXt"]);
    expect(readPngText(out)).toEqual({ parameters: "a café, Steps: 30\nline 2", Comment: "café 東京 🌅" });
    const meta = await sharp(out).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["png", 64, 48]);
    expect(idat(out).equals(idat(png))).toBe(true);
  });

  it("replaces chunks with the same keyword instead of duplicating them", () => {
    const once = writePngText(png, { parameters: "first", other: "kept" });
    const twice = writePngText(once, { parameters: "second 🌅" });
    expect(readPngText(twice)).toEqual({ parameters: "second 🌅", other: "kept" });
    expect(types(twice).filter((t) => t === "tEXt" || t === "iTXt")).toHaveLength(2);
  });

  it("writes CRCs that verify", () => {
    const out = writePngText(png, { parameters: "x" });
    const view = new DataView(out.buffer, out.byteOffset);
    let pos = 8;
    while (pos < out.length) {
      const len = view.getUint32(pos);
      expect(view.getUint32(pos + 8 + len)).toBe(crc32(out.subarray(pos + 4, pos + 8 + len)));
      pos += 12 + len;
    }
  });

  it("reads zTXt and compressed iTXt", () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    const ztxt = Buffer.concat([latin1Encode("Title"), Buffer.from([0, 0]), deflateSync(latin1Encode("zipped café"))]);
    const itxt = Buffer.concat([enc("Author"), Buffer.from([0, 1, 0]), enc("ja"), Buffer.from([0]), enc("作者"), Buffer.from([0]), deflateSync(enc("東京"))]);
    const chunks = readPngChunks(png);
    chunks.splice(1, 0, { type: "zTXt", data: ztxt }, { type: "iTXt", data: itxt });
    expect(readPngText(writePngChunks(chunks))).toEqual({ Title: "zipped café", Author: "東京" });
  });

  it("rejects invalid keywords", () => {
    expect(() => writePngText(png, { "": "x" })).toThrow(RangeError);
    expect(() => writePngText(png, { ["k".repeat(80)]: "x" })).toThrow(RangeError);
    expect(() => writePngText(png, { " lead": "x" })).toThrow(RangeError);
  });

  // A prompt may hold NUL (pasted, or sent by a script): its download keeps its settings, without the control characters.
  it("drops NUL and the other control characters but line feed and tab, as tEXt and as iTXt", () => {
    const out = writePngText(png, { parameters: "a\0b\x01c\r\nd\te\x1f", Comment: "東京\0🌅\x07" });
    expect(types(out).slice(0, 3)).toEqual(["IHDR", "tEXt", "iTXt"]);
    expect(readPngText(out)).toEqual({ parameters: "abc\nd\te", Comment: "東京🌅" });
  });

  it("rejects non-PNG and truncated input", () => {
    expect(() => readPngText(new Uint8Array([1, 2, 3]))).toThrow();
    expect(() => readPngText(png.subarray(0, 40))).toThrow(/Truncated/);
  });
});

describe("stripPngMetadata", () => {
  it("removes text and eXIf chunks and keeps the image", async () => {
    const chunks = readPngChunks(writePngText(png, { parameters: "p", Comment: "東京" }));
    chunks.splice(1, 0, { type: "eXIf", data: new Uint8Array([0x4d, 0x4d, 0, 0x2a, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0]) });
    const out = stripPngMetadata(writePngChunks(chunks));
    expect(types(out)).toEqual(types(png));
    expect(readPngText(out)).toEqual({});
    const meta = await sharp(out).metadata();
    expect([meta.width, meta.height]).toEqual([64, 48]);
  });
});
