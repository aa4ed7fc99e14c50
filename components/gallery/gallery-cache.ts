"use client";
import { useCallback } from "react";
import { useQueryClient, type InfiniteData, type QueryClient } from "@tanstack/react-query";
import type { Page, RunDTO } from "@/lib/db/dto";
import { queryKeys } from "@/lib/client/api";
import { filtersKey, filtersToSearchParams, type GalleryFilters } from "@/lib/gallery/url-filters";

/** The gallery's pages in the query cache: one infinite query per filter set, all under `queryKeys.runs()`. */

export type GalleryData = InfiniteData<Page<RunDTO>, string | null>;

export const galleryQueryKey = (filters: GalleryFilters) => [...queryKeys.runs(), filtersKey(filters)] as const;

export async function fetchGalleryPage(filters: GalleryFilters, cursor: string | null, signal?: AbortSignal): Promise<Page<RunDTO>> {
  const params = filtersToSearchParams(filters);
  params.set("limit", "40");
  if (cursor) params.set("cursor", cursor);
  const res = await fetch(`/api/runs?${params}`, { cache: "no-store", signal });
  if (!res.ok) throw new Error(`Request failed (HTTP ${res.status})`);
  return (await res.json()) as Page<RunDTO>;
}

/**
 * Drops runs from loaded pages. A page's cursor is its last run; when that run is gone the page's new last run
 * marks the same place (or, for an emptied page, the last run before it), so loading more continues correctly.
 */
export function removeRunsFromPages(data: GalleryData, ids: ReadonlySet<string>): GalleryData {
  let lastKept: string | null = null;
  const pages = data.pages.map((page) => {
    const items = page.items.filter((r) => !ids.has(r.id));
    lastKept = items.at(-1)?.id ?? lastKept;
    return { items, nextCursor: page.nextCursor === null ? null : (lastKept ?? page.nextCursor) };
  });
  return { ...data, pages };
}

function patchRuns(client: QueryClient, patch: (data: GalleryData) => GalleryData) {
  client.setQueriesData<GalleryData>({ queryKey: queryKeys.runs() }, (data) => (data?.pages ? patch(data) : data));
}

/** Cache edits shared by the grid and the detail views, so every view agrees without refetching long lists. */
export function useGalleryCache() {
  const client = useQueryClient();
  const setFavorite = useCallback(
    (runId: string, favorite: boolean) => {
      patchRuns(client, (data) => ({
        ...data,
        pages: data.pages.map((p) => ({ ...p, items: p.items.map((r) => (r.id === runId ? { ...r, favorite } : r)) })),
      }));
      client.setQueryData<RunDTO>(queryKeys.run(runId), (run) => (run ? { ...run, favorite } : run));
    },
    [client],
  );
  const removeRuns = useCallback(
    (ids: string[]) => {
      const set = new Set(ids);
      patchRuns(client, (data) => removeRunsFromPages(data, set));
      for (const id of ids) client.removeQueries({ queryKey: queryKeys.run(id) });
    },
    [client],
  );
  /** After a change a loaded list cannot mirror (a generation gone from a run): start the gallery afresh. */
  const resetGallery = useCallback(() => client.removeQueries({ queryKey: queryKeys.runs() }), [client]);
  return { setFavorite, removeRuns, resetGallery };
}
