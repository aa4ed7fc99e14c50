import type { GenerationStatus } from "@/lib/db/dto";

/**
 * Gallery filters as they travel in the URL (`/gallery?q=…&provider=…&model=…&status=…&fav=1&from=…&to=…`) and to
 * `GET /api/runs`. Client-safe and free of zod, so the gallery page ships no validation library: the lenient reader
 * here and the strict schema in ./filters.ts share the same predicates, so the page and the API agree.
 */

export const galleryStatuses = ["succeeded", "failed", "running", "queued"] as const satisfies readonly GenerationStatus[];

export interface GalleryFilters {
  q?: string;
  provider?: string;
  model?: string;
  status?: GenerationStatus;
  favorite?: boolean;
  /** Local calendar days, `YYYY-MM-DD`, both inclusive. */
  from?: string;
  to?: string;
}

const dayPattern = /^\d{4}-\d{2}-\d{2}$/;

export function isCalendarDay(value: string) {
  if (!dayPattern.test(value)) return false;
  const [y, m, d] = value.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export const providerPattern = /^[a-z0-9_-]{0,40}$/;
export const modelPattern = /^[\w.:/-]{0,100}$/;
export const maxQueryLength = 200;
export const isGalleryStatus = (v: string): v is GenerationStatus => (galleryStatuses as readonly string[]).includes(v);

export type ParamSource = URLSearchParams | Record<string, string | string[] | undefined>;

export function toRecord(params: ParamSource): Record<string, string> {
  const out: Record<string, string> = {};
  const entries = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params);
  for (const [k, v] of entries) {
    const value = Array.isArray(v) ? v[0] : v;
    if (typeof value === "string" && !(k in out)) out[k] = value;
  }
  return out;
}

/** Reads filters from a page's search params, dropping any value that does not validate. */
export function parseGalleryFilters(params: ParamSource): GalleryFilters {
  const r = toRecord(params);
  const out: GalleryFilters = {};
  const q = r.q?.trim();
  if (q && q.length <= maxQueryLength) out.q = q;
  if (r.provider && providerPattern.test(r.provider)) out.provider = r.provider;
  if (r.model && modelPattern.test(r.model)) out.model = r.model;
  if (r.status && isGalleryStatus(r.status)) out.status = r.status;
  if (r.fav === "1") out.favorite = true;
  if (r.from && isCalendarDay(r.from)) out.from = r.from;
  if (r.to && isCalendarDay(r.to)) out.to = r.to;
  return out;
}

/** The URL form, keys in a fixed order so equal filters give equal URLs. */
export function filtersToSearchParams(f: GalleryFilters): URLSearchParams {
  const out = new URLSearchParams();
  if (f.q) out.set("q", f.q);
  if (f.provider) out.set("provider", f.provider);
  if (f.model) out.set("model", f.model);
  if (f.status) out.set("status", f.status);
  if (f.favorite) out.set("fav", "1");
  if (f.from) out.set("from", f.from);
  if (f.to) out.set("to", f.to);
  return out;
}

export function filtersKey(f: GalleryFilters): string {
  return filtersToSearchParams(f).toString();
}

export function hasActiveFilters(f: GalleryFilters): boolean {
  return filtersKey(f) !== "";
}

// ---- date ranges ----

export type DatePreset = "all" | "today" | "7d" | "30d";
export const datePresets: { value: DatePreset; label: string; days: number | null }[] = [
  { value: "all", label: "All time", days: null },
  { value: "today", label: "Today", days: 1 },
  { value: "7d", label: "Last 7 days", days: 7 },
  { value: "30d", label: "Last 30 days", days: 30 },
];

/** `YYYY-MM-DD` of a moment in the local time zone. */
export function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function addDays(day: string, days: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return localDay(new Date(y, m - 1, d + days));
}

/** A preset as a from/to pair: "Last 7 days" is today and the six days before it. */
export function presetRange(preset: DatePreset, now = new Date()): { from?: string; to?: string } {
  const days = datePresets.find((p) => p.value === preset)?.days;
  if (!days) return {};
  return { from: addDays(localDay(now), -(days - 1)) };
}

/** Which preset a from/to pair is, or "custom". */
export function presetOf(f: Pick<GalleryFilters, "from" | "to">, now = new Date()): DatePreset | "custom" {
  if (!f.from && !f.to) return "all";
  if (f.to && f.to !== localDay(now)) return "custom";
  const match = datePresets.find((p) => p.days && presetRange(p.value, now).from === f.from);
  return match ? match.value : "custom";
}

/**
 * The half-open instant range `[start, end)` a day range covers. Days start at local midnight of the process that
 * asks (the server's zone: the playground runs on the person's own machine); tests pass their own `localMidnight`.
 */
export function dayRangeToInstants(
  f: Pick<GalleryFilters, "from" | "to">,
  localMidnight: (day: string) => Date = (day) => {
    const [y, m, d] = day.split("-").map(Number) as [number, number, number];
    return new Date(y, m - 1, d);
  },
): { start?: Date; end?: Date } {
  return {
    start: f.from ? localMidnight(f.from) : undefined,
    end: f.to ? localMidnight(addDays(f.to, 1)) : undefined,
  };
}
