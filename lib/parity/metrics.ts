/**
 * Image similarity measures for the parity check, on grey pixel buffers (one byte per pixel, row-major), written
 * here so their exact definitions are ours and documented: a 64-bit DCT perceptual hash and SSIM.
 */

/** Side of the grey square a perceptual hash is computed from; its lowest 8x8 frequencies make the hash. */
export const PHASH_SIZE = 32;

/** Side of the grey square SSIM is measured on: a fixed size, so images of any resolution compare alike. */
export const SSIM_SIZE = 256;

const cosines = (() => {
  // cos((2x + 1) u pi / 2N) for the 8 lowest frequencies u, the only ones the hash uses.
  const table = new Float64Array(8 * PHASH_SIZE);
  for (let u = 0; u < 8; u++) {
    for (let x = 0; x < PHASH_SIZE; x++) table[u * PHASH_SIZE + x] = Math.cos(((2 * x + 1) * u * Math.PI) / (2 * PHASH_SIZE));
  }
  return table;
})();

/**
 * pHash: the 2-D DCT-II of a 32x32 grey image, its top-left 8x8 block (the lowest frequencies), one bit per
 * coefficient: set when above the block's median (the DC term, the mean brightness, is left out of the median).
 * Returned as 16 hex digits, the first coefficient in the highest bit.
 */
export function phash(grey: Uint8Array): string {
  const n = PHASH_SIZE;
  if (grey.length !== n * n) throw new Error(`phash needs ${n}x${n} grey pixels, got ${grey.length}`);
  // Rows first (8 frequencies per row), then columns: 8x8 coefficients.
  const rows = new Float64Array(n * 8);
  for (let y = 0; y < n; y++) {
    for (let u = 0; u < 8; u++) {
      let sum = 0;
      for (let x = 0; x < n; x++) sum += grey[y * n + x]! * cosines[u * n + x]!;
      rows[y * 8 + u] = sum;
    }
  }
  const coeffs = new Float64Array(64);
  for (let v = 0; v < 8; v++) {
    for (let u = 0; u < 8; u++) {
      let sum = 0;
      for (let y = 0; y < n; y++) sum += rows[y * 8 + u]! * cosines[v * n + y]!;
      coeffs[v * 8 + u] = sum;
    }
  }
  const sorted = [...coeffs.slice(1)].sort((a, b) => a - b);
  const median = (sorted[31]! + sorted[32]!) / 2;
  let bits = 0n;
  for (const c of coeffs) bits = (bits << 1n) | (c > median ? 1n : 0n);
  return bits.toString(16).padStart(16, "0");
}

/** Bits in which two hashes differ (0 = same hash, 64 = opposite). */
export function hammingDistance(a: string, b: string): number {
  let x = BigInt(`0x${a}`) ^ BigInt(`0x${b}`);
  let count = 0;
  while (x > 0n) {
    count += Number(x & 1n);
    x >>= 1n;
  }
  return count;
}

const WINDOW = 8;
const STRIDE = 4;
const C1 = (0.01 * 255) ** 2;
const C2 = (0.03 * 255) ** 2;

/**
 * Mean SSIM (Wang et al. 2004) of two grey images of the same size, over 8x8 windows every 4 pixels with uniform
 * weights: 1 for the same image, lower as structure, contrast or brightness differ.
 */
export function ssim(a: Uint8Array, b: Uint8Array, width: number, height: number): number {
  if (a.length !== width * height || b.length !== width * height) throw new Error("ssim needs two grey images of the stated size");
  let total = 0;
  let windows = 0;
  const area = WINDOW * WINDOW;
  for (let y0 = 0; y0 + WINDOW <= height; y0 += STRIDE) {
    for (let x0 = 0; x0 + WINDOW <= width; x0 += STRIDE) {
      let sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
      for (let y = y0; y < y0 + WINDOW; y++) {
        for (let x = x0; x < x0 + WINDOW; x++) {
          const pa = a[y * width + x]!;
          const pb = b[y * width + x]!;
          sa += pa;
          sb += pb;
          saa += pa * pa;
          sbb += pb * pb;
          sab += pa * pb;
        }
      }
      const ma = sa / area;
      const mb = sb / area;
      const va = saa / area - ma * ma;
      const vb = sbb / area - mb * mb;
      const cov = sab / area - ma * mb;
      total += ((2 * ma * mb + C1) * (2 * cov + C2)) / ((ma * ma + mb * mb + C1) * (va + vb + C2));
      windows++;
    }
  }
  return windows === 0 ? 1 : total / windows;
}
