import { MAX_METADATA_TEXT_BYTES } from "@/lib/limits";

/** An image carries more metadata text than any real settings block: a decompression bomb or junk. */
export class MetadataTooLargeError extends Error {
  constructor(limit = MAX_METADATA_TEXT_BYTES) {
    super(`Image metadata text exceeds ${limit} bytes.`);
    this.name = "MetadataTooLargeError";
  }
}

/**
 * How much text one read may still produce. Every reader charges it before decoding (and zlib is told the remainder
 * as its output cap), so a small file that inflates to gigabytes stops at the limit instead of filling memory.
 */
export class TextBudget {
  private used = 0;
  constructor(readonly limit = MAX_METADATA_TEXT_BYTES) {}

  get remaining(): number {
    return this.limit - this.used;
  }

  /** Count `bytes` of text; throws MetadataTooLargeError past the limit. */
  charge(bytes: number): void {
    this.used += bytes;
    if (this.used > this.limit) throw new MetadataTooLargeError(this.limit);
  }
}
