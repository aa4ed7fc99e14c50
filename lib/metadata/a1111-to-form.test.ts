import { describe, expect, it } from "vitest";
import { providers } from "@/lib/providers";
import { parseA1111 } from "./a1111";
import { applyExtraKeys, applySamplers, applySharedValues, givenRoles, parseForField, safeSeed, type A1111State } from "./a1111-to-form";
import { describeSchema } from "@/lib/params/describe";
import { fieldsByRole } from "@/lib/params/roles";

const provider = providers.segmind;
const model = provider.models[0]!;

function state(): A1111State {
  return {
    target: { provider, model },
    roles: fieldsByRole(model.schema),
    descriptors: describeSchema(model.schema),
    input: { ...model.defaults },
    unused: [],
    adjustments: [],
    used: 0,
  };
}

const infotext = (params: string) => `a lighthouse\nNegative prompt: fog\n${params}`;

describe("A1111 mapping steps", () => {
  it("safeSeed refuses a seed past 2^53 and says why", () => {
    const s = state();
    expect(safeSeed(s, "18446744073709551615")).toBeUndefined();
    expect(s.unused[0]).toMatchObject({ key: "Seed", reason: "too large for this model's seed field" });
    expect(safeSeed(s, "42")).toBe(42);
  });

  it("givenRoles lists only what the image carries", () => {
    const p = parseA1111(infotext("Steps: 20, Seed: 7"));
    expect([...givenRoles(p, 7)].sort()).toEqual(["negativePrompt", "prompt", "seed", "steps"]);
  });

  it("applySharedValues writes the carried roles through the comparison mapping", () => {
    const s = state();
    applySharedValues(s, parseA1111(infotext("Steps: 20, Seed: 7, Size: 1344x768")));
    expect(s.input).toMatchObject({ prompt: "a lighthouse", negative_prompt: "fog", steps: 20, seed: 7 });
    expect(s.input.aspect_ratio).toBe("16:9 landscape 1344x768");
    expect(s.used).toBe(5);
  });

  it("applySamplers names a sampler the model has no equivalent for", () => {
    const s = state();
    applySamplers(s, parseA1111(infotext("Sampler: Nonexistent Sampler")));
    expect(s.unused[0]).toMatchObject({ key: "Sampler", reason: "no equivalent in Segmind's list" });
  });

  it("applyExtraKeys sets a field named by its label and lists the rest", () => {
    const s = state();
    applyExtraKeys(s, parseA1111(infotext("Steps: 20, Output format: png, Mystery: 1")));
    expect(s.input.image_format).toBe("png");
    expect(s.unused).toEqual([{ key: "Mystery", value: "1", reason: "no such setting on this model" }]);
  });

  it("parseForField reads switches and numbers", () => {
    const [first] = describeSchema(model.schema).filter((d) => d.widget === "slider");
    expect(parseForField("12", first!)).toBe(12);
    expect(parseForField("many", first!)).toBeUndefined();
  });
});
