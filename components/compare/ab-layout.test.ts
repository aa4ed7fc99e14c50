import { describe, expect, it } from "vitest";
import { abBoxes } from "./ab-layout";

const square = { width: 1024, height: 1024 };
const wide = { width: 1344, height: 768 };

describe("abBoxes", () => {
  it("side by side, each image's box has its own ratio, so neither is letterboxed to the other's", () => {
    const { sides } = abBoxes(square, wide);
    expect(sides[0]).toEqual({ aspectRatio: "1024 / 1024", width: "min(100%, calc(80dvh * 1))" });
    expect(sides[1]).toEqual({ aspectRatio: "1344 / 768", width: "min(100%, calc(80dvh * 1.75))" });
    expect(abBoxes(wide, square).sides[1]!.aspectRatio).toBe("1024 / 1024");
  });

  it("the slider's one box fits both at its full width, whichever is A: as tall as the taller image", () => {
    expect(abBoxes(square, wide).slider).toEqual(abBoxes(square, square).sides[0]);
    expect(abBoxes(wide, square).slider).toEqual(abBoxes(square, wide).slider);
    expect(abBoxes(wide, wide).slider.aspectRatio).toBe("1344 / 768");
  });

  it("a size not known reserves a square", () => {
    expect(abBoxes({ width: 0, height: 0 }, wide).sides[0]).toEqual({ aspectRatio: "1 / 1", width: "min(100%, calc(80dvh * 1))" });
  });
});
