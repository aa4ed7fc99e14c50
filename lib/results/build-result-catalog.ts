import { allTargets, providerIds, providers } from "@/lib/providers";
import { fieldsByRole, metaOf } from "@/lib/params/roles";
import { listPrice } from "./pricing";
import type { ResultCatalog } from "./result-catalog";

let built: ResultCatalog | undefined;

/** The result cards' catalog, derived from the registry on the server (see ./result-catalog.ts). Built once. */
export function buildResultCatalog(): ResultCatalog {
  return (built ??= build());
}

function build(): ResultCatalog {
  return {
    providers: providerIds.map((id) => {
      const { label, keyEnv, baseUrlEnv } = providers[id];
      return { id, label, keyEnv, baseUrlEnv };
    }),
    models: allTargets().map(({ provider, model }) => {
      const roles = fieldsByRole(model.schema);
      const roleFields = new Set(Object.values(roles));
      const defaults = Object.fromEntries(Object.entries(model.defaults).filter(([k]) => roleFields.has(k)));
      const presetSizes = roles.size ? metaOf(model.schema, roles.size)?.presetSizes : undefined;
      const price = listPrice(provider.id, model.id);
      return { provider: provider.id, id: model.id, label: model.label, roles, defaults, ...(presetSizes && { presetSizes }), ...(price && { listPrice: price }) };
    }),
  };
}
