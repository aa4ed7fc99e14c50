import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { formatA1111, parseA1111 } from "./a1111";
import { asciiJson, detectImageFormat, embedSettings, readSettings, stripMetadata, UnsupportedImageFormatError } from "./embed";
import { buildExif, parseExif } from "./exif";
import { readJpegExif } from "./jpeg";
import { readPngText, writePngText } from "./png-text";
import { readWebpExif, writeWebpExif } from "./webp";

const SEED = "9223372036854775807"; // 19 digits: beyond Number.MAX_SAFE_INTEGER
const a1111 = formatA1111({
  prompt: "café 東京 🌅, golden hour\nsecond line",
  negativePrompt: "blurry, lowres",
  steps: 40,
  sampler: "Euler",
  scheduleType: "SGM Uniform",
  cfgScale: 4.5,
  seed: SEED,
  width: 64,
  height: 48,
  model: "sd3.5_large",
  extra: { Version: "v1.10.1" },
});
const json = JSON.stringify({
  provider: "stability",
  model: "sd3.5-large",
  params: { prompt: "café 東京 🌅", seed: SEED, aspect_ratio: "4:3" },
  timings: { totalMs: 5123 },
  cost: { credits: 6.5 },
});
const settings = { a1111, json };

const base = (channels: 3 | 4 = 3) =>
  sharp({ create: { width: 64, height: 48, channels, background: { r: 51, g: 102, b: 153, alpha: 0.5 } } });
const images: Record<string, Uint8Array> = {};
beforeAll(async () => {
  images.png = await base().png().toBuffer();
  images.jpeg = await base().jpeg({ quality: 90 }).toBuffer();
  images.webp = await base().webp().toBuffer(); // simple lossy (VP8)
  images.webpLossless = await base(4).webp({ lossless: true }).toBuffer(); // simple lossless with alpha (VP8L)
  images.webpExtended = await base().webp().withExif({ IFD0: { Software: "other" } }).toBuffer(); // VP8X
});

const MIME: Record<string, string> = { png: "image/png", jpeg: "image/jpeg" };
const mimeOf = (name: string) => MIME[name] ?? "image/webp";
const raw = (bytes: Uint8Array) => sharp(bytes).raw().toBuffer();
const names = ["png", "jpeg", "webp", "webpLossless", "webpExtended"];

describe.each(names)("%s", (name) => {
  it("embed → readSettings round-trips, pixels untouched", async () => {
    const src = images[name]!;
    const out = await embedSettings(src, mimeOf(name), settings);
    const read = await readSettings(out);
    expect(read.a1111).toBe(a1111);
    expect(parseA1111(read.a1111!).seed).toBe(SEED);
    expect(JSON.parse(read.json!)).toEqual(JSON.parse(json));
    if (name === "png") expect(read.json).toBe(json); // PNG stores UTF-8 verbatim; EXIF gets the ASCII-escaped equal
    const meta = await sharp(out).metadata();
    expect([meta.width, meta.height, meta.hasAlpha]).toEqual([64, 48, name === "webpLossless"]);
    expect((await raw(out)).equals(await raw(src))).toBe(true);
  });

  it("embedding twice replaces instead of accumulating", async () => {
    const once = await embedSettings(images[name]!, mimeOf(name), settings);
    const twice = await embedSettings(once, mimeOf(name), { a1111: "second", json: '{"v":2}' });
    expect(await readSettings(twice)).toEqual({ a1111: "second", json: '{"v":2}' });
    expect(twice.length - once.length).toBeLessThan(0);
  });

  it("strip → nothing to read, same size image", async () => {
    const embedded = await embedSettings(images[name]!, mimeOf(name), settings);
    const out = await stripMetadata(embedded, mimeOf(name));
    expect(await readSettings(out)).toEqual({});
    const meta = await sharp(out).metadata();
    expect([meta.width, meta.height, meta.exif, meta.xmp]).toEqual([64, 48, undefined, undefined]);
    // WebP: VP8X (embedding upgrades simple files to it) must no longer announce EXIF/XMP.
    if (name.startsWith("webp")) expect(Buffer.from(out).toString("latin1", 12, 16) === "VP8X" && out[20]! & 0x0c).toBeFalsy();
    expect((await raw(out)).equals(await raw(images[name]!))).toBe(true);
  });
});

