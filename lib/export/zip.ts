/**
 * A minimal streaming ZIP writer: STORE only (the images are compressed already), CRC-32, UTF-8 names, one local
 * header per entry, then the central directory. No ZIP64: at most 65,535 entries and 4 GiB, which the caller keeps
 * under (ZipLimitError otherwise).
 */

export interface ZipEntry {
  /** Path inside the archive, `/`-separated, relative. */
  name: string;
  data: Uint8Array;
  modified?: Date;
}

export class ZipLimitError extends Error {}

const MAX_ENTRIES = 0xffff;
const MAX_OFFSET = 0xffffffff;

let crcTable: Uint32Array | undefined;

export function crc32(data: Uint8Array, crc = 0): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = ~crc >>> 0;
  for (let i = 0; i < data.length; i++) c = crcTable[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

/** MS-DOS date and time (local, 2-second resolution), as ZIP headers store them. */
function dosDateTime(d: Date): { date: number; time: number } {
  const year = Math.min(Math.max(d.getFullYear(), 1980), 2107);
  return {
    date: ((year - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
  };
}

function checkName(name: string) {
  if (!name || name.startsWith("/") || name.includes("\\") || name.split("/").some((p) => p === ".." || p === "")) {
    throw new Error(`Unsafe zip entry name: ${JSON.stringify(name)}`);
  }
}

const FLAG_UTF8 = 0x0800;
const VERSION = 20; // 2.0
const MADE_BY = (3 << 8) | VERSION; // Unix, so the mode below applies
const FILE_MODE = 0o100644;

interface Written {
  name: Uint8Array;
  crc: number;
  size: number;
  date: number;
  time: number;
  offset: number;
}

/** Builds an archive piece by piece: `add` returns one entry's bytes (header, data), `finish` the closing directory. */
export class ZipWriter {
  private entries: Written[] = [];
  private offset = 0;
  private names = new Set<string>();
  private encoder = new TextEncoder();

  add(entry: ZipEntry): [header: Uint8Array, data: Uint8Array] {
    checkName(entry.name);
    if (this.names.has(entry.name)) throw new Error(`Duplicate zip entry name: ${entry.name}`);
    if (this.entries.length >= MAX_ENTRIES) throw new ZipLimitError(`A zip without ZIP64 holds at most ${MAX_ENTRIES} files.`);
    const name = this.encoder.encode(entry.name);
    const size = entry.data.byteLength;
    if (this.offset + 30 + name.length + size > MAX_OFFSET) throw new ZipLimitError("A zip without ZIP64 holds at most 4 GiB.");
    const { date, time } = dosDateTime(entry.modified ?? new Date());
    const crc = crc32(entry.data);
    const out = new Uint8Array(30 + name.length);
    const v = new DataView(out.buffer);
    v.setUint32(0, 0x04034b50, true);
    v.setUint16(4, VERSION, true);
    v.setUint16(6, FLAG_UTF8, true);
    v.setUint16(8, 0, true); // STORE
    v.setUint16(10, time, true);
    v.setUint16(12, date, true);
    v.setUint32(14, crc, true);
    v.setUint32(18, size, true); // compressed = uncompressed
    v.setUint32(22, size, true);
    v.setUint16(26, name.length, true);
    v.setUint16(28, 0, true); // no extra field
    out.set(name, 30);
    this.entries.push({ name, crc, size, date, time, offset: this.offset });
    this.names.add(entry.name);
    this.offset += out.length + size;
    return [out, entry.data];
  }

  finish(): Uint8Array {
    const dirSize = this.entries.reduce((n, e) => n + 46 + e.name.length, 0);
    if (this.offset + dirSize + 22 > MAX_OFFSET) throw new ZipLimitError("A zip without ZIP64 holds at most 4 GiB.");
    const out = new Uint8Array(dirSize + 22);
    const v = new DataView(out.buffer);
    let p = 0;
    for (const e of this.entries) {
      v.setUint32(p, 0x02014b50, true);
      v.setUint16(p + 4, MADE_BY, true);
      v.setUint16(p + 6, VERSION, true);
      v.setUint16(p + 8, FLAG_UTF8, true);
      v.setUint16(p + 10, 0, true);
      v.setUint16(p + 12, e.time, true);
      v.setUint16(p + 14, e.date, true);
      v.setUint32(p + 16, e.crc, true);
      v.setUint32(p + 20, e.size, true);
      v.setUint32(p + 24, e.size, true);
      v.setUint16(p + 28, e.name.length, true);
      v.setUint16(p + 30, 0, true); // extra
      v.setUint16(p + 32, 0, true); // comment
      v.setUint16(p + 34, 0, true); // disk
      v.setUint16(p + 36, 0, true); // internal attributes
      v.setUint32(p + 38, (FILE_MODE << 16) >>> 0, true);
      v.setUint32(p + 42, e.offset, true);
      out.set(e.name, p + 46);
      p += 46 + e.name.length;
    }
    v.setUint32(p, 0x06054b50, true);
    v.setUint16(p + 4, 0, true);
    v.setUint16(p + 6, 0, true);
    v.setUint16(p + 8, this.entries.length, true);
    v.setUint16(p + 10, this.entries.length, true);
    v.setUint32(p + 12, dirSize, true);
    v.setUint32(p + 16, this.offset, true);
    v.setUint16(p + 20, 0, true); // comment length
    this.offset += out.length;
    return out;
  }
}

/** Streams an archive of the entries as they are produced, one entry in memory at a time. */
export function zipStream(entries: AsyncIterable<ZipEntry> | Iterable<ZipEntry>): ReadableStream<Uint8Array> {
  const writer = new ZipWriter();
  let iterator: AsyncIterator<ZipEntry> | Iterator<ZipEntry> | undefined;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      iterator ??= Symbol.asyncIterator in entries ? entries[Symbol.asyncIterator]() : entries[Symbol.iterator]();
      const next = await iterator.next();
      if (next.done) {
        controller.enqueue(writer.finish());
        controller.close();
      } else {
        for (const chunk of writer.add(next.value)) controller.enqueue(chunk);
      }
    },
    async cancel() {
      await iterator?.return?.();
    },
  });
}
