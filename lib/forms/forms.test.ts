import { describe, expect, it } from "vitest";
import { getModel } from "@/lib/providers";
import { sharedSchema } from "@/lib/compare/shared";
import { carryOver } from "./carry-over";
import { humanErrorMap } from "./human-errors";

const aiml = getModel("aimlapi", "stable-diffusion-v35-large")!;
const segmind = getModel("segmind", "stable-diffusion-3.5-large-txt2img")!;
const pipeline = getModel("imagepipeline", "sd3_5")!;

const messages = (schema: typeof aiml.schema, input: unknown) => {
  const r = schema.safeParse(input, { error: humanErrorMap(schema) });
  return r.success ? [] : r.error.issues.map((i) => i.message);
};

describe("humanErrorMap", () => {
  it("says a seed past the largest the field takes is too large, not too small", () => {
    const deepinfra = getModel("deepinfra", "stabilityai/sd3.5")!;
    expect(messages(deepinfra.schema, { ...deepinfra.defaults, prompt: "p", seed: "18446744073709551616" })).toContain("Seed must be between 0 and 18446744073709551615");
    const fal = getModel("fal", "fal-ai/stable-diffusion-v35-large")!;
    expect(messages(fal.schema, { ...fal.defaults, prompt: "p", seed: "9223372036854775808" })).toContain("Seed must be between 0 and 9223372036854775807");
    const segmind = getModel("segmind", "stable-diffusion-3.5-large-txt2img")!;
    expect(messages(segmind.schema, { ...segmind.defaults, prompt: "p", seed: 2 ** 60 })).toContain("Seed must be between -1 and 9007199254740991");
  });

  it("refuses a JSON number past 2^53 for a 64-bit seed rather than guess its lost digits, and asks for the digits", () => {
    const deepinfra = getModel("deepinfra", "stabilityai/sd3.5")!;
    expect(messages(deepinfra.schema, { ...deepinfra.defaults, prompt: "p", seed: 2 ** 60 }).join(" ")).toMatch(/past 9007199254740991.*send it as text of digits/);
  });

  it("words a range from the field's label and bounds", () => {
    expect(messages(aiml.schema, { ...aiml.defaults, num_inference_steps: 99 })).toContain("Steps must be between 1 and 50");
    expect(messages(segmind.schema, { ...segmind.defaults, steps: 5 })).toContain("Steps must be between 10 and 70");
  });
  it("asks for a prompt in words", () => {
    const out = messages(aiml.schema, { ...aiml.defaults, prompt: "" });
    expect(out.join(" ")).toMatch(/Write a prompt/);
    expect(out.join(" ")).not.toMatch(/Too (big|small)|expected/);
  });
  it("says how to send a number that came as text, such as a seed read back from the API", () => {
    expect(messages(segmind.schema, { ...segmind.defaults, prompt: "p", seed: "1097709629" })).toEqual(["Seed must be a number, not text: send 1097709629 without quotes"]);
    expect(messages(segmind.schema, { ...segmind.defaults, prompt: "p", seed: "lucky" })).toEqual(["Seed must be a number"]);
  });

  it("keeps a message written on the schema itself", () => {
    const r = sharedSchema.safeParse({ prompt: " ", size: "1:1" }, { error: humanErrorMap(sharedSchema) });
    expect(r.success ? [] : r.error.issues.map((i) => i.message)).toContain("Write a prompt.");
  });
});

describe("carryOver", () => {
  it("keeps prompt, negative prompt, seed and steps when switching provider", () => {
    const r = carryOver(
      { model: aiml, values: { ...aiml.defaults, prompt: "keep me", negative_prompt: "blurry", seed: 1234, num_inference_steps: 30 } },
      { providerLabel: "Segmind", model: segmind, stored: null },
    );
    expect(r.input).toMatchObject({ prompt: "keep me", negative_prompt: "blurry", seed: 1234, steps: 30 });
  });
  it("clamps a value the new model does not allow, and says so", () => {
    const r = carryOver(
      { model: aiml, values: { ...aiml.defaults, prompt: "p", num_inference_steps: 4 } },
      { providerLabel: "Segmind", model: segmind, stored: null },
    );
    expect(r.input.steps).toBe(10);
    expect(r.notes.join(" ")).toMatch(/10/);
  });
  it("names the seed when the new model takes none", () => {
    const r = carryOver(
      { model: segmind, values: { ...segmind.defaults, prompt: "p", seed: 77 } },
      { providerLabel: "ImagePipeline", model: pipeline, stored: null },
    );
    expect(r.input.prompt).toBe("p");
    expect(r.notes.join(" ")).toMatch(/seed/i);
  });
});
