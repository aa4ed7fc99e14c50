import { describe, expect, it } from "vitest";
import { isTimeZone, periodStarts } from "./periods";

const at = (iso: string) => new Date(iso);

describe("periodStarts", () => {
  it("uses UTC midnights by default", () => {
    expect(periodStarts(at("2026-11-30T08:00:00Z"), "UTC")).toEqual({ day: at("2026-11-30T00:00:00Z"), month: at("2026-11-01T00:00:00Z") });
  });

  it("follows Berlin across the spring change: the 29th of March 2026 is 23 hours long", () => {
    const dstDay = periodStarts(at("2026-03-29T10:00:00Z"), "Europe/Berlin");
    // Midnight before the change is CET (UTC+1); the month began in CET too.
    expect(dstDay).toEqual({ day: at("2026-03-28T23:00:00Z"), month: at("2026-02-28T23:00:00Z") });
    const next = periodStarts(at("2026-03-30T10:00:00Z"), "Europe/Berlin");
    // The next midnight is CEST (UTC+2).
    expect(next.day).toEqual(at("2026-03-29T22:00:00Z"));
    expect(next.day.getTime() - dstDay.day.getTime()).toBe(23 * 3600_000);
  });

  it("starts a new day and month at Berlin midnight at the end of October, an hour after UTC's", () => {
    // 23:30 on the 31st in Berlin (CET since the 25th): still October, a month that began in summer time.
    expect(periodStarts(at("2026-10-31T22:30:00Z"), "Europe/Berlin")).toEqual({
      day: at("2026-10-30T23:00:00Z"),
      month: at("2026-09-30T22:00:00Z"),
    });
    // 00:30 on the 1st of November in Berlin, while UTC still says October.
    expect(periodStarts(at("2026-10-31T23:30:00Z"), "Europe/Berlin")).toEqual({
      day: at("2026-10-31T23:00:00Z"),
      month: at("2026-10-31T23:00:00Z"),
    });
  });

  it("starts a day whose midnight the clocks skip at its first instant, not an hour into the day before", () => {
    // Santiago, 6 September 2026: clocks go from 00:00 (-04) to 01:00 (-03). 02:30 local is 05:30Z.
    expect(periodStarts(new Date("2026-09-06T05:30:00Z"), "America/Santiago").day.toISOString()).toBe("2026-09-06T04:00:00.000Z");
    // Beirut, 29 March 2026: clocks go from 00:00 (+02) to 01:00 (+03); the day began at 22:00Z the day before.
    expect(periodStarts(new Date("2026-03-29T06:00:00Z"), "Asia/Beirut").day.toISOString()).toBe("2026-03-28T22:00:00.000Z");
  });

  it("knows real zones from typos", () => {
    expect(isTimeZone("Europe/Berlin")).toBe(true);
    expect(isTimeZone("Europe/Berlim")).toBe(false);
  });
});
