import type { Catalog } from "@/lib/providers/catalog";
import { datePresets, galleryStatuses, type GalleryFilters } from "@/lib/gallery/url-filters";
import type { SelectOption } from "./lazy-select";

/** The choices of the gallery's filter selects, from the catalog the server passed down. */

export const ALL = "all";

const statusLabels: Record<(typeof galleryStatuses)[number], string> = {
  succeeded: "Succeeded",
  failed: "Failed",
  running: "Running",
  queued: "Waiting",
};

export const statusOptions: SelectOption[] = [{ value: ALL, label: "All statuses" }, ...galleryStatuses.map((s) => ({ value: s, label: statusLabels[s] }))];

export const dateOptions: SelectOption[] = [...datePresets.map((p) => ({ value: p.value, label: p.label })), { value: "custom", label: "Custom range…" }];

export function providerOptions(catalog: Catalog): SelectOption[] {
  return [{ value: ALL, label: "All providers" }, ...catalog.providers.map((p) => ({ value: p.id, label: p.label }))];
}

/** Models of the chosen provider (named alone) or of every provider (named with their provider), and the current one. */
export function modelOptions(catalog: Catalog, filters: GalleryFilters, hasModel: (provider: string, model: string) => boolean) {
  const models = catalog.models.filter((m) => !filters.provider || m.provider === filters.provider);
  const owner = filters.model ? (filters.provider ?? catalog.providers.find((p) => hasModel(p.id, filters.model!))?.id) : undefined;
  const options: SelectOption[] = [
    { value: ALL, label: "All models" },
    ...models.map((m) => ({ value: `${m.provider}::${m.id}`, label: filters.provider ? m.label : `${m.providerLabel} · ${m.label}` })),
  ];
  return { options, value: filters.model && owner ? `${owner}::${filters.model}` : ALL };
}

/**
 * The filters after choosing a provider (undefined: all). The model stays only where it still means one provider's
 * model: a model of another provider would match nothing, and with no provider a model id several providers serve
 * would mix theirs in while the select names one of them.
 */
export function withProvider(catalog: Catalog, filters: GalleryFilters, provider: string | undefined, hasModel: (provider: string, model: string) => boolean) {
  const model = filters.model;
  const owners = model ? catalog.providers.filter((p) => hasModel(p.id, model)).length : 0;
  const keep = model && (provider ? hasModel(provider, model) : owners === 1);
  return { provider, model: keep ? model : undefined };
}
