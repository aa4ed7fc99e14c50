"use client";
import { createContext, useContext, useMemo } from "react";
import type { Catalog } from "@/lib/providers/catalog";

const CatalogContext = createContext<Catalog>({ providers: [], models: [] });

/** Provider and model names for the client components below (see lib/providers/catalog.ts). */
export function CatalogProvider({ value, children }: { value: Catalog; children: React.ReactNode }) {
  return <CatalogContext.Provider value={value}>{children}</CatalogContext.Provider>;
}

export function useCatalog() {
  const catalog = useContext(CatalogContext);
  return useMemo(
    () => ({
      catalog,
      providerLabel: (id: string) => catalog.providers.find((p) => p.id === id)?.label ?? id,
      modelLabel: (provider: string, model: string) =>
        catalog.models.find((m) => m.provider === provider && m.id === model)?.label ?? model,
      hasModel: (provider: string, model: string) => catalog.models.some((m) => m.provider === provider && m.id === model),
    }),
    [catalog],
  );
}
