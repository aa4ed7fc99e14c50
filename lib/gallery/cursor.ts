/**
 * A page's cursor (the gallery's runs, `GET /api/generations`): the last item's place in (createdAt, id) order, carried
 * in the cursor itself (`<createdAt ISO>~<id>`), so the next page starts in the right place even when that item has
 * been deleted since (in another tab, or by a teammate). A bare id (the older form) is still read, through its row.
 */

const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)~(.+)$/;

export type RunCursor = { createdAt: Date; id: string } | { createdAt?: undefined; id: string };

export function runCursor(run: { id: string; createdAt: string }): string {
  return `${new Date(run.createdAt).toISOString()}~${run.id}`;
}

/** The place a cursor marks: its time and run id, or (the older form) only the run id. */
export function parseRunCursor(cursor: string): RunCursor {
  const m = CURSOR.exec(cursor);
  return m && !Number.isNaN(Date.parse(m[1]!)) ? { createdAt: new Date(m[1]!), id: m[2]! } : { id: cursor };
}
