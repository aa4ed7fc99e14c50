"use client";
import Link from "next/link";
import { memo, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { keepPreviousData, useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import { ImageOff, Loader2, SearchX, Star } from "lucide-react";
import type { GenerationDTO, Page, RunDTO } from "@/lib/db/dto";
import { toggleFavorite } from "@/lib/actions/toggle-favorite";
import { queryKeys } from "@/lib/client/api";
import { filtersKey, hasActiveFilters, type GalleryFilters } from "@/lib/gallery/url-filters";
import { cn } from "@/lib/utils";
import { statusLabel } from "@/components/generation/status-label";
import { useCatalog } from "@/components/catalog-context";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { fetchGalleryPage, galleryQueryKey, useGalleryCache } from "./gallery-cache";
import { SelectionBar } from "./selection-bar";
import { applySelectionClick } from "./selection";
import { useGalleryFilters } from "./use-gallery-filters";

const isActive = (g: GenerationDTO) => g.status === "queued" || g.status === "running";

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

/**
 * One gallery item with its checkbox and star beside (not inside) the link. Memoized, and skipped by the browser's
 * rendering while off screen (`content-visibility`), so a long scrolled history stays cheap.
 */
const GalleryItem = memo(function GalleryItem({
  run,
  index,
  selected,
  selecting,
  onSelect,
  onFavorite,
}: {
  run: RunDTO;
  index: number;
  selected: boolean;
  selecting: boolean;
  onSelect: (index: number, shift: boolean) => void;
  onFavorite: (run: RunDTO) => void;
}) {
  // Shown on hover or focus; always on touch screens, which have no hover.
  const reveal = "opacity-0 transition-opacity group-hover/item:opacity-100 group-focus-within/item:opacity-100 focus-visible:opacity-100 pointer-coarse:opacity-100";
  return (
    <li
      className={cn(
        "group/item relative rounded-md [contain-intrinsic-size:auto_12rem] [content-visibility:auto]",
        selected && "ring-primary ring-2 ring-offset-2 ring-offset-background",
      )}
    >
      {run.kind === "compare" ? <RunTile run={run} /> : run.generations[0] && <GalleryTile g={run.generations[0]} />}
      {/* 44×44 px touch targets around the small checkbox and star (WCAG 2.5.5). */}
      <label className={cn("absolute top-0 left-0 grid size-11 cursor-pointer place-items-center", reveal, (selected || selecting) && "opacity-100")}>
        <input
          type="checkbox"
          aria-label={`Select ${run.prompt}`}
          checked={selected}
          onChange={(e) => onSelect(index, (e.nativeEvent as MouseEvent).shiftKey === true)}
          className="accent-primary size-5 cursor-pointer"
        />
      </label>
      <button
        type="button"
        aria-label="Favourite"
        aria-pressed={run.favorite}
        onClick={() => onFavorite(run)}
        className={cn("group/star absolute top-0 right-0 grid size-11 place-items-center rounded-md outline-none", reveal, run.favorite && "opacity-100")}
      >
        <span className="bg-background/85 group-hover/star:bg-background group-focus-visible/star:ring-ring rounded-md p-1.5 group-focus-visible/star:ring-2">
          <Star aria-hidden className={cn("size-4", run.favorite && "fill-amber-400 text-amber-500")} />
        </span>
      </button>
    </li>
  );
});

function GalleryTile({ g }: { g: GenerationDTO }) {
  const { providerLabel, modelLabel } = useCatalog();
  const provider = providerLabel(g.provider);
  const model = modelLabel(g.provider, g.model);
  const img = g.images[0];
  return (
    <Link
      href={`/gallery/${g.id}`}
      className="group bg-muted focus-visible:ring-ring relative block aspect-square overflow-hidden rounded-md outline-none focus-visible:ring-2"
      aria-label={`${provider} ${model}: ${g.prompt}`}
    >
      {img ? (
        // eslint-disable-next-line @next/next/no-img-element -- stored WebP thumbnail
        <img src={img.thumbUrl} alt="" className="h-full w-full object-cover" loading="lazy" decoding="async" />
      ) : (
        <span className="text-muted-foreground flex h-full items-center justify-center p-3 text-center text-xs">
          {g.status === "failed" ? (g.error?.message ?? "Failed") : statusLabel(g)}
        </span>
      )}
      <div className="absolute inset-x-0 top-0 flex gap-1 py-1.5 pr-10 pl-8">
        {g.status !== "succeeded" && (
          <Badge variant={g.status === "failed" ? "destructive" : "secondary"} className="bg-background/90">
            {statusLabel(g)}
          </Badge>
        )}
        {g.emulated && <Badge variant="outline" className="bg-background/90">emulated</Badge>}
        {g.images.length > 1 && <Badge variant="secondary" className="ml-auto">{g.images.length}</Badge>}
      </div>
      <div className="absolute inset-x-0 bottom-0 translate-y-full bg-gradient-to-t from-black/80 to-black/0 p-2 pt-6 text-xs text-white transition-transform group-hover:translate-y-0 group-focus-visible:translate-y-0">
        <p className="line-clamp-3">{g.prompt}</p>
        <p className="mt-1 opacity-75">
          {provider} · {model}
        </p>
      </div>
    </Link>
  );
}

/** A comparison is one item: a mosaic of its targets' first images, opening the comparison view. */
function RunTile({ run }: { run: RunDTO }) {
  const gens = run.generations.slice(0, 4);
  const failed = run.generations.filter((g) => g.status === "failed").length;
  const active = run.generations.some(isActive);
  return (
    <Link
      href={`/runs/${run.id}`}
      className="group bg-muted focus-visible:ring-ring relative block aspect-square overflow-hidden rounded-md outline-none focus-visible:ring-2"
      aria-label={`Comparison of ${run.generations.length} targets: ${run.prompt}`}
    >
      <div className="grid h-full w-full grid-cols-2 grid-rows-2 gap-px">
        {gens.map((g) =>
          g.images[0] ? (
            // eslint-disable-next-line @next/next/no-img-element -- stored WebP thumbnail
            <img key={g.id} src={g.images[0].thumbUrl} alt="" className="h-full w-full object-cover" loading="lazy" decoding="async" />
          ) : (
            <span key={g.id} className="bg-muted-foreground/10 text-muted-foreground flex items-center justify-center text-[10px]">
              {statusLabel(g)}
            </span>
          ),
        )}
      </div>
      <div className="absolute inset-x-0 top-0 flex flex-wrap gap-1 py-1.5 pr-10 pl-8">
        <Badge variant="secondary" className="bg-background/90">
          Compare · {run.generations.length}
        </Badge>
        {active && <Badge variant="outline" className="bg-background/90">Running</Badge>}
        {failed > 0 && <Badge variant="destructive" className="bg-background/90">{failed} failed</Badge>}
      </div>
      <div className="absolute inset-x-0 bottom-0 translate-y-full bg-gradient-to-t from-black/80 to-black/0 p-2 pt-6 text-xs text-white transition-transform group-hover:translate-y-0 group-focus-visible:translate-y-0">
        <p className="line-clamp-3">{run.prompt}</p>
      </div>
    </Link>
  );
}
