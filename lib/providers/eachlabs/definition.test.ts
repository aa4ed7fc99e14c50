import { describe, expect, it } from "vitest";
import { fieldMeta } from "@/lib/providers/types";
import { eachlabs } from "./definition";

const model = eachlabs.models[0]!;
const accepts = (key: string, value: unknown) => model.schema.safeParse({ ...model.defaults, [key]: value }).success;

describe("eachlabs definition", () => {
  it("has one SD3.5 Large model whose defaults are the documented ones and parse", () => {
    expect(eachlabs.models.map((m) => [m.id, m.family])).toEqual([
      ["stable-diffusion-3.5-large", "sd3.5-large"],
      ["stable-diffusion-3.5-large-turbo", "sd3.5-large-turbo"],
      ["stable-diffusion-3.5-medium", "sd3.5-medium"],
    ]);
    expect(model.defaults).toMatchObject({
      aspect_ratio: "1:1",
      cfg: 3.5,
      steps: 35,
      output_format: "webp",
      output_quality: 90,
      prompt_strength: 0.85,
    });
    expect(model.schema.safeParse(model.defaults).success).toBe(true);
  });

  it("gives every field its UI hints, and the seed the seed widget", () => {
    for (const [key, schema] of Object.entries(model.schema.shape)) {
      const meta = fieldMeta.get(schema);
      expect(meta, key).toBeDefined();
      expect(meta?.label, key).toBeTruthy();
    }
    expect(fieldMeta.get(model.schema.shape.seed!)).toMatchObject({ widget: "seed", role: "seed" });
    expect(fieldMeta.get(model.schema.shape.image!)).toMatchObject({ widget: "image", role: "image" });
    expect(fieldMeta.get(model.schema.shape.aspect_ratio!)).toMatchObject({ group: "size", role: "aspectRatio" });
    expect(fieldMeta.get(model.schema.shape.prompt_strength!)).toMatchObject({ group: "advanced" });
    expect(model.schema.shape.negative_prompt).toBeUndefined();
  });

  it.each([
    ["cfg", [0, 20], [-0.1, 20.1]],
    ["steps", [1, 50], [0, 51, 1.5]],
    ["output_quality", [0, 100], [-1, 101, 90.5]],
    ["prompt_strength", [0, 1], [-0.01, 1.01]],
    ["seed", [0, Number.MAX_SAFE_INTEGER, undefined], [-1, Number.MAX_SAFE_INTEGER + 2, 1.5]],
  ] as const)("%s accepts its bounds and rejects one step past them", (key, good, bad) => {
    for (const v of good) expect(accepts(key, v), `${key}=${v}`).toBe(true);
    for (const v of bad) expect(accepts(key, v), `${key}=${v}`).toBe(false);
  });

  it("takes a required prompt of up to 10,000 characters (no limit is documented)", () => {
    expect(accepts("prompt", "x".repeat(10_000))).toBe(true);
    expect(accepts("prompt", "x".repeat(10_001))).toBe(false);
    expect(accepts("prompt", "   ")).toBe(false);
    expect(accepts("prompt", undefined)).toBe(false);
  });

  it("takes exactly the documented enums", () => {
    for (const ar of ["1:1", "16:9", "21:9", "3:2", "2:3", "4:5", "5:4", "3:4", "4:3", "9:16", "9:21"]) {
      expect(accepts("aspect_ratio", ar), ar).toBe(true);
    }
    expect(accepts("aspect_ratio", "2:1")).toBe(false);
    for (const f of ["webp", "jpg", "png"]) expect(accepts("output_format", f), f).toBe(true);
    expect(accepts("output_format", "jpeg")).toBe(false);
  });

  it("takes an input image as an https URL or a base64 data URL of up to 10 MB", () => {
    expect(accepts("image", "https://cdn.example.com/cat.png")).toBe(true);
    expect(accepts("image", "data:image/png;base64,iVBORw0KGgo=")).toBe(true);
    expect(accepts("image", "")).toBe(true); // an empty upload field means no image
    expect(accepts("image", undefined)).toBe(true);
    expect(accepts("image", "http://cdn.example.com/cat.png")).toBe(false);
    expect(accepts("image", "your_file.image/jpeg")).toBe(false);
    expect(accepts("image", "data:text/plain;base64,aGVsbG8=")).toBe(false);
    // 10 MiB = 3495253 groups of 3 bytes + 1 byte ("AA==").
    const tenMb = "A".repeat(3495253 * 4) + "AA==";
    expect(accepts("image", `data:image/png;base64,${tenMb}`)).toBe(true);
    expect(accepts("image", `data:image/png;base64,${tenMb.slice(0, -4)}AAA=`)).toBe(false);
  });
});
