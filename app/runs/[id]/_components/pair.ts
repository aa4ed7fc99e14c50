/**
 * The two results the pair view shows for the picked ids. A pick that is gone (its target deleted) falls back to the
 * first result that is not the other side, so the view never compares a result with itself while two remain.
 */
export function pickPair<T extends { id: string }>(generations: readonly T[], aId: string, bId: string): { a: T; b: T } {
  const a = generations.find((g) => g.id === aId) ?? generations.find((g) => g.id !== bId) ?? generations[0]!;
  const b = generations.find((g) => g.id === bId) ?? generations.find((g) => g.id !== a.id) ?? a;
  return { a, b };
}
