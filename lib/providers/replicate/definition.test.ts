import { describe, expect, it } from "vitest";
import { replicate } from "./definition";

const byId = (id: string) => replicate.models.find((m) => m.id === id)!;
const accepts = (id: string, key: string, value: unknown) => {
  const m = byId(id);
  return m.schema.safeParse({ ...m.defaults, [key]: value }).success;
};

describe("replicate definition", () => {
  it("offers Large, Large Turbo and Medium with their documented defaults", () => {
    expect(replicate.models.map((m) => [m.id, m.family])).toEqual([
      ["stable-diffusion-3.5-large", "sd3.5-large"],
      ["stable-diffusion-3.5-large-turbo", "sd3.5-large-turbo"],
      ["stable-diffusion-3.5-medium", "sd3.5-medium"],
    ]);
    expect(byId("stable-diffusion-3.5-large").defaults).toMatchObject({ cfg: 3.5, steps: 35, output_quality: 90, aspect_ratio: "1:1", output_format: "webp" });
    expect(byId("stable-diffusion-3.5-large-turbo").defaults).toMatchObject({ cfg: 1 });
    expect(byId("stable-diffusion-3.5-medium").defaults).toMatchObject({ cfg: 5 });
    for (const m of replicate.models) expect(m.schema.safeParse(m.defaults).success, m.id).toBe(true);
  });

  it("lists each version's own fields", () => {
    const keys = (id: string) => Object.keys(byId(id).schema.shape).sort();
    expect(keys("stable-diffusion-3.5-large")).not.toContain("negative_prompt");
    expect(keys("stable-diffusion-3.5-large")).toEqual(expect.arrayContaining(["steps", "output_quality"]));
    for (const id of ["stable-diffusion-3.5-large-turbo", "stable-diffusion-3.5-medium"]) {
      expect(keys(id)).toContain("negative_prompt");
      expect(keys(id)).not.toContain("steps");
      expect(keys(id)).not.toContain("output_quality");
    }
  });

  it("needs no prompt strength: text-to-image does not use it, and with an image the provider applies its 0.85", () => {
    for (const m of replicate.models) {
      const rest = Object.fromEntries(Object.entries(m.defaults).filter(([key]) => key !== "prompt_strength"));
      expect(m.schema.safeParse(rest).success, m.id).toBe(true);
      expect(m.schema.safeParse({ ...rest, image: "https://x.test/a.png" }).success, m.id).toBe(true);
    }
  });

  it.each([
    ["stable-diffusion-3.5-large", "cfg", [0, 20], [-0.1, 20.1]],
    ["stable-diffusion-3.5-large", "steps", [1, 50], [0, 51, 1.5]],
    ["stable-diffusion-3.5-large", "output_quality", [0, 100], [-1, 101]],
    ["stable-diffusion-3.5-large-turbo", "cfg", [1, 10], [0.9, 10.1]],
    ["stable-diffusion-3.5-medium", "cfg", [1, 10], [0.9, 10.1]],
    ["stable-diffusion-3.5-medium", "prompt_strength", [0, 1], [-0.01, 1.01]],
    ["stable-diffusion-3.5-medium", "seed", [0, Number.MAX_SAFE_INTEGER], [-1, 1.5]],
    ["stable-diffusion-3.5-medium", "aspect_ratio", ["1:1", "9:21", "3:4"], ["2:1", "custom"]],
    ["stable-diffusion-3.5-medium", "output_format", ["webp", "jpg", "png"], ["jpeg", "gif"]],
  ] as const)("%s %s accepts its bounds and rejects one step past them", (id, key, good, bad) => {
    for (const v of good) expect(accepts(id, key, v), `${key}=${v}`).toBe(true);
    for (const v of bad) expect(accepts(id, key, v), `${key}=${v}`).toBe(false);
  });
});
