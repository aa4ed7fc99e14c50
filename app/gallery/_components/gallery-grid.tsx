"use client";
import Link from "next/link";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { keepPreviousData, useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import { ImageOff, Loader2, SearchX } from "lucide-react";
import type { Page, RunDTO } from "@/lib/db/dto";
import { toggleFavorite } from "@/lib/actions/toggle-favorite";
import { queryKeys } from "@/lib/client/api";
import { filtersKey, hasActiveFilters, type GalleryFilters } from "@/lib/gallery/url-filters";
import { cn } from "@/lib/utils";
import { Button } from "@/components/ui/button";
import { fetchGalleryPage, galleryQueryKey, useGalleryCache } from "@/components/gallery/gallery-cache";
import { SelectionBar } from "./selection-bar";
import { applySelectionClick } from "./selection";
import { useGalleryFilters } from "./use-gallery-filters";
import { GalleryItem, isActive } from "./gallery-item";


interface Selection {
  key: string;
  ids: Set<string>;
  anchor: number | null;
}

export function GalleryGrid({ first, initialFilters }: { first: Page<RunDTO>; initialFilters: GalleryFilters }) {
  const { filters, setFilters } = useGalleryFilters();
  const key = filtersKey(filters);
  const client = useQueryClient();
  const { setFavorite, removeRuns } = useGalleryCache();
  const query = useInfiniteQuery({
    queryKey: galleryQueryKey(filters),
    queryFn: ({ pageParam, signal }) => fetchGalleryPage(filters, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    // The server rendered the first page for the URL's filters; other filter sets fetch their own.
    initialData: key === filtersKey(initialFilters) ? { pages: [first], pageParams: [null] } : undefined,
    // Keep showing the last results while a new filter's first page loads.
    placeholderData: keepPreviousData,
    // Keep badges of running items fresh, unless so much is loaded that refetching it all would cost more.
    refetchInterval: (q) => {
      const pages = q.state.data?.pages ?? [];
      return pages.length <= 5 && pages.some((p) => p.items.some((r) => r.generations.some(isActive))) ? 1500 : false;
    },
  });
  const items = useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? [], [query.data]);
  const sentinel = useRef<HTMLDivElement>(null);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;

  useEffect(() => {
    const el = sentinel.current;
    if (!el || !hasNextPage) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting) && !isFetchingNextPage) void fetchNextPage();
      },
      { rootMargin: "600px" },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  // Selection belongs to one filter set; changing filters starts a new one.
  const [selection, setSelection] = useState<Selection>({ key, ids: new Set(), anchor: null });
  if (selection.key !== key) setSelection({ key, ids: new Set(), anchor: null });
  const ids = useRef<string[]>([]);
  useEffect(() => {
    ids.current = items.map((r) => r.id);
  }, [items]);
  const onSelect = useCallback((index: number, shift: boolean) => {
    setSelection((s) => ({ ...s, ids: applySelectionClick(ids.current, s.ids, s.anchor, index, shift), anchor: index }));
  }, []);
  const onFavorite = useCallback(
    async (run: RunDTO) => {
      setFavorite(run.id, !run.favorite);
      const result = await toggleFavorite({ runId: run.id, favorite: !run.favorite }).catch(() => null);
      if (!result?.ok) return setFavorite(run.id, run.favorite);
      // A favourites list fetched while the star was on its way may miss it.
      await client.invalidateQueries({ queryKey: queryKeys.runs(), predicate: (q) => String(q.queryKey[1]).includes("fav=1") });
    },
    [setFavorite, client],
  );
  const onDeleted = (runIds: string[]) => {
    removeRuns(runIds);
    setSelection((s) => ({ ...s, ids: new Set(), anchor: null }));
    // Everything loaded is gone: start over from the first page rather than trust a cursor that no longer exists.
    if (items.every((r) => runIds.includes(r.id))) void client.invalidateQueries({ queryKey: galleryQueryKey(filters) });
  };

  if (items.length === 0) {
    if (query.isPending || (query.isFetching && !query.isFetched)) {
      return (
        <div className="text-muted-foreground flex min-h-[40vh] items-center justify-center gap-2 text-sm">
          <Loader2 className="size-4 animate-spin" aria-hidden /> Loading…
        </div>
      );
    }
    return hasActiveFilters(filters) ? (
      <div className="text-muted-foreground flex min-h-[40vh] flex-col items-center justify-center gap-3 rounded-xl border border-dashed p-8 text-center">
        <SearchX className="size-8 opacity-60" aria-hidden />
        <p className="text-foreground text-sm font-medium">No items match these filters</p>
        <Button variant="outline" size="sm" onClick={() => setFilters({})}>
          Clear filters
        </Button>
      </div>
    ) : (
      <div className="text-muted-foreground flex min-h-[40vh] flex-col items-center justify-center gap-3 rounded-xl border border-dashed p-8 text-center">
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

  const selecting = selection.ids.size > 0;
  return (
    <>
      <ul
        aria-label="Generations"
        aria-busy={query.isPlaceholderData}
        className={cn(
          "grid grid-cols-2 gap-2 transition-opacity sm:grid-cols-3 md:grid-cols-4 lg:grid-cols-5 xl:grid-cols-6 2xl:grid-cols-8",
          query.isPlaceholderData && "opacity-60",
        )}
      >
        {items.map((run, index) => (
          <GalleryItem
            key={run.id}
            run={run}
            index={index}
            selected={selection.ids.has(run.id)}
            selecting={selecting}
            onSelect={onSelect}
            onFavorite={onFavorite}
          />
        ))}
      </ul>
      <div ref={sentinel} className="flex justify-center py-6">
        {hasNextPage && (
          <Button variant="outline" size="sm" onClick={() => void fetchNextPage()} disabled={isFetchingNextPage}>
            {isFetchingNextPage && <Loader2 className="animate-spin" aria-hidden />} Load more
          </Button>
        )}
      </div>
      {selecting && (
        <SelectionBar
          selected={[...selection.ids]}
          loaded={items.length}
          onSelectAll={() => setSelection((s) => ({ ...s, ids: new Set(items.map((r) => r.id)) }))}
          onClear={() => setSelection((s) => ({ ...s, ids: new Set(), anchor: null }))}
          onDeleted={onDeleted}
        />
      )}
    </>
  );
}
