import { describe, expect, it } from "vitest";
import type { GenerationDTO } from "@/lib/db/dto";
import { distinctions } from "./distinctions";

const gen = (id: string, provider: string, input: Record<string, unknown>) =>
  ({ id, provider, model: "m", input }) as unknown as GenerationDTO;

describe("distinctions", () => {
  it("names only what differs between targets of the same provider and model", () => {
    const d = distinctions([
      gen("a", "segmind", { prompt: "p", sampler: "euler", steps: 20 }),
      gen("b", "segmind", { prompt: "p", sampler: "dpmpp_2m", steps: 20 }),
      gen("c", "aimlapi", { prompt: "p", steps: 30 }),
    ]);
    expect(d.get("a")).toBe("sampler euler");
    expect(d.get("b")).toBe("sampler dpmpp_2m");
    expect(d.has("c")).toBe(false);
  });
});
