/**
 * Gallery selection rules, kept pure: a click toggles one item; a shift-click sets every item from the last clicked
 * one to this one to the state the clicked item takes.
 */
export function applySelectionClick(
  ids: readonly string[],
  selected: ReadonlySet<string>,
  anchor: number | null,
  index: number,
  shift: boolean,
): Set<string> {
  const next = new Set(selected);
  const id = ids[index];
  if (id === undefined) return next;
  const select = !selected.has(id);
  const [from, to] = shift && anchor !== null && anchor < ids.length ? [Math.min(anchor, index), Math.max(anchor, index)] : [index, index];
  for (let i = from; i <= to; i++) {
    const each = ids[i]!;
    if (select) next.add(each);
    else next.delete(each);
  }
  return next;
}
