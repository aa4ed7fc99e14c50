import { describe, expect, it } from "vitest";
import { humanErrorMap } from "@/lib/forms/human-errors";
import { deepinfra } from "./definition";

const model = deepinfra.models[0]!;
const accepts = (key: string, value: unknown) => model.schema.safeParse({ ...model.defaults, [key]: value }).success;

describe("deepinfra definition", () => {
  it("offers SD3.5 Large and Medium with the documented defaults", () => {
    expect(deepinfra.models.map((m) => [m.id, m.family])).toEqual([
      ["stabilityai/sd3.5", "sd3.5-large"],
      ["stabilityai/sd3.5-medium", "sd3.5-medium"],
    ]);
    expect(model.defaults).toMatchObject({ num_inference_steps: 35, guidance_scale: 7, aspect_ratio: "1:1", num_images: 1 });
    for (const m of deepinfra.models) expect(m.schema.safeParse(m.defaults).success).toBe(true);
  });

  it.each([
    ["num_inference_steps", [1, 50], [0, 51, 2.5]],
    ["guidance_scale", [0, 20], [-0.1, 20.1]],
    ["num_images", [1, 4], [0, 5]],
    ["seed", [0, Number.MAX_SAFE_INTEGER, undefined, "9007199254740993", "12345678901234567891", "18446744073709551615"], [-1, 0.5, "18446744073709551616", "-1", "1e3", " 5", 2 ** 64]],
    ["aspect_ratio", ["1:1", "16:9", "21:9", "3:2", "2:3", "4:5", "5:4", "9:16", "9:21"], ["3:4", "4:3", "custom"]],
  ] as const)("%s accepts its bounds and rejects one step past them", (key, good, bad) => {
    for (const v of good) expect(accepts(key, v), `${key}=${v}`).toBe(true);
    for (const v of bad) expect(accepts(key, v), `${key}=${v}`).toBe(false);
  });

  it("says the seed's exact range, to the last digit, when one is past it", () => {
    const r = model.schema.safeParse({ ...model.defaults, seed: "18446744073709551616" }, { error: humanErrorMap(model.schema) });
    expect(r.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["seed", "Seed must be between 0 and 18446744073709551615"]]);
  });
});
