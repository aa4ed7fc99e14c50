import { z } from "zod";
import { issuesText, parseRequest } from "@/lib/forms/request-errors";
import { isCalendarDay, toRecord, type ParamSource } from "@/lib/gallery/url-filters";
import { rangeInOrder } from "@/lib/gallery/filters";

/**
 * What a scorecard covers, as its URL (and a shared scorecard's stored params) spell it. Emulated and live results
 * are two separate scorecards (`source`), never one mixed figure.
 */

export const scoreFamilies = ["sd3.5-large", "sd3.5-large-turbo", "sd3.5-medium", "sd3-large", "sd3-large-turbo", "sd3-medium"] as const;
export const familyLabels: Record<(typeof scoreFamilies)[number], string> = {
  "sd3.5-large": "SD3.5 Large",
  "sd3.5-large-turbo": "SD3.5 Large Turbo",
  "sd3.5-medium": "SD3.5 Medium",
  "sd3-large": "SD3 Large",
  "sd3-large-turbo": "SD3 Large Turbo",
  "sd3-medium": "SD3 Medium",
};
export const scorePeriods = ["7d", "30d", "90d", "1y", "all"] as const;
const periodDays: Record<(typeof scorePeriods)[number], number | null> = { "7d": 7, "30d": 30, "90d": 90, "1y": 365, all: null };

const blankToUndefined = (v: string | undefined) => (v ? v : undefined);
const day = z.string().refine((v) => v === "" || isCalendarDay(v), "Expected a date as YYYY-MM-DD.").optional().transform(blankToUndefined);

export const scoreFiltersSchema = z
  .object({
    source: z.enum(["live", "emulated"]).default("live"),
    period: z.enum(scorePeriods).default("30d"),
    family: z.enum([...scoreFamilies, ""]).optional().transform(blankToUndefined),
    size: z
      .string()
      .regex(/^(\d{2,5}x\d{2,5})?$/, "Expected a size as WIDTHxHEIGHT, e.g. 1024x1024.")
      .optional()
      .transform(blankToUndefined),
    steps: z
      .string()
      .regex(/^(\d{1,3})?$/, "Expected a whole number of steps.")
      .optional()
      .transform((v) => (v ? Number(v) : undefined)),
    from: day,
    to: day,
  })
  .strict()
  .superRefine(rangeInOrder);

export type ScoreFilters = z.output<typeof scoreFiltersSchema>;
export const defaultScoreFilters: ScoreFilters = scoreFiltersSchema.parse({});

/**
 * Reads filters strictly: `{ok: false}` names every bad or unknown key, and carries the filters that could be read
 * (the bad keys left out, the others kept) for a page that shows what it can.
 */
export function parseScoreFilters(params: ParamSource): { ok: true; filters: ScoreFilters } | { ok: false; error: string; filters: ScoreFilters } {
  const record = toRecord(params);
  const parsed = parseRequest(scoreFiltersSchema, record, "The scorecard");
  if (parsed.success) return { ok: true, filters: parsed.data };
  const issues = parsed.error.issues;
  const bad = new Set(issues.flatMap((i) => (i.code === "unrecognized_keys" ? i.keys : [String(i.path[0])])));
  const rest = scoreFiltersSchema.safeParse(Object.fromEntries(Object.entries(record).filter(([k]) => !bad.has(k))));
  return {
    ok: false,
    error: issuesText(parsed.error),
    filters: rest.success ? rest.data : defaultScoreFilters,
  };
}

/** The filters as URL query text, leaving out defaults, for links, the CSV export and shares. */
export function scoreQuery(f: ScoreFilters): string {
  const q = new URLSearchParams();
  if (f.source !== "live") q.set("source", f.source);
  if (f.period !== "30d") q.set("period", f.period);
  for (const key of ["family", "size", "steps", "from", "to"] as const) {
    const v = f[key];
    if (v !== undefined) q.set(key, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : "";
}

/** The instants the scorecard covers: `from`/`to` (UTC days, `to` inclusive) override the period. */
export function scoreRange(f: ScoreFilters, now = Date.now()): { start: Date | null; end: Date | null } {
  const dayStart = (d: string) => new Date(`${d}T00:00:00.000Z`);
  if (f.from || f.to) {
    return {
      start: f.from ? dayStart(f.from) : null,
      end: f.to ? new Date(dayStart(f.to).getTime() + 86_400_000) : null,
    };
  }
  const days = periodDays[f.period];
  return { start: days === null ? null : new Date(now - days * 86_400_000), end: null };
}

/** "last 30 days", "2026-11-01 to 2026-11-30", "all time". */
export function describeRange(f: ScoreFilters): string {
  if (f.from || f.to) return `${f.from ?? "the start"} to ${f.to ?? "today"}`;
  return f.period === "all" ? "all time" : `last ${{ "7d": "7 days", "30d": "30 days", "90d": "90 days", "1y": "year" }[f.period]}`;
}
