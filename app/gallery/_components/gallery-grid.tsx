"use client";
import Link from "next/link";
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from "react";
import { ImageOff, Loader2, SearchX } from "lucide-react";
import type { Page, RunDTO } from "@/lib/db/dto";
import { toggleFavorite } from "@/lib/actions/toggle-favorite";
import { filtersKey, hasActiveFilters, type GalleryFilters } from "@/lib/gallery/url-filters";
import { buttonClass } from "@/components/gallery/light-ui";
import { applySelectionClick } from "./selection";
import { useGalleryFilters } from "./use-gallery-filters";
import { useGalleryPages } from "./use-gallery-pages";
import { GalleryItem } from "./gallery-item";

// Shown only once something is selected: its buttons and the delete dialog are not part of the first load.
const SelectionBar = lazy(() => import("./selection-bar").then((m) => ({ default: m.SelectionBar })));

interface Selection {
  key: string;
  ids: Set<string>;
  anchor: number | null;
}

/** Selection belongs to one filter set; changing filters starts a new one. */
function useSelection(key: string, items: RunDTO[]) {
  const [selection, setSelection] = useState<Selection>({ key, ids: new Set(), anchor: null });
  if (selection.key !== key) setSelection({ key, ids: new Set(), anchor: null });
  const ids = useRef<string[]>([]);
  useEffect(() => {
    ids.current = items.map((r) => r.id);
  }, [items]);
  const onSelect = useCallback((index: number, shift: boolean) => {
    setSelection((s) => ({ ...s, ids: applySelectionClick(ids.current, s.ids, s.anchor, index, shift), anchor: index }));
  }, []);
  const selectAll = () => setSelection((s) => ({ ...s, ids: new Set(items.map((r) => r.id)) }));
  const clear = () => setSelection((s) => ({ ...s, ids: new Set(), anchor: null }));
  return { selected: selection.ids, onSelect, selectAll, clear };
}

/** Loads the next page when the end of the list comes within 600 px. */
function useLoadMoreOnScroll(hasNextPage: boolean, fetchingNext: boolean, fetchNextPage: () => Promise<void>) {
  const sentinel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = sentinel.current;
    if (!el || !hasNextPage) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting) && !fetchingNext) void fetchNextPage();
      },
      { rootMargin: "600px" },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [hasNextPage, fetchingNext, fetchNextPage]);
  return sentinel;
}

export function GalleryGrid({ first, initialFilters }: { first: Page<RunDTO>; initialFilters: GalleryFilters }) {
  const { filters, setFilters } = useGalleryFilters();
  const pages = useGalleryPages(filters, first, initialFilters);
  const { items, setFavorite, edited, removeRuns, reload } = pages;
  const selection = useSelection(filtersKey(filters), items);
  const sentinel = useLoadMoreOnScroll(pages.hasNextPage, pages.fetchingNext, pages.fetchNextPage);
  const favoritesShown = Boolean(filters.favorite);
  const onFavorite = useCallback(
    async (run: RunDTO) => {
      setFavorite(run.id, !run.favorite);
      const result = await toggleFavorite({ runId: run.id, favorite: !run.favorite }).catch(() => null);
      if (!result?.ok) return setFavorite(run.id, run.favorite);
      edited();
      // A favourites list fetched while the star was on its way may miss it.
      if (favoritesShown) void reload();
    },
    [setFavorite, edited, favoritesShown, reload],
  );
  const onDeleted = (runIds: string[]) => {
    removeRuns(runIds);
    selection.clear();
    // Everything loaded is gone: start over from the first page rather than trust a cursor that no longer exists.
    if (items.every((r) => runIds.includes(r.id))) void reload();
  };

  if (items.length === 0) return <EmptyGallery loading={pages.placeholder} filtered={hasActiveFilters(filters)} onClear={() => setFilters({})} />;
  const selecting = selection.selected.size > 0;
  return (
    <>
      <ul
        aria-label="Generations"
        aria-busy={pages.placeholder}
        className={`grid grid-cols-2 gap-2 transition-opacity sm:grid-cols-3 md:grid-cols-4 lg:grid-cols-5 xl:grid-cols-6 2xl:grid-cols-8 ${pages.placeholder ? "opacity-60" : ""}`}
      >
        {items.map((run, index) => (
          <GalleryItem
            key={run.id}
            run={run}
            index={index}
            selected={selection.selected.has(run.id)}
            selecting={selecting}
            onSelect={selection.onSelect}
            onFavorite={onFavorite}
          />
        ))}
      </ul>
      <div ref={sentinel} className="flex justify-center py-6">
        {pages.hasNextPage && (
          <button type="button" className={buttonClass("outline", "sm")} onClick={() => void pages.fetchNextPage()} disabled={pages.fetchingNext}>
            {pages.fetchingNext && <Loader2 className="animate-spin" aria-hidden />} Load more
          </button>
        )}
      </div>
      {selecting && (
        <Suspense>
          <SelectionBar
            selected={[...selection.selected]}
            loaded={items.length}
            onSelectAll={selection.selectAll}
            onClear={selection.clear}
            onDeleted={onDeleted}
          />
        </Suspense>
      )}
    </>
  );
}

function EmptyGallery({ loading, filtered, onClear }: { loading: boolean; filtered: boolean; onClear: () => void }) {
  if (loading) {
    return (
      <div className="text-muted-foreground flex min-h-[40vh] items-center justify-center gap-2 text-sm">
        <Loader2 className="size-4 animate-spin" aria-hidden /> Loading…
      </div>
    );
  }
  const box = "text-muted-foreground flex min-h-[40vh] flex-col items-center justify-center gap-3 rounded-xl border border-dashed p-8 text-center";
  return filtered ? (
    <div className={box}>
      <SearchX className="size-8 opacity-60" aria-hidden />
      <p className="text-foreground text-sm font-medium">No items match these filters</p>
      <button type="button" className={buttonClass("outline", "sm")} onClick={onClear}>
        Clear filters
      </button>
    </div>
  ) : (
    <div className={box}>
      <ImageOff className="size-8 opacity-60" aria-hidden />
      <p className="text-foreground text-sm font-medium">Nothing here yet</p>
      <p className="text-sm">
        Generations you run in the{" "}
        <Link href="/" className="text-foreground underline underline-offset-2">
          playground
        </Link>{" "}
        are kept here, with their images and settings.
      </p>
    </div>
  );
}
