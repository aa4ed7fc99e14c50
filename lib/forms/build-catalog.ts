import { allTargets, providerIds, providers } from "@/lib/providers";
import { describeSchema } from "@/lib/params/describe";
import { fieldsByRole } from "@/lib/params/roles";
import { sharedFieldNames } from "@/lib/compare/mapping";
import type { FormCatalog } from "./catalog";

/** The forms' catalog, derived from the registry on the server (see ./catalog.ts): never a second list. */
export function buildFormCatalog(): FormCatalog {
  return {
    providers: providerIds.map((id) => ({ id, label: providers[id].label, keyEnv: providers[id].keyEnv })),
    models: allTargets().map(({ provider, model }) => ({
      provider: provider.id,
      id: model.id,
      label: model.label,
      family: model.family,
      ...(model.notes !== undefined && { notes: model.notes }),
      defaults: model.defaults,
      fields: describeSchema(model.schema),
      roles: fieldsByRole(model.schema),
      sharedFields: sharedFieldNames(model),
    })),
  };
}
