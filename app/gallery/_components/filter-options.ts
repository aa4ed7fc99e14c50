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
