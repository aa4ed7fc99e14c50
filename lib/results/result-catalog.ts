import type { FieldRole } from "@/lib/params/field-meta";
import type { ListPrice } from "./usd";

/*
 * What a result card needs to know about a generation's provider and model, as plain data: names, which wire field
 * plays which role (seed, count, size…) and the preset sizes a size field offers. The server derives it from the
 * registry (./build-result-catalog.ts) and pages hand it to the cards through a context
 * (components/result-catalog-context.tsx), so a page that shows results ships no zod and no provider schemas.
 */

export interface ResultModel {
  provider: string;
  id: string;
  label: string;
  /** `fieldsByRole(model.schema)`. */
  roles: Partial<Record<FieldRole, string>>;
  /** The defaults of the role fields only (a missing count means the model's default count). */
  defaults: Record<string, unknown>;
  /** The size field's presets ("square_hd" → 1024×1024), when the model has one. */
  presetSizes?: Record<string, { width: number; height: number }>;
  /** Its list price, for the cost of a result the provider did not price (lib/results/pricing.ts). */
  listPrice?: ListPrice;
}

export interface ResultProvider {
  id: string;
  label: string;
  /** Named in failure advice ("Set SEGMIND_API_KEY…"). */
  keyEnv: string;
  baseUrlEnv: string;
}

export interface ResultCatalog {
  providers: ResultProvider[];
  models: ResultModel[];
}

export function findResultModel(catalog: ResultCatalog, provider: string, model: string): ResultModel | undefined {
  return catalog.models.find((m) => m.provider === provider && m.id === model);
}

export function findResultProvider(catalog: ResultCatalog, id: string): ResultProvider | undefined {
  return catalog.providers.find((p) => p.id === id);
}
