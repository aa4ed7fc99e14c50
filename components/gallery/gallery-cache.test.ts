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
  it("drops them and keeps each page's cursor: it carries its own place, so loading more continues after it", () => {
    const before = data([
      [["a", "b", "c"], "t3~c"],
      [["d", "e", "f"], "t6~f"],
      [["g"], null],
    ]);
    expect(shape(removeRunsFromPages(before, new Set(["c", "d", "e", "f"])))).toEqual([
      [["a", "b"], "t3~c"],
      [[], "t6~f"],
      [["g"], null],
    ]);
  });
});
