import { describe, expect, it } from "vitest";
import { parseScoreFilters } from "@/lib/scores/filters";
import {
  dayRangeToInstants,
  filtersToSearchParams,
  hasActiveFilters,
  parseGalleryFilters,
  parseGalleryFiltersStrict,
  presetOf,
  presetRange,
} from "./filters";

describe("gallery filters in the URL", () => {
  it("round-trips every filter through the query string", () => {
    const f = { q: "a lighthouse", provider: "segmind", model: "stable-diffusion-3.5-large-txt2img", status: "failed" as const, favorite: true, from: "2026-11-01", to: "2026-11-21" };
    const qs = filtersToSearchParams(f).toString();
    expect(qs).toBe("q=a+lighthouse&provider=segmind&model=stable-diffusion-3.5-large-txt2img&status=failed&fav=1&from=2026-11-01&to=2026-11-21");
    expect(parseGalleryFilters(new URLSearchParams(qs))).toEqual(f);
    expect(parseGalleryFiltersStrict(new URLSearchParams(qs))).toEqual({ ok: true, filters: f });
  });

  it("drops bad values on a page but rejects them in the API", () => {
    const bad = { q: "  ", status: "exploded", from: "2026-02-30", fav: "yes", provider: "Seg mind", to: ["2026-01-02", "x"] };
    expect(parseGalleryFilters(bad)).toEqual({ to: "2026-01-02" });
    const strict = parseGalleryFiltersStrict(new URLSearchParams({ status: "exploded" }));
    expect(strict.ok).toBe(false);
    // The API's message names the date that is wrong, not just "a date".
    expect(parseGalleryFiltersStrict(new URLSearchParams({ from: "2026-11-01", to: "2026-11-31" }))).toEqual({ ok: false, error: "`to` must be a date as YYYY-MM-DD." });
    expect(parseGalleryFiltersStrict(new URLSearchParams({ from: "yesterday" }))).toEqual({ ok: false, error: "`from` must be a date as YYYY-MM-DD." });
    expect(parseGalleryFiltersStrict(new URLSearchParams({ q: "", fav: "0" }))).toEqual({ ok: true, filters: {} });
    // An empty value is no filter for every key, as on the page: `status=` or an empty date is not a 400.
    const empty = new URLSearchParams({ q: "", provider: "", model: "", status: "", fav: "", from: "", to: "" });
    expect(parseGalleryFiltersStrict(empty)).toEqual({ ok: true, filters: {} });
    expect(parseGalleryFilters(empty)).toEqual({});
    expect(hasActiveFilters({})).toBe(false);
    expect(hasActiveFilters({ favorite: true })).toBe(true);
  });

  it("refuses a date range that ends before it starts, in the gallery's API and the scorecard, naming both days", () => {
    const backwards = new URLSearchParams({ from: "2026-11-30", to: "2026-11-01" });
    expect(parseGalleryFiltersStrict(backwards)).toEqual({ ok: false, error: "`to` (2026-11-01) is before `from` (2026-11-30)." });
    // The scorecard shows what it can: the start kept, the end that contradicts it left out.
    const scores = parseScoreFilters(backwards);
    expect(scores).toMatchObject({ ok: false, error: "`to` (2026-11-01) is before `from` (2026-11-30).", filters: { from: "2026-11-30" } });
    expect(scores.filters.to).toBeUndefined();
    const sameDay = new URLSearchParams({ from: "2026-11-30", to: "2026-11-30" });
    expect(parseGalleryFiltersStrict(sameDay)).toEqual({ ok: true, filters: { from: "2026-11-30", to: "2026-11-30" } });
    expect(parseScoreFilters(sameDay).ok).toBe(true);
  });

  it("turns presets into from-dates and back", () => {
    const now = new Date(2026, 10, 21, 15, 30);
    expect(presetRange("all", now)).toEqual({});
    expect(presetRange("today", now)).toEqual({ from: "2026-11-21" });
    expect(presetRange("7d", now)).toEqual({ from: "2026-11-15" });
    expect(presetRange("30d", now)).toEqual({ from: "2026-10-23" });
    expect(presetOf({ from: "2026-11-15" }, now)).toBe("7d");
    expect(presetOf({ from: "2026-11-15", to: "2026-11-21" }, now)).toBe("7d");
    expect(presetOf({ from: "2026-11-14" }, now)).toBe("custom");
    expect(presetOf({ to: "2026-11-01" }, now)).toBe("custom");
    expect(presetOf({}, now)).toBe("all");
  });

  it("makes both ends of a day range inclusive", () => {
    const utc = (day: string) => new Date(`${day}T00:00:00Z`);
    expect(dayRangeToInstants({ from: "2026-02-28", to: "2026-02-28" }, utc)).toEqual({
      start: new Date("2026-02-28T00:00:00Z"),
      end: new Date("2026-03-01T00:00:00Z"),
    });
    expect(dayRangeToInstants({}, utc)).toEqual({ start: undefined, end: undefined });
  });
});
