import { expect, it } from "vitest";
import { buildCatalog } from "@/lib/providers/catalog";
import { withProvider } from "./filter-options";

const catalog = buildCatalog();
const hasModel = (p: string, m: string) => catalog.models.some((x) => x.provider === p && x.id === m);

it("clearing the provider drops a model id other providers serve too, and keeps one only that provider has", () => {
  // Replicate and Eachlabs both call theirs "stable-diffusion-3.5-large": "All providers" would mix them.
  expect(withProvider(catalog, { provider: "replicate", model: "stable-diffusion-3.5-large" }, undefined, hasModel)).toEqual({ provider: undefined, model: undefined });
  expect(withProvider(catalog, { provider: "segmind", model: "stable-diffusion-3.5-large-txt2img" }, undefined, hasModel)).toEqual({
    provider: undefined,
    model: "stable-diffusion-3.5-large-txt2img",
  });
  // Another provider: kept only if it serves that model.
  expect(withProvider(catalog, { model: "stable-diffusion-3.5-large" }, "eachlabs", hasModel).model).toBe("stable-diffusion-3.5-large");
  expect(withProvider(catalog, { model: "stable-diffusion-3.5-large" }, "segmind", hasModel).model).toBeUndefined();
});
