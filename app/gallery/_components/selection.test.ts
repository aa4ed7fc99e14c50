import { describe, expect, it } from "vitest";
import { applySelectionClick } from "./selection";

const ids = ["a", "b", "c", "d", "e"];

describe("gallery selection", () => {
  it("toggles one item per click", () => {
    const one = applySelectionClick(ids, new Set(), null, 1, false);
    expect([...one]).toEqual(["b"]);
    expect([...applySelectionClick(ids, one, 1, 1, false)]).toEqual([]);
  });

  it("shift-click selects the range from the last click, in either direction", () => {
    expect([...applySelectionClick(ids, new Set(["b"]), 1, 3, true)].sort()).toEqual(["b", "c", "d"]);
    expect([...applySelectionClick(ids, new Set(["d"]), 3, 0, true)].sort()).toEqual(["a", "b", "c", "d"]);
  });

  it("shift-click on a selected item clears the range; without an anchor it acts alone", () => {
    expect([...applySelectionClick(ids, new Set(["a", "b", "c", "d"]), 0, 2, true)]).toEqual(["d"]);
    expect([...applySelectionClick(ids, new Set(), null, 4, true)]).toEqual(["e"]);
  });
});
