import { describe, expect, it } from "vitest";
import { keepPicked } from "./overrides";

describe("a target's own settings when the picked targets change", () => {
  it("are dropped when the target is taken off, so picking it again sends its defaults, as its fields show", () => {
    const edited = { "segmind/sd35": { sampler: "dpmpp_2m" }, "fal/sd35": { enable_safety_checker: false } };
    // Unticked: Segmind's sampler edit must not be sent when it is ticked again with fields showing "euler".
    const afterUntick = keepPicked(edited, ["fal/sd35"]);
    expect(afterUntick).toEqual({ "fal/sd35": { enable_safety_checker: false } });
    expect(keepPicked(afterUntick, ["fal/sd35", "segmind/sd35"])["segmind/sd35"]).toBeUndefined();
  });

  it("a family pick keeps the settings of the targets it picks again", () => {
    const edited = { "fal/sd35": { enable_safety_checker: false }, "fal/sd35-medium": { enable_safety_checker: false } };
    expect(keepPicked(edited, ["fal/sd35", "aimlapi/sd35"])).toEqual({ "fal/sd35": { enable_safety_checker: false } });
    expect(keepPicked(edited, ["fal/sd35", "fal/sd35-medium"])).toBe(edited);
  });
});
