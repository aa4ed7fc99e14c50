import { describe, expect, it } from "vitest";
import { allTargets } from "@/lib/providers";
import { describeSchema } from "@/lib/params/describe";
import { fieldsByRole } from "@/lib/params/roles";
import { buildFormCatalog } from "./build-catalog";
import { findModel, formTargetLabel } from "./catalog";
import { targetLabel } from "@/lib/providers/labels";

describe("buildFormCatalog", () => {
  const catalog = buildFormCatalog();

  it("derives every model's form from the registry, in registry order", () => {
    expect(catalog.models.map((m) => `${m.provider}/${m.id}`)).toEqual(allTargets().map((t) => `${t.provider.id}/${t.model.id}`));
    for (const { provider, model } of allTargets()) {
      const m = findModel(catalog, provider.id, model.id)!;
      expect(m.fields).toEqual(describeSchema(model.schema));
      expect(m.roles).toEqual(fieldsByRole(model.schema));
      expect(m.defaults).toEqual(model.defaults);
      expect(formTargetLabel(catalog, m)).toBe(targetLabel({ provider: provider.id, model: model.id }));
    }
  });

  it("is plain data that survives the trip to the browser as props", () => {
    expect(JSON.parse(JSON.stringify(catalog))).toEqual(catalog);
  });

  it("names the shared fields a comparison fills in, leaving each model's own", () => {
    const segmind = findModel(catalog, "segmind", "stable-diffusion-3.5-large-txt2img")!;
    expect(segmind.sharedFields).toEqual(expect.arrayContaining(["prompt", "seed", "steps"]));
    expect(segmind.sharedFields).not.toContain("sampler");
  });
});
