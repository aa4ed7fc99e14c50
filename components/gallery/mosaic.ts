/**
 * How a gallery tile lays out several thumbnails so they always fill the square: one fills it, two sit side by side,
 * three put the first in a tall left half, four and more make 2×2, nine and more 3×3 (a grid's first cells). Never
 * a fixed 2×2 or 3×3 with empty cells, which left half a tile dark, or one tiny thumbnail in a corner, on phones.
 */
export interface Mosaic {
  /** How many thumbnails to show. */
  count: number;
  /** Classes for the grid container. */
  grid: string;
  /** Classes for the thumbnail at `index`. */
  cell: (index: number) => string;
}

export function mosaic(available: number, max: 4 | 9 = 4): Mosaic {
  const count = available >= 9 && max === 9 ? 9 : Math.min(available, 4);
  const base = "grid h-full w-full gap-px";
  if (count <= 1) return { count, grid: `${base} grid-cols-1 grid-rows-1`, cell: () => "" };
  if (count === 2) return { count, grid: `${base} grid-cols-2 grid-rows-1`, cell: () => "" };
  if (count === 3) return { count, grid: `${base} grid-cols-2 grid-rows-2`, cell: (i) => (i === 0 ? "row-span-2" : "") };
  if (count === 4) return { count, grid: `${base} grid-cols-2 grid-rows-2`, cell: () => "" };
  return { count, grid: `${base} grid-cols-3 grid-rows-3`, cell: () => "" };
}
