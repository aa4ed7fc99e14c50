import { describe, expect, it } from "vitest";
import { allTargets, providers } from "@/lib/providers";
import { expectedSize } from "@/lib/params/sizes";
import { sizeForInput } from "@/lib/params/size-labels";
import { buildResultCatalog } from "./build-result-catalog";
import { countWarning, seedUsed } from "./facts";
import { countWarningBy, seedUsedBy } from "./role-facts";
import { usdCost } from "./pricing";
import { usdCostAt } from "./usd";
import { findResultModel, findResultProvider } from "./result-catalog";

/** Inputs that exercise each role: every preset of a size field, every aspect ratio, explicit sizes and counts. */
function inputsFor(model: (typeof allTargets extends () => (infer T)[] ? T : never)["model"]) {
  const inputs: Record<string, unknown>[] = [{}, { ...model.defaults }];
  for (const [name, schema] of Object.entries(model.schema.shape)) {
    const options = (schema as { options?: unknown[] }).options ?? (schema as { unwrap?: () => { options?: unknown[] } }).unwrap?.().options;
    for (const value of options ?? []) inputs.push({ ...model.defaults, [name]: value });
  }
  inputs.push({ width: 832, height: 1216, image_size: { width: 640, height: 480 }, seed: 77, batch_size: 3, num_images: 2 });
  return inputs;
}

describe("buildResultCatalog", () => {
  const catalog = buildResultCatalog();

  it("gives the cards the registry's answers: names, reserved size, seed, count warning and cost, for every model", () => {
    for (const { provider, model } of allTargets()) {
      const m = findResultModel(catalog, provider.id, model.id)!;
      expect(m.label).toBe(model.label);
      // A request without a count asked for the model's default count.
      for (const role of ["count", "seed"] as const) {
        const name = m.roles[role];
        if (name) expect(m.defaults[name], `${model.id} ${role}`).toEqual(model.defaults[name]);
      }
      expect(findResultProvider(catalog, provider.id)).toEqual({
        id: provider.id,
        label: provider.label,
        keyEnv: providers[provider.id as keyof typeof providers].keyEnv,
        baseUrlEnv: provider.baseUrlEnv,
      });
      for (const input of inputsFor(model)) {
        const where = `${provider.id}/${model.id} ${JSON.stringify(input)}`;
        expect(sizeForInput(m, input), where).toEqual(expectedSize(model.schema, input));
        const g = { seed: null, input, status: "succeeded" as const, images: [{}] as never[] };
        expect(seedUsedBy(g, m), where).toBe(seedUsed(g, model));
        expect(countWarningBy(g, m), where).toBe(countWarning(g, model));
      }
      expect(usdCostAt(m.listPrice, null, 2)).toEqual(usdCost(provider.id, model.id, null, 2));
    }
  });

  it("carries plain data only (it crosses to the browser as props)", () => {
    expect(JSON.parse(JSON.stringify(catalog))).toEqual(catalog);
  });
});
