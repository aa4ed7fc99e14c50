import { allTargets, providerIds, providers } from "./index";

/**
 * Names only: what read-only pages (gallery, shares) need to label results. A server page builds it from the
 * registry and hands it to client components as props, so those pages ship no zod and no parameter schemas.
 */
export interface Catalog {
  providers: { id: string; label: string }[];
  models: { provider: string; id: string; label: string; providerLabel: string }[];
}

export function buildCatalog(): Catalog {
  return {
    providers: providerIds.map((id) => ({ id, label: providers[id].label })),
    models: allTargets().map((t) => ({ provider: t.provider.id, id: t.model.id, label: t.model.label, providerLabel: t.provider.label })),
  };
}
