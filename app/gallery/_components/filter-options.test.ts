import { expect, it } from "vitest";
import { buildCatalog } from "@/lib/providers/catalog";
import type { GalleryFilters } from "@/lib/gallery/url-filters";
import { ALL, modelOptions, withModel, withProvider } from "./filter-options";

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

it("shows a model id from the URL that several providers serve as what it filters, not as the first of them", () => {
  // `?model=stable-diffusion-3.5-large` (an old or hand-typed link) lists Eachlabs's and Replicate's runs alike.
  const shared = modelOptions(catalog, { model: "stable-diffusion-3.5-large" }, hasModel);
  expect(shared.options.find((o) => o.value === shared.value)?.label).toBe("Eachlabs + Replicate · Stable Diffusion 3.5 Large");
  // Choosing that option again keeps the same filter; each provider's own option is still there to narrow it.
  expect(withModel(shared.value)).toEqual({ provider: undefined, model: "stable-diffusion-3.5-large" });
  expect(shared.options.map((o) => o.value)).toEqual(expect.arrayContaining(["eachlabs::stable-diffusion-3.5-large", "replicate::stable-diffusion-3.5-large"]));
  expect(withModel("replicate::stable-diffusion-3.5-large")).toEqual({ provider: "replicate", model: "stable-diffusion-3.5-large" });

  // A model one provider serves is that provider's option; with its provider, the option of that provider.
  const own = (f: GalleryFilters) => modelOptions(catalog, f, hasModel).value;
  expect(own({ model: "stable-diffusion-3.5-large-txt2img" })).toBe("segmind::stable-diffusion-3.5-large-txt2img");
  expect(own({ provider: "replicate", model: "stable-diffusion-3.5-large" })).toBe("replicate::stable-diffusion-3.5-large");
  // A model no provider lists any more is still shown as the filter, not as "All models".
  const gone = modelOptions(catalog, { model: "sd3-retired" }, hasModel);
  expect(gone.options.find((o) => o.value === gone.value)?.label).toBe("Any provider · sd3-retired");
  expect(modelOptions(catalog, {}, hasModel).value).toBe(ALL);
});
