import { describe, expect, it } from "vitest";
import { fieldMeta } from "@/lib/providers/types";
import { MAX_SEED, stability } from "./definition";

const large = stability.models.find((m) => m.id === "sd3.5-large")!;
const accepts = (key: string, value: unknown, extra: Record<string, unknown> = {}) =>
  large.schema.safeParse({ ...large.defaults, ...extra, [key]: value }).success;

describe("stability definition", () => {
  it("offers the three SD3.5 models and the three SD3 ids the API documents, each with defaults that parse", () => {
    expect(stability.models.map((m) => [m.id, m.family])).toEqual([
      ["sd3.5-large", "sd3.5-large"],
      ["sd3.5-large-turbo", "sd3.5-large-turbo"],
      ["sd3.5-medium", "sd3.5-medium"],
      ["sd3-large", "sd3-large"],
      ["sd3-large-turbo", "sd3-large-turbo"],
      ["sd3-medium", "sd3-medium"],
    ]);
    for (const m of stability.models) {
      expect(m.schema.safeParse(m.defaults).success, m.id).toBe(true);
      expect(m.defaults).toMatchObject({ aspect_ratio: "1:1", output_format: "png", seed: 0 });
    }
  });

  it("gives every field its UI hints; sd3-large-turbo has no negative prompt", () => {
    for (const m of stability.models) {
      for (const [key, schema] of Object.entries(m.schema.shape)) expect(fieldMeta.get(schema)?.label, `${m.id}.${key}`).toBeTruthy();
    }
    expect(fieldMeta.get(large.schema.shape.aspect_ratio!)).toMatchObject({ role: "aspectRatio", group: "size" });
    expect(large.schema.shape.width).toBeUndefined();
    expect(stability.models.find((m) => m.id === "sd3-large-turbo")!.schema.shape.negative_prompt).toBeUndefined();
    expect(large.schema.shape.negative_prompt).toBeDefined();
  });

  it.each([
    ["cfg_scale", [1, 10, undefined], [0.9, 10.1]],
    ["seed", [0, MAX_SEED, undefined], [-1, MAX_SEED + 1, 1.5]],
    ["strength", [0, 1], [-0.01, 1.01]],
  ] as const)("%s accepts its bounds and rejects one step past them", (key, good, bad) => {
    for (const v of good) expect(accepts(key, v), `${key}=${v}`).toBe(true);
    for (const v of bad) expect(accepts(key, v), `${key}=${v}`).toBe(false);
  });

  it("takes a prompt of 1 to 10,000 characters", () => {
    expect(accepts("prompt", "x".repeat(10_000))).toBe(true);
    expect(accepts("prompt", "x".repeat(10_001))).toBe(false);
    expect(accepts("prompt", " ")).toBe(false);
    expect(accepts("negative_prompt", "x".repeat(10_000))).toBe(true);
    expect(accepts("negative_prompt", "x".repeat(10_001))).toBe(false);
  });

  it("takes exactly the documented aspect ratios and formats (no webp on /sd3)", () => {
    for (const ar of ["21:9", "16:9", "3:2", "5:4", "1:1", "4:5", "2:3", "9:16", "9:21"]) expect(accepts("aspect_ratio", ar), ar).toBe(true);
    expect(accepts("aspect_ratio", "4:3")).toBe(false);
    expect(accepts("output_format", "jpeg")).toBe(true);
    expect(accepts("output_format", "webp")).toBe(false);
  });

  it("takes an uploaded image, which needs a strength", () => {
    const image = "data:image/png;base64,iVBORw0KGgo=";
    expect(accepts("image", image)).toBe(true);
    expect(accepts("image", "")).toBe(true);
    expect(accepts("image", "https://cdn.example.com/cat.png")).toBe(false);
    const missing = large.schema.safeParse({ ...large.defaults, image, strength: undefined });
    expect(missing.success).toBe(false);
    expect(missing.error?.issues[0]?.path).toEqual(["strength"]);
  });
});
