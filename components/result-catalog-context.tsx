"use client";
import { createContext, useContext } from "react";
import { findResultModel, findResultProvider, type ResultCatalog } from "@/lib/results/result-catalog";

const ResultCatalogContext = createContext<ResultCatalog>({ providers: [], models: [] });

/** Provider and model facts for the result cards below (see lib/results/result-catalog.ts). */
export function ResultCatalogProvider({ value, children }: { value: ResultCatalog; children: React.ReactNode }) {
  return <ResultCatalogContext.Provider value={value}>{children}</ResultCatalogContext.Provider>;
}

/** The catalog entries of a generation's provider and model (undefined when no longer offered). */
export function useResultModel(provider: string, model: string) {
  const catalog = useContext(ResultCatalogContext);
  return { provider: findResultProvider(catalog, provider), model: findResultModel(catalog, provider, model) };
}
