"use client";
import { useEffect, useId, useState } from "react";
import { Search, SlidersHorizontal, Star, X } from "lucide-react";
import { useCatalog } from "@/components/catalog-context";
import {
  datePresets,
  galleryStatuses,
  hasActiveFilters,
  presetOf,
  presetRange,
  type DatePreset,
  type GalleryFilters,
} from "@/lib/gallery/url-filters";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import dynamic from "next/dynamic";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Toggle } from "@/components/ui/toggle";
import { useGalleryFilters } from "./use-gallery-filters";

const statusLabels: Record<(typeof galleryStatuses)[number], string> = {
  succeeded: "Succeeded",
  failed: "Failed",
  running: "Running",
  queued: "Waiting",
};

const ALL = "all";
type Update = (patch: Partial<GalleryFilters>, mode?: "push" | "replace") => void;

/** Search, then the filters; on narrow screens the filters fold into a dialog behind a "Filters" button. */

const FiltersDialog = dynamic(() => import("./filters-dialog").then((m) => m.FiltersDialog), { ssr: false });

export function FilterBar() {
  const { filters, setFilters } = useGalleryFilters();
  const update: Update = (patch, mode) => setFilters({ ...filters, ...patch }, mode);
  const [dialogOpen, setDialogOpen] = useState(false);
  const folded = [filters.provider, filters.model, filters.status, filters.favorite, filters.from || filters.to].filter(Boolean).length;

  return (
    <div role="search" aria-label="Gallery filters" className="mb-4 flex flex-wrap items-end gap-2">
      <SearchBox value={filters.q ?? ""} onChange={(q) => update({ q: q || undefined }, "replace")} />
      <div className="hidden md:contents">
        <FilterControls filters={filters} update={update} />
      </div>
      <Button variant="outline" className="md:hidden" aria-haspopup="dialog" onClick={() => setDialogOpen(true)}>
        <SlidersHorizontal aria-hidden /> Filters
        {folded > 0 && <Badge variant="secondary">{folded}</Badge>}
      </Button>
      {dialogOpen && (
        <FiltersDialog onClose={() => setDialogOpen(false)}>
          <FilterControls filters={filters} update={update} />
        </FiltersDialog>
      )}
      {hasActiveFilters(filters) && (
        <Button variant="ghost" onClick={() => setFilters({})}>
          <X aria-hidden /> Clear filters
        </Button>
      )}
    </div>
  );
}

function SearchBox({ value, onChange }: { value: string; onChange: (q: string) => void }) {
  const [text, setText] = useState(value);
  const [shown, setShown] = useState(value);
  // The URL changed underneath (Clear filters, back button): show it.
  if (shown !== value) {
    setShown(value);
    if (value !== text.trim()) setText(value);
  }
  useEffect(() => {
    if (text.trim() === value) return;
    const timer = setTimeout(() => onChange(text.trim()), 250);
    return () => clearTimeout(timer);
  }, [text, value, onChange]);
  return (
    <div className="relative min-w-48 flex-1 md:max-w-80">
      <Search aria-hidden className="text-muted-foreground pointer-events-none absolute top-2.5 left-2.5 size-4" />
      <Input type="search" aria-label="Search prompts" placeholder="Search prompts" value={text} onChange={(e) => setText(e.target.value)} className="pl-8" />
    </div>
  );
}

function FilterControls({ filters, update }: { filters: GalleryFilters; update: Update }) {
  const { catalog, hasModel } = useCatalog();
  const modelOptions = catalog.models.filter((m) => !filters.provider || m.provider === filters.provider);
  const modelOwner = filters.model ? (filters.provider ?? catalog.providers.find((p) => hasModel(p.id, filters.model!))?.id) : undefined;
  const preset = presetOf(filters);
  const [customOpen, setCustomOpen] = useState(false);
  const id = useId();
  const showCustom = customOpen || preset === "custom";

  return (
    <>
      <Select
        value={filters.provider ?? ALL}
        onValueChange={(v) => {
          const provider = v === ALL ? undefined : v;
          // A model of another provider would match nothing.
          const keepModel = filters.model && (!provider || hasModel(provider, filters.model));
          update({ provider, model: keepModel ? filters.model : undefined });
        }}
      >
        <SelectTrigger aria-label="Provider" className="md:w-40">
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          <SelectItem value={ALL}>All providers</SelectItem>
          {catalog.providers.map((p) => (
            <SelectItem key={p.id} value={p.id}>
              {p.label}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>

      <Select
        value={filters.model && modelOwner ? `${modelOwner}::${filters.model}` : ALL}
        onValueChange={(v) => {
          if (v === ALL) return update({ model: undefined });
          const [provider, model] = v.split("::") as [string, string];
          update({ provider, model });
        }}
      >
        <SelectTrigger aria-label="Model" className="md:w-56">
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          <SelectItem value={ALL}>All models</SelectItem>
          {modelOptions.map((m) => (
            <SelectItem key={`${m.provider}::${m.id}`} value={`${m.provider}::${m.id}`}>
              {filters.provider ? m.label : `${m.providerLabel} · ${m.label}`}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>

      <Select value={filters.status ?? ALL} onValueChange={(v) => update({ status: v === ALL ? undefined : (v as GalleryFilters["status"]) })}>
        <SelectTrigger aria-label="Status" className="md:w-36">
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          <SelectItem value={ALL}>All statuses</SelectItem>
          {galleryStatuses.map((s) => (
            <SelectItem key={s} value={s}>
              {statusLabels[s]}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>

      <Select
        value={showCustom ? "custom" : preset}
        onValueChange={(v) => {
          if (v === "custom") return setCustomOpen(true);
          setCustomOpen(false);
          update({ from: undefined, to: undefined, ...presetRange(v as DatePreset) });
        }}
      >
        <SelectTrigger aria-label="Date" className="md:w-36">
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          {datePresets.map((p) => (
            <SelectItem key={p.value} value={p.value}>
              {p.label}
            </SelectItem>
          ))}
          <SelectItem value="custom">Custom range…</SelectItem>
        </SelectContent>
      </Select>
      {showCustom && (
        <div className="flex items-end gap-2">
          <div className="grid gap-1">
            <Label htmlFor={`${id}-from`} className="text-muted-foreground text-xs">
              From
            </Label>
            <Input id={`${id}-from`} type="date" value={filters.from ?? ""} max={filters.to} onChange={(e) => update({ from: e.target.value || undefined })} />
          </div>
          <div className="grid gap-1">
            <Label htmlFor={`${id}-to`} className="text-muted-foreground text-xs">
              To
            </Label>
            <Input id={`${id}-to`} type="date" value={filters.to ?? ""} min={filters.from} onChange={(e) => update({ to: e.target.value || undefined })} />
          </div>
        </div>
      )}

      <Toggle
        variant="outline"
        aria-label="Favourites only"
        pressed={Boolean(filters.favorite)}
        onPressedChange={(on) => update({ favorite: on || undefined })}
        className="data-[state=on]:[&_svg]:fill-amber-400 data-[state=on]:[&_svg]:text-amber-500"
      >
        <Star aria-hidden /> <span className="md:sr-only lg:not-sr-only">Favourites</span>
      </Toggle>
    </>
  );
}
