import { z } from "zod";
import type { GenerationStatus } from "@/lib/db/dto";

/**
 * Gallery filters as they travel in the URL (`/gallery?q=…&provider=…&model=…&status=…&fav=1&from=…&to=…`) and to
 * `GET /api/runs`. Client-safe: the filter bar, the grid's query key, the server page and the route all use it.
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

function isCalendarDay(value: string) {
  if (!dayPattern.test(value)) return false;
  const [y, m, d] = value.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v ? v : undefined));

// One schema per URL key; `fav` is the URL spelling of `favorite`.
const fields = {
  q: optionalText(200),
  provider: z
    .string()
    .regex(/^[a-z0-9_-]{0,40}$/)
    .optional()
    .transform((v) => (v ? v : undefined)),
  model: z
    .string()
    .regex(/^[\w.:/-]{0,100}$/)
    .optional()
    .transform((v) => (v ? v : undefined)),
  status: z.enum(galleryStatuses).optional(),
  fav: z
    .enum(["1", "0", ""])
    .optional()
    .transform((v) => (v === "1" ? true : undefined)),
  from: z.string().refine(isCalendarDay, "Expected a date as YYYY-MM-DD.").optional(),
  to: z.string().refine(isCalendarDay, "Expected a date as YYYY-MM-DD.").optional(),
};

/** Strict: the API answers 400 to a malformed filter. */
export const galleryQuerySchema = z.object(fields);

/** Lenient: a page URL with one bad value still renders, without that filter. */
const lenientSchema = z.object({
  q: fields.q.catch(undefined),
  provider: fields.provider.catch(undefined),
  model: fields.model.catch(undefined),
  status: fields.status.catch(undefined),
  fav: fields.fav.catch(undefined),
  from: fields.from.catch(undefined),
  to: fields.to.catch(undefined),
});

type Parsed = z.output<typeof galleryQuerySchema>;

function fromParsed(p: Parsed): GalleryFilters {
  const out: GalleryFilters = {};
  if (p.q) out.q = p.q;
  if (p.provider) out.provider = p.provider;
  if (p.model) out.model = p.model;
  if (p.status) out.status = p.status;
  if (p.fav) out.favorite = true;
  if (p.from) out.from = p.from;
  if (p.to) out.to = p.to;
  return out;
}

type ParamSource = URLSearchParams | Record<string, string | string[] | undefined>;

function toRecord(params: ParamSource): Record<string, string> {
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
  return fromParsed(lenientSchema.parse(toRecord(params)));
}

/** Reads filters strictly (for the API): `{ok: false}` names the first bad key. */
export function parseGalleryFiltersStrict(params: ParamSource): { ok: true; filters: GalleryFilters } | { ok: false; error: string } {
  const parsed = galleryQuerySchema.safeParse(toRecord(params));
  if (!parsed.success) return { ok: false, error: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") };
  return { ok: true, filters: fromParsed(parsed.data) };
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
