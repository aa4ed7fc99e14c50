import { deflateSync } from "node:zlib";
import sharp from "sharp";
import { latin1Encode, readPngChunks, writePngChunks, writePngText } from "../../lib/metadata/png-text";

const MiB = 1024 * 1024;

async function tinyPng(): Promise<Uint8Array> {
  return sharp({ create: { width: 32, height: 32, channels: 3, background: "#2a6f97" } }).png().toBuffer();
}

/** A valid PNG of exactly `mib` MiB: a small picture padded with a text chunk (size is what the limits look at). */
export async function pngOfSize(mib: number): Promise<Buffer> {
  const base = await tinyPng();
  const overhead = writePngText(base, { padding: "" }).length;
  return Buffer.from(writePngText(base, { padding: "x".repeat(Math.round(mib * MiB) - overhead) }));
}

/** A PNG of a few hundred KB whose zTXt chunk inflates to `inflatedMib` MiB: a decompression bomb. */
export async function zTxtBomb(inflatedMib: number): Promise<Buffer> {
  const base = await tinyPng();
  const key = latin1Encode("parameters");
  const body = deflateSync(new Uint8Array(inflatedMib * MiB), { level: 9 });
  const data = new Uint8Array(key.length + 2 + body.length);
  data.set(key, 0);
  data.set(body, key.length + 2);
  const chunks = readPngChunks(base);
  return Buffer.from(writePngChunks([chunks[0]!, { type: "zTXt", data }, ...chunks.slice(1)]));
}
