"use client";
import { lazy, Suspense, useEffect, useId, useState } from "react";
import { Search, SlidersHorizontal, Star, X } from "lucide-react";
import { useCatalog } from "@/components/catalog-context";
import { hasActiveFilters, maxQueryLength, presetOf, presetRange, type DatePreset, type GalleryFilters } from "@/lib/gallery/url-filters";
import { badgeClass, buttonClass, inputClass } from "@/components/gallery/light-ui";
import { useGalleryFilters } from "./use-gallery-filters";
import { LazySelect } from "./lazy-select";
import { ALL, dateOptions, modelOptions, providerOptions, statusOptions, withModel, withProvider } from "./filter-options";

type Update = (patch: Partial<GalleryFilters>, mode?: "push" | "replace") => void;

// The folded filters on narrow screens, loaded when first opened.
const FiltersDialog = lazy(() => import("./filters-dialog").then((m) => ({ default: m.FiltersDialog })));

/** Search, then the filters; on narrow screens the filters fold into a dialog behind a "Filters" button. */
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
      <button type="button" className={buttonClass("outline", "default", "md:hidden")} aria-haspopup="dialog" onClick={() => setDialogOpen(true)}>
        <SlidersHorizontal aria-hidden /> Filters
        {folded > 0 && <span className={badgeClass("secondary")}>{folded}</span>}
      </button>
      {dialogOpen && (
        <Suspense>
          <FiltersDialog onClose={() => setDialogOpen(false)}>
            <FilterControls filters={filters} update={update} />
          </FiltersDialog>
        </Suspense>
      )}
      {hasActiveFilters(filters) && (
        <button type="button" className={buttonClass("ghost")} onClick={() => setFilters({})}>
          <X aria-hidden /> Clear filters
        </button>
      )}
    </div>
  );
}

/** Longer text would be dropped from the URL as invalid, leaving the gallery unfiltered while the box shows a search. */
export function SearchBox({ value, onChange }: { value: string; onChange: (q: string) => void }) {
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
      <input
        type="search"
        aria-label="Search prompts"
        placeholder="Search prompts"
        value={text}
        maxLength={maxQueryLength}
        onChange={(e) => setText(e.target.value)}
        className={`${inputClass} pr-3 pl-8`}
      />
    </div>
  );
}

function FilterControls({ filters, update }: { filters: GalleryFilters; update: Update }) {
  const { catalog, hasModel } = useCatalog();
  const models = modelOptions(catalog, filters, hasModel);
  const preset = presetOf(filters);
  const [customOpen, setCustomOpen] = useState(false);
  const showCustom = customOpen || preset === "custom";

  const onProvider = (v: string) => {
    update(withProvider(catalog, filters, v === ALL ? undefined : v, hasModel));
  };
  const onModel = (v: string) => update(withModel(v));
  const onDate = (v: string) => {
    if (v === "custom") return setCustomOpen(true);
    setCustomOpen(false);
    update({ from: undefined, to: undefined, ...presetRange(v as DatePreset) });
  };

  return (
    <>
      <LazySelect label="Provider" className="md:w-40" value={filters.provider ?? ALL} options={providerOptions(catalog)} onChange={onProvider} />
      <LazySelect label="Model" className="md:w-56" value={models.value} options={models.options} onChange={onModel} />
      <LazySelect
        label="Status"
        className="md:w-36"
        value={filters.status ?? ALL}
        options={statusOptions}
        onChange={(v) => update({ status: v === ALL ? undefined : (v as GalleryFilters["status"]) })}
      />
      <LazySelect label="Date" className="md:w-36" value={showCustom ? "custom" : preset} options={dateOptions} onChange={onDate} />
      {showCustom && <CustomRange filters={filters} update={update} />}
      <FavoritesToggle on={Boolean(filters.favorite)} onChange={(on) => update({ favorite: on || undefined })} />
    </>
  );
}

const dateInputLabel = "text-muted-foreground flex items-center gap-2 text-xs leading-none font-medium select-none";

function CustomRange({ filters, update }: { filters: GalleryFilters; update: Update }) {
  const id = useId();
  return (
    <div className="flex items-end gap-2">
      <div className="grid gap-1">
        <label htmlFor={`${id}-from`} className={dateInputLabel}>
          From
        </label>
        <input className={`${inputClass} px-3`} id={`${id}-from`} type="date" value={filters.from ?? ""} max={filters.to} onChange={(e) => update({ from: e.target.value || undefined })} />
      </div>
      <div className="grid gap-1">
        <label htmlFor={`${id}-to`} className={dateInputLabel}>
          To
        </label>
        <input className={`${inputClass} px-3`} id={`${id}-to`} type="date" value={filters.to ?? ""} min={filters.from} onChange={(e) => update({ to: e.target.value || undefined })} />
      </div>
    </div>
  );
}

// components/ui/toggle.tsx's outline look, as a plain pressed/unpressed button (no toggle library for one button).
const toggleClass =
  "inline-flex h-9 min-w-9 items-center justify-center gap-2 rounded-md border border-input bg-transparent px-2 text-sm font-medium whitespace-nowrap shadow-xs transition-[color,box-shadow] outline-none hover:bg-accent hover:text-accent-foreground focus-visible:border-ring focus-visible:ring-2 focus-visible:ring-ring dark:bg-input/30 data-[state=on]:border-primary/40 data-[state=on]:bg-accent data-[state=on]:text-accent-foreground [&_svg]:pointer-events-none [&_svg]:size-4 [&_svg]:shrink-0 data-[state=on]:[&_svg]:fill-amber-400 data-[state=on]:[&_svg]:text-amber-500";

function FavoritesToggle({ on, onChange }: { on: boolean; onChange: (on: boolean) => void }) {
  return (
    <button type="button" aria-label="Favourites only" aria-pressed={on} data-state={on ? "on" : "off"} onClick={() => onChange(!on)} className={toggleClass}>
      <Star aria-hidden /> <span className="md:sr-only lg:not-sr-only">Favourites</span>
    </button>
  );
}
