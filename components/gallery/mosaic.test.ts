import { describe, expect, it } from "vitest";
import { mosaic } from "./mosaic";

/** Rows × columns the container declares, and the cells the shown thumbnails cover. */
function coverage(available: number, max: 4 | 9 = 4) {
  const m = mosaic(available, max);
  const cols = Number(/grid-cols-(\d)/.exec(m.grid)![1]);
  const rows = Number(/grid-rows-(\d)/.exec(m.grid)![1]);
  const covered = Array.from({ length: m.count }, (_, i) => (m.cell(i).includes("row-span-2") ? 2 : 1)).reduce((a, b) => a + b, 0);
  return { count: m.count, cells: cols * rows, covered };
}

describe("gallery tile mosaic", () => {
  it("fills every cell of the tile, whatever the number of thumbnails", () => {
    for (const max of [4, 9] as const) {
      for (let n = 1; n <= 12; n++) {
        const c = coverage(n, max);
        expect(c.covered, `${n} thumbnails, up to ${max}`).toBe(c.cells);
      }
    }
  });

  it("shows up to four thumbnails, or nine for a grid that has them", () => {
    expect(coverage(2).count).toBe(2);
    expect(coverage(3).count).toBe(3);
    expect(coverage(7).count).toBe(4);
    expect(coverage(7, 9).count).toBe(4);
    expect(coverage(12, 9).count).toBe(9);
  });
});
