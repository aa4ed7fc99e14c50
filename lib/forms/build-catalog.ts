import { allTargets, providerIds, providers } from "@/lib/providers";
import { describeSchema } from "@/lib/params/describe";
import { fieldsByRole } from "@/lib/params/roles";
import { sharedFieldNames } from "@/lib/compare/mapping";
import type { FormCatalog } from "./catalog";

/**
 * One object per distinct value. Most field descriptors repeat across a provider's models (prompt, seed, format…), and
 * React sends an object it meets again as a reference to the first, so the page carries each once, not 24 times.
 */
function interner() {
  const pool = new Map<string, unknown>();
  return <T,>(value: T): T => {
    const key = JSON.stringify(value);
    if (!pool.has(key)) pool.set(key, value);
    return pool.get(key) as T;
  };
}

let built: FormCatalog | undefined;

/** The forms' catalog, derived from the registry on the server (see ./catalog.ts): never a second list. Built once. */
export function buildFormCatalog(): FormCatalog {
  return (built ??= build());
}

function build(): FormCatalog {
  const one = interner();
  return {
    providers: providerIds.map((id) => ({ id, label: providers[id].label, keyEnv: providers[id].keyEnv })),
    models: allTargets().map(({ provider, model }) => ({
      provider: provider.id,
      id: model.id,
      label: model.label,
      family: model.family,
      ...(model.notes !== undefined && { notes: model.notes }),
      defaults: one(model.defaults),
      fields: describeSchema(model.schema).map(one),
      roles: one(fieldsByRole(model.schema)),
      sharedFields: one(sharedFieldNames(model)),
    })),
  };
}
