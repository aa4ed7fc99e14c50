import { describe, expect, it } from "vitest";
import { MAX_IMAGE_BYTES } from "@/lib/limits";
import { stability } from "./stability/definition";
import { replicate } from "./replicate/definition";

/** A base64 PNG data URL whose payload decodes to exactly `bytes` bytes. */
function pngOf(bytes: number): string {
  return `data:image/png;base64,${Buffer.alloc(bytes, 7).toString("base64")}`;
}

// The two input-image fields, each as a person meets it: the whole form with only the image changed.
const forms = [
  ["Stability", stability.models.find((m) => m.id === "sd3.5-large")!],
  ["Replicate", replicate.models[0]!],
] as const;

describe.each(forms)("the %s input image", (_, model) => {
  const messages = (image: unknown) => {
    const parsed = model.schema.safeParse({ ...model.defaults, image, ...("strength" in model.schema.shape ? { strength: 0.5 } : {}) });
    return parsed.success ? [] : parsed.error.issues.filter((i) => i.path[0] === "image").map((i) => i.message);
  };

  it("takes no image, and an upload of exactly 10 MB, and one or two padding characters", () => {
    expect(messages(undefined)).toEqual([]);
    expect(messages("")).toEqual([]);
    expect(messages(pngOf(MAX_IMAGE_BYTES))).toEqual([]);
    expect(messages(pngOf(MAX_IMAGE_BYTES - 1))).toEqual([]);
    expect(messages(pngOf(MAX_IMAGE_BYTES - 2))).toEqual([]);
  });

  it("refuses one byte more than 10 MB, and anything far larger, in words", () => {
    expect(messages(pngOf(MAX_IMAGE_BYTES + 1))).toEqual(["The image must be at most 10 MB."]);
    expect(messages(pngOf(MAX_IMAGE_BYTES * 2))).toContain("The image must be at most 10 MB.");
  });

  it("refuses text that is not an image it takes", () => {
    expect(messages("data:text/plain;base64,aGVsbG8=")).toHaveLength(1);
    expect(messages("ftp://example.com/a.png")).toHaveLength(1);
  });
});
