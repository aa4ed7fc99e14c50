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

/**
 * Models of the chosen provider (named alone) or of every provider (named with their provider), and the current one.
 * Each option is one provider's model (`provider::model`). A model id from the URL without a provider filters every
 * provider serving it: when that is not exactly one, the select shows an option saying which (`::model`) rather than
 * naming one of them.
 */
export function modelOptions(catalog: Catalog, filters: GalleryFilters, hasModel: (provider: string, model: string) => boolean) {
  const models = catalog.models.filter((m) => !filters.provider || m.provider === filters.provider);
  const options: SelectOption[] = [
    { value: ALL, label: "All models" },
    ...models.map((m) => ({ value: `${m.provider}::${m.id}`, label: filters.provider ? m.label : `${m.providerLabel} · ${m.label}` })),
  ];
  const current = filters.model ? currentModel(catalog, filters.provider, filters.model, hasModel) : undefined;
  if (current && !options.some((o) => o.value === current.value)) options.splice(1, 0, current);
  return { options, value: current?.value ?? ALL };
}

function currentModel(catalog: Catalog, provider: string | undefined, model: string, hasModel: (provider: string, model: string) => boolean): SelectOption {
  // A model the chosen provider does not list (an old URL, a retired model) is still the filter: shown by its id.
  if (provider) return { value: `${provider}::${model}`, label: model };
  const owners = catalog.providers.filter((p) => hasModel(p.id, model));
  if (owners.length === 1) return { value: `${owners[0]!.id}::${model}`, label: model };
  const labels = new Set(catalog.models.filter((m) => m.id === model).map((m) => m.label));
  const label = labels.size === 1 ? [...labels][0]! : model;
  return { value: `::${model}`, label: `${owners.map((p) => p.label).join(" + ") || "Any provider"} · ${label}` };
}

/** The filters after choosing a model option: its provider too, or none for an option naming several. */
export function withModel(value: string): Pick<GalleryFilters, "provider" | "model"> {
  if (value === ALL) return { model: undefined };
  const [provider, model] = value.split("::") as [string, string];
  return { provider: provider || undefined, model };
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
