/**
 * Day and month boundaries in the budget's time zone (BUDGET_TIME_ZONE, an IANA name), as instants. Intl knows the
 * zone's rules, so a day across a daylight-saving change is 23 or 25 hours long, as it is for the person.
 */

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function wallClock(at: Date, timeZone: string): WallClock {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(at).map((p) => [p.type, Number(p.value)]));
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute!, second: parts.second! };
}

/** How far the zone's wall clock is ahead of UTC at `at`, in ms. */
function offsetAt(at: number, timeZone: string): number {
  const w = wallClock(new Date(at), timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(at / 1000) * 1000;
}

/**
 * The instant the zone's wall clock reads midnight on this date (the offset is looked up twice: it may change that
 * day). Where the clocks skip midnight (Santiago, Beirut), the day begins at its first instant, 01:00.
 */
function midnight(year: number, month: number, day: number, timeZone: string): Date {
  const wall = Date.UTC(year, month - 1, day);
  const first = wall - offsetAt(wall, timeZone);
  const second = wall - offsetAt(first, timeZone);
  return new Date(wallClock(new Date(second), timeZone).day === day ? second : first);
}

/** Whether `timeZone` is a zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** When the current day and month began in `timeZone`. */
export function periodStarts(now: Date, timeZone: string): { day: Date; month: Date } {
  const w = wallClock(now, timeZone);
  return { day: midnight(w.year, w.month, w.day, timeZone), month: midnight(w.year, w.month, 1, timeZone) };
}
