import { describe, expect, it } from "vitest";
import type { RunDTO } from "@/lib/db/dto";
import { removeRunsFromPages, type GalleryData } from "./gallery-cache";

const run = (id: string) => ({ id }) as RunDTO;
const data = (pages: [string[], string | null][]): GalleryData => ({
  pages: pages.map(([ids, nextCursor]) => ({ items: ids.map(run), nextCursor })),
  pageParams: [null, ...pages.slice(0, -1).map(([, c]) => c)],
});
const shape = (d: GalleryData) => d.pages.map((p) => [p.items.map((r) => r.id), p.nextCursor]);

describe("removing deleted runs from loaded pages", () => {
  it("keeps each page's cursor on a run that still exists", () => {
    const before = data([
      [["a", "b", "c"], "c"],
      [["d", "e", "f"], "f"],
    ]);
    expect(shape(removeRunsFromPages(before, new Set(["c", "f"])))).toEqual([
      [["a", "b"], "b"],
      [["d", "e"], "e"],
    ]);
  });

  it("an emptied page continues from the last run before it; the end stays the end", () => {
    const before = data([
      [["a", "b"], "b"],
      [["c", "d"], "d"],
      [["e"], null],
    ]);
    expect(shape(removeRunsFromPages(before, new Set(["c", "d", "e"])))).toEqual([
      [["a", "b"], "b"],
      [[], "b"],
      [[], null],
    ]);
  });
});
