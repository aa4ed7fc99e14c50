import { describe, expect, it } from "vitest";
import { errorText } from "./error-text";

describe("errorText", () => {
  it("folds a bare status into the headline: one sentence, no line of its own", () => {
    expect(errorText("AI/ML API is rate limiting requests", "AI/ML API is rate limiting requests (HTTP 429).")).toEqual({
      headline: "AI/ML API is rate limiting requests (HTTP 429).",
      detail: null,
    });
  });

  it("keeps real detail as its own paragraph", () => {
    expect(errorText("Eachlabs did not finish in time", "Eachlabs did not answer within 4 s.")).toEqual({
      headline: "Eachlabs did not finish in time",
      detail: "Eachlabs did not answer within 4 s.",
    });
    expect(errorText("fal was cancelled on request", "fal was cancelled on request. Cancelled at fal before it finished.")).toEqual({
      headline: "fal was cancelled on request",
      detail: "Cancelled at fal before it finished.",
    });
  });

  it("a message that only repeats the headline leaves no detail", () => {
    expect(errorText("Segmind rejected the API key", "Segmind rejected the API key.")).toEqual({ headline: "Segmind rejected the API key", detail: null });
  });
});
