/**
 * Placeholder "generations": real PNG/JPEG/WebP files of the requested size that nobody could mistake for a model
 * output. A diagonal gradient (colours from a hash of provider + prompt + seed + size) under a dark panel reading
 * "EMULATED", the size and the seed (not the provider: the blind arena shows these without saying where they came
 * from). Deterministic: the same spec always yields the same bytes.
 *
 * The gradient is computed in JS and only the text panel goes through librsvg, which keeps a 1024x1024 PNG render
 * around 20 ms; a small LRU keeps recent buffers, and concurrent renders of one spec share a promise.
 */
import { createHash } from "node:crypto";
import sharp from "sharp";

export type ImageFormat = "png" | "jpeg" | "webp";

export interface ImageSpec {
  provider: string;
  prompt: string;
  /** The seed as text, so 64-bit seeds survive untouched. */
  seed: string;
  width: number;
  height: number;
  format: ImageFormat;
  /** 1-100, for jpeg and webp. */
  quality?: number;
  /** Position within a batch; 0 for the first (or only) image. */
  index?: number;
}

const CONTENT_TYPES: Record<ImageFormat, string> = { png: "image/png", jpeg: "image/jpeg", webp: "image/webp" };

export function contentTypeFor(format: ImageFormat): string {
  return CONTENT_TYPES[format];
}

const MAX_ENTRIES = 96;
const MAX_BYTES = 96 * 1024 * 1024;
const cache = new Map<string, Buffer>();
let cachedBytes = 0;
const pending = new Map<string, Promise<Buffer>>();

function specKey(spec: ImageSpec): string {
  return JSON.stringify([
    spec.provider,
    spec.prompt,
    spec.seed,
    spec.width,
    spec.height,
    spec.format,
    spec.quality ?? null,
    spec.index ?? 0,
  ]);
}

function remember(key: string, buf: Buffer): void {
  cache.set(key, buf);
  cachedBytes += buf.length;
  while (cache.size > MAX_ENTRIES || cachedBytes > MAX_BYTES) {
    const oldest = cache.keys().next();
    if (oldest.done) break;
    cachedBytes -= cache.get(oldest.value)?.length ?? 0;
    cache.delete(oldest.value);
  }
}

/** Renders (or returns the cached) image for a spec. */
export function renderImage(spec: ImageSpec): Promise<Buffer> {
  const key = specKey(spec);
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit); // refresh LRU position
    return Promise.resolve(hit);
  }
  const inFlight = pending.get(key);
  if (inFlight) return inFlight;
  const p = draw(spec)
    .then((buf) => {
      remember(key, buf);
      return buf;
    })
    .finally(() => pending.delete(key));
  pending.set(key, p);
  return p;
}

/** Starts a render in the background so a later download is served from the cache. */
export function prewarmImage(spec: ImageSpec): void {
  renderImage(spec).catch(() => undefined);
}

export function clearImageCache(): void {
  cache.clear();
  cachedBytes = 0;
}

type Rgb = [number, number, number];

function hslToRgb(h: number, s: number, l: number): Rgb {
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    return Math.round(255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return [f(0), f(8), f(4)];
}

function gradient(width: number, height: number, from: Rgb, to: Rgb, flip: boolean): Buffer {
  const buf = Buffer.allocUnsafe(width * height * 3);
  const span = Math.max(1, width + height - 2);
  const [r0, g0, b0] = from;
  const dr = to[0] - r0;
  const dg = to[1] - g0;
  const db = to[2] - b0;
  let i = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const t = ((flip ? width - 1 - x : x) + y) / span;
      buf[i++] = r0 + dr * t;
      buf[i++] = g0 + dg * t;
      buf[i++] = b0 + db * t;
    }
  }
  return buf;
}

function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function panelSvg(spec: ImageSpec, w: number, h: number): string {
  // DejaVu Sans Bold capitals run ~0.8 em wide, regular digits ~0.64 em: sized so the longest lines fit.
  const big = Math.max(6, Math.min(w / 7, h * 0.3));
  const small = Math.max(4, Math.min(w / 19, h * 0.1));
  const tiny = Math.max(3, Math.min(w / 32, h * 0.065));
  // No prompt text and no provider name in the pixels: a real provider's image carries neither, shares that hide the
  // prompt rely on the first, and the blind arena (/arena) on the second.
  const batch = spec.index ? ` · #${spec.index + 1}` : "";
  const font = `font-family="DejaVu Sans, Verdana, sans-serif"`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">
<rect width="${w}" height="${h}" rx="${Math.round(Math.min(w, h) * 0.06)}" fill="#000" fill-opacity="0.45"/>
<text x="50%" y="${(h * 0.38).toFixed(1)}" ${font} font-weight="bold" font-size="${big.toFixed(1)}" fill="#fff" text-anchor="middle">EMULATED</text>
<text x="50%" y="${(h * 0.57).toFixed(1)}" ${font} font-size="${small.toFixed(1)}" fill="#fff" text-anchor="middle">${spec.width}×${spec.height}${batch}</text>
<text x="50%" y="${(h * 0.73).toFixed(1)}" ${font} font-size="${small.toFixed(1)}" fill="#fff" text-anchor="middle">seed ${escapeXml(spec.seed)}</text>
<text x="50%" y="${(h * 0.9).toFixed(1)}" ${font} font-size="${tiny.toFixed(1)}" fill="#fff" fill-opacity="0.8" text-anchor="middle">placeholder from the provider emulator</text>
</svg>`;
}

async function draw(spec: ImageSpec): Promise<Buffer> {
  const { width, height } = spec;
  const hash = createHash("sha256")
    // The provider is part of the key, as real providers differ for the same prompt and seed, so that
    // side-by-side views of emulated results look different.
    .update(`${spec.provider}\n${spec.prompt}\n${spec.seed}\n${width}x${height}\n${spec.index ?? 0}`)
    .digest();
  const hue = ((hash[0] ?? 0) << 8 | (hash[1] ?? 0)) % 360;
  const shift = 90 + ((hash[2] ?? 0) % 150);
  const from = hslToRgb(hue, 0.65, 0.45);
  const to = hslToRgb((hue + shift) % 360, 0.7, 0.55);
  const base = gradient(width, height, from, to, ((hash[3] ?? 0) & 1) === 1);

  const panelW = Math.max(1, Math.round(width * 0.9));
  const panelH = Math.max(1, Math.round(Math.min(height * 0.6, width * 0.55)));
  const img = sharp(base, { raw: { width, height, channels: 3 } }).composite([
    {
      input: Buffer.from(panelSvg(spec, panelW, panelH)),
      left: Math.round((width - panelW) / 2),
      top: Math.round((height - panelH) / 2),
    },
  ]);
  const quality = Math.min(100, Math.max(1, Math.round(spec.quality ?? 90)));
  switch (spec.format) {
    case "png":
      return img.png({ compressionLevel: 1, adaptiveFiltering: false }).toBuffer();
    case "jpeg":
      return img.jpeg({ quality }).toBuffer();
    case "webp":
      return img.webp({ quality, effort: 0 }).toBuffer();
  }
}
