import { crc32 } from "./zip";

/**
 * Reads a STORE-only ZIP back through its central directory, checking each entry's CRC. For the writer's tests and
 * the e2e suite; it does not inflate, so it reads only what ZipWriter writes.
 */
export interface ReadEntry {
  name: string;
  data: Uint8Array;
}

export function readZip(bytes: Uint8Array): ReadEntry[] {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let p = bytes.length - 22; p >= Math.max(0, bytes.length - 22 - 0xffff); p--) {
    if (v.getUint32(p, true) === 0x06054b50) {
      end = p;
      break;
    }
  }
  if (end < 0) throw new Error("No end of central directory record.");
  const count = v.getUint16(end + 10, true);
  let p = v.getUint32(end + 16, true);
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const out: ReadEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (v.getUint32(p, true) !== 0x02014b50) throw new Error(`Bad central directory entry ${i}.`);
    const method = v.getUint16(p + 10, true);
    const crc = v.getUint32(p + 16, true);
    const size = v.getUint32(p + 20, true);
    const nameLength = v.getUint16(p + 28, true);
    const extra = v.getUint16(p + 30, true);
    const comment = v.getUint16(p + 32, true);
    const local = v.getUint32(p + 42, true);
    const name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLength));
    if (method !== 0) throw new Error(`${name}: compression method ${method}, only STORE is read.`);
    if (v.getUint32(local, true) !== 0x04034b50) throw new Error(`${name}: bad local header.`);
    const start = local + 30 + v.getUint16(local + 26, true) + v.getUint16(local + 28, true);
    const data = bytes.subarray(start, start + size);
    if (crc32(data) !== crc) throw new Error(`${name}: CRC mismatch.`);
    out.push({ name, data });
    p += 46 + nameLength + extra + comment;
  }
  return out;
}
