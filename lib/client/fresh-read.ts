/**
 * A read (the gallery's pages, or one run) that does not undo a local edit. A star or a delete changes what is
 * shown at once, but a refresh (the poll of running items) already on its way may have read the rows before that
 * edit was saved; its answer would put the old star or the deleted item back on screen, for good once nothing runs
 * any more. `edits()` counts the edits made so far: when it moved while a read was on its way, the read is done again.
 * Null when the read failed or every attempt was overtaken (the edit itself re-arms the poll).
 */
export async function readUnlessOvertaken<T>(read: () => Promise<T>, edits: () => number, attempts = 3): Promise<T | null> {
  for (let i = 0; i < attempts; i++) {
    const before = edits();
    const value = await read().catch(() => null);
    if (value === null) return null;
    if (edits() === before) return value;
  }
  return null;
}

// Stars and deletes made in this tab from a run's own views (components/gallery/item-actions.tsx), by run id: the
// `edits()` of that run's poll (lib/client/api.ts useRun). The gallery grid counts its own in its state.
const runEdits = new Map<string, number>();

/** A star or a delete of this run was made here, or saved: a read of it already on its way may not hold it. */
export function runEdited(runId: string) {
  runEdits.set(runId, runEditCount(runId) + 1);
}

export function runEditCount(runId: string): number {
  return runEdits.get(runId) ?? 0;
}
