import { describe, expect, it } from "vitest";
import { pickPair } from "./pair";

const gens = (...ids: string[]) => ids.map((id) => ({ id }));

describe("the pair view's two results", () => {
  it("are the picked ones while they exist", () => {
    const { a, b } = pickPair(gens("x", "y", "z"), "z", "x");
    expect([a.id, b.id]).toEqual(["z", "x"]);
  });

  it("never become the same result when the picked A is deleted", () => {
    // A was "x"; after deleting it, falling back to the first result would put "y" on both sides ("no differences").
    const { a, b } = pickPair(gens("y", "z"), "x", "y");
    expect([a.id, b.id]).toEqual(["z", "y"]);
  });

  it("never become the same result when the picked B is deleted", () => {
    const { a, b } = pickPair(gens("y", "z"), "y", "x");
    expect([a.id, b.id]).toEqual(["y", "z"]);
  });
});
