"use client";
import { useCallback } from "react";
import { useQueryClient, type InfiniteData, type QueryClient } from "@tanstack/react-query";
import type { Page, RunDTO } from "@/lib/db/dto";
import { queryKeys } from "@/lib/client/api";
import { runEdited } from "@/lib/client/fresh-read";
import { filtersKey, type GalleryFilters } from "@/lib/gallery/url-filters";
import { removeRunsFromPages, setFavoriteInPages } from "./gallery-pages";

export { fetchGalleryPage, removeRunsFromPages } from "./gallery-pages";

/**
 * The gallery's pages in the query cache of the detail views (a generation, a run): one infinite query per filter set,
 * all under `queryKeys.runs()`. The gallery grid itself keeps its pages in its own state (./gallery-pages.ts).
 */

export type GalleryData = InfiniteData<Page<RunDTO>, string | null>;

export const galleryQueryKey = (filters: GalleryFilters) => [...queryKeys.runs(), filtersKey(filters)] as const;

function patchRuns(client: QueryClient, patch: (data: GalleryData) => GalleryData) {
  client.setQueriesData<GalleryData>({ queryKey: queryKeys.runs() }, (data) => (data?.pages ? patch(data) : data));
}

/** A star shown at once; a poll of the run already on its way is read again rather than undo it (lib/client/fresh-read.ts). */
export function setFavoriteInCache(client: QueryClient, runId: string, favorite: boolean) {
  runEdited(runId);
  patchRuns(client, (data) => setFavoriteInPages(data, runId, favorite));
  client.setQueryData<RunDTO>(queryKeys.run(runId), (run) => (run ? { ...run, favorite } : run));
}

/** Cache edits shared by the grid and the detail views, so every view agrees without refetching long lists. */
export function useGalleryCache() {
  const client = useQueryClient();
  const setFavorite = useCallback((runId: string, favorite: boolean) => setFavoriteInCache(client, runId, favorite), [client]);
  const removeRuns = useCallback(
    (ids: string[]) => {
      const set = new Set(ids);
      for (const id of ids) runEdited(id);
      patchRuns(client, (data) => removeRunsFromPages(data, set));
      for (const id of ids) client.removeQueries({ queryKey: queryKeys.run(id) });
    },
    [client],
  );
  /** After a change a loaded list cannot mirror (a generation gone from a run): start the gallery afresh. */
  const resetGallery = useCallback(() => client.removeQueries({ queryKey: queryKeys.runs() }), [client]);
  return {
    setFavorite,
    removeRuns,
    resetGallery,
    /** An edit of this run was saved: a read of it started before that may not hold it. */
    edited: runEdited,
  };
}