describe("interop", () => {
  it("reads a plain A1111 PNG (parameters chunk only)", async () => {
    const png = writePngText(images.png!, { parameters: a1111 });
    expect(await readSettings(png)).toEqual({ a1111 });
  });

  it("writes what A1111 writes: PNG `parameters` tEXt/iTXt, EXIF UserComment as UNICODE + UTF-16BE", async () => {
    const png = await embedSettings(images.png!, "image/png", settings);
    expect(readPngText(png)).toEqual({ parameters: a1111, "sd3-playground": json });
    const tiff = readJpegExif(await embedSettings(images.jpeg!, "image/jpeg", settings))!;
    const latin = Buffer.from(tiff).toString("latin1");
    expect(latin.startsWith("MM\0*")).toBe(true);
    expect(latin).toContain("UNICODE\0\0c\0a\0f\0\xe9");
    expect(latin).toContain(asciiJson(json));
  });

  it("libvips/libexif understands our EXIF: survives sharp keepExif re-encode", async () => {
    for (const [name, format] of [["jpeg", "jpeg"], ["webp", "webp"]] as const) {
      const ours = await embedSettings(images[name]!, mimeOf(name), settings);
      const reencoded = await sharp(ours).keepExif().toFormat(format).toBuffer();
      expect(await readSettings(reencoded)).toEqual(await readSettings(ours));
    }
  });

  it("parses EXIF written by sharp (little-endian, ASCII UserComment)", async () => {
    const jpeg = await base().jpeg().withExif({ IFD0: { ImageDescription: "{\"a\":1}" }, IFD2: { UserComment: "hi" } }).toBuffer();
    expect(await readSettings(jpeg)).toEqual({ a1111: "hi", json: '{"a":1}' });
  });

  it("reads WebP EXIF with Pillow's legacy Exif\\0\\0 header and UTF-16LE comments", async () => {
    const tiff = buildExif({ userComment: "café" });
    const prefixed = Buffer.concat([Buffer.from("Exif\0\0", "latin1"), tiff]);
    expect(await readSettings(writeWebpExif(images.webp!, prefixed))).toEqual({ a1111: "café" });
    expect(readWebpExif(writeWebpExif(images.webp!, prefixed))).toEqual(new Uint8Array(tiff));
    // Hand-made little-endian TIFF whose UNICODE comment is UTF-16LE, as exiftool writes it.
    const comment = Buffer.concat([Buffer.from("UNICODE\0", "latin1"), Buffer.from("Grüße", "utf16le")]);
    const le = Buffer.alloc(8 + 18 + 18 + comment.length);
    const entry = (at: number, tag: number, type: number, count: number, value: number) => {
      le.writeUInt16LE(tag, at);
      le.writeUInt16LE(type, at + 2);
      le.writeUInt32LE(count, at + 4);
      le.writeUInt32LE(value, at + 8);
    };
    le.write("II*\0", 0, "latin1");
    le.writeUInt32LE(8, 4); // IFD0 at 8: one entry, the Exif IFD pointer
    le.writeUInt16LE(1, 8);
    entry(10, 0x8769, 4, 1, 26);
    le.writeUInt16LE(1, 26); // Exif IFD at 26: UserComment stored at 44
    entry(28, 0x9286, 7, comment.length, 44);
    comment.copy(le, 44);
    expect(parseExif(le)).toEqual({ userComment: "Grüße" });
  });

  it("ignores a non-JSON ImageDescription and corrupt EXIF", () => {
    expect(parseExif(buildExif({ imageDescription: "OLYMPUS DIGITAL CAMERA" }))).toEqual({
      imageDescription: "OLYMPUS DIGITAL CAMERA",
    });
    expect(parseExif(new Uint8Array([0x4d, 0x4d, 0, 0x2a, 0xff, 0xff, 0xff, 0xff]))).toEqual({});
  });
});

describe("JPEG strip", () => {
  it("drops COM and APP13 segments, keeps JFIF", async () => {
    const jpeg = images.jpeg!;
    const com = Buffer.from([0xff, 0xfe, 0x00, 0x07, 0x68, 0x65, 0x6c, 0x6c, 0x6f]); // "hello"
    const app13 = Buffer.from([0xff, 0xed, 0x00, 0x04, 0x00, 0x00]);
    const withJunk = Buffer.concat([jpeg.subarray(0, 2), com, app13, jpeg.subarray(2)]);
    const out = Buffer.from(await stripMetadata(withJunk, "image/jpeg"));
    expect(out.equals(Buffer.from(jpeg))).toBe(true);
  });
});

describe("format detection", () => {
  it("prefers magic bytes over the mime type and rejects unknown formats", async () => {
    expect(detectImageFormat(images.png!, "image/jpeg")).toBe("png");
    expect(detectImageFormat(new Uint8Array(4), "image/webp; charset=binary")).toBe("webp");
    const gif = await base().gif().toBuffer();
    expect(detectImageFormat(gif, "image/gif")).toBeUndefined();
    await expect(embedSettings(gif, "image/gif", settings)).rejects.toBeInstanceOf(UnsupportedImageFormatError);
    await expect(stripMetadata(gif, "image/gif")).rejects.toBeInstanceOf(UnsupportedImageFormatError);
    expect(await readSettings(gif)).toEqual({});
    expect(await readSettings(new Uint8Array([0x89, 0x50]))).toEqual({});
  });

  it("asciiJson keeps the JSON value", () => {
    const s = JSON.stringify({ p: "café 東京 🌅\u0000" });
    expect(asciiJson(s)).toMatch(/^[\x20-\x7e]+$/);
    expect(JSON.parse(asciiJson(s))).toEqual(JSON.parse(s));
  });
});
