import { z } from "zod";
import { issuesText, parseRequest } from "@/lib/forms/request-errors";
import {
  galleryStatuses,
  isCalendarDay,
  maxQueryLength,
  modelPattern,
  providerPattern,
  toRecord,
  type GalleryFilters,
  type ParamSource,
} from "./url-filters";

/**
 * The strict reading of gallery filters, for the API (a malformed filter is a 400). Everything else about filters
 * (types, the lenient page reader, URLs, date presets) lives in ./url-filters.ts, which the browser loads without zod.
 */
export * from "./url-filters";

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v ? v : undefined));

// Named in the message: with both ends given, "Expected a date" alone does not say which one is wrong.
const optionalDay = (key: string) =>
  z
    .string()
    .refine((v) => v === "" || isCalendarDay(v), `\`${key}\` must be a date as YYYY-MM-DD.`)
    .optional()
    .transform((v) => (v ? v : undefined));

/** A date range that ends before it starts is refused, on `to`: it can match nothing, so it was typed the wrong way round. */
export function rangeInOrder(f: { from?: string; to?: string }, ctx: z.RefinementCtx) {
  if (f.from && f.to && f.to < f.from) ctx.addIssue({ code: "custom", path: ["to"], message: `\`to\` (${f.to}) is before \`from\` (${f.from}).` });
}

// One schema per URL key; `fav` is the URL spelling of `favorite`.
export const galleryQuerySchema = z
  .object({
    q: optionalText(maxQueryLength),
    provider: z
      .string()
      .regex(providerPattern)
      .optional()
      .transform((v) => (v ? v : undefined)),
    model: z
      .string()
      .regex(modelPattern)
      .optional()
      .transform((v) => (v ? v : undefined)),
    // An empty value is no filter, for every key (a script's `status=${s ?? ""}`, a form's empty date field).
    status: z.preprocess((v) => (v === "" ? undefined : v), z.enum(galleryStatuses).optional()),
    fav: z
      .enum(["1", "0", ""])
      .optional()
      .transform((v) => (v === "1" ? true : undefined)),
    from: optionalDay("from"),
    to: optionalDay("to"),
  })
  .superRefine(rangeInOrder);

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

/** Reads filters strictly (for the API): `{ok: false}` names the first bad key. */
export function parseGalleryFiltersStrict(params: ParamSource): { ok: true; filters: GalleryFilters } | { ok: false; error: string } {
  const parsed = parseRequest(galleryQuerySchema, toRecord(params), "The gallery");
  if (!parsed.success) return { ok: false, error: issuesText(parsed.error) };
  return { ok: true, filters: fromParsed(parsed.data) };
}

