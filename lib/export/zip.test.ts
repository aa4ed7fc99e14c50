import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { crc32, zipStream, ZipWriter, type ZipEntry } from "./zip";
import { readZip } from "./zip-reader";

async function collect(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
  }
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let p = 0;
  for (const c of chunks) {
    out.set(c, p);
    p += c.length;
  }
  return out;
}

const random = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 7919 + 13) % 256);

const entries: ZipEntry[] = [
  { name: "manifest.json", data: new TextEncoder().encode(JSON.stringify({ hello: "wörld" })) },
  { name: "images/a lighthouse — 灯台.png", data: random(70_000), modified: new Date(2026, 10, 21, 5, 57, 44) },
  { name: "images/empty.bin", data: new Uint8Array(0) },
];

const hasUnzip = spawnSync("unzip", ["-v"]).status === 0;

describe("zip writer", () => {
  it("computes the standard CRC-32", () => {
    expect(crc32(new TextEncoder().encode("123456789"))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it("streams an archive that reads back byte for byte, UTF-8 names included", async () => {
    const bytes = await collect(zipStream(entries));
    const read = readZip(bytes);
    expect(read.map((e) => e.name)).toEqual(entries.map((e) => e.name));
    for (const [i, e] of read.entries()) expect(Buffer.from(e.data).equals(Buffer.from(entries[i]!.data))).toBe(true);
    // STORE: the archive is the data plus headers, nothing compressed.
    const dataBytes = entries.reduce((n, e) => n + e.data.length, 0);
    expect(bytes.length).toBeGreaterThan(dataBytes);
    expect(bytes.length).toBeLessThan(dataBytes + 400);
  });

  it("also accepts an async source and writes an empty archive", async () => {
    async function* gen() {
      yield entries[0]!;
    }
    expect(readZip(await collect(zipStream(gen()))).map((e) => e.name)).toEqual(["manifest.json"]);
    expect(readZip(await collect(zipStream([])))).toEqual([]);
  });

  it.skipIf(!hasUnzip)("passes the system unzip's integrity test and extracts identical files", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zip-test-"));
    try {
      const file = path.join(dir, "out.zip");
      fs.writeFileSync(file, await collect(zipStream(entries)));
      const test = spawnSync("unzip", ["-t", file], { encoding: "utf8" });
      expect(test.status, test.stdout + test.stderr).toBe(0);
      expect(test.stdout).toContain("No errors detected");
      const out = path.join(dir, "x");
      expect(spawnSync("unzip", ["-q", file, "-d", out]).status).toBe(0);
      const extracted = fs.readFileSync(path.join(out, "images", "a lighthouse — 灯台.png"));
      expect(extracted.equals(Buffer.from(entries[1]!.data))).toBe(true);
      // DOS time has 2-second resolution, in local time.
      const mtime = fs.statSync(path.join(out, "images", "a lighthouse — 灯台.png")).mtime;
      expect(mtime.getFullYear()).toBe(2026);
      expect(mtime.getMinutes()).toBe(57);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses unsafe or duplicate names", () => {
    const w = new ZipWriter();
    for (const name of ["/etc/passwd", "../up.png", "a/../b", "a\\b", "", "a//b"]) {
      expect(() => w.add({ name, data: new Uint8Array(1) })).toThrow(/Unsafe/);
    }
    w.add({ name: "a.png", data: new Uint8Array(1) });
    expect(() => w.add({ name: "a.png", data: new Uint8Array(1) })).toThrow(/Duplicate/);
  });
});
