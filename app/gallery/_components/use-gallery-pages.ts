"use client";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { Page, RunDTO } from "@/lib/db/dto";
import { filtersKey, type GalleryFilters } from "@/lib/gallery/url-filters";
import { isActive } from "./gallery-item";
import { fetchGalleryPage, refetchGalleryPages, removeRunsFromPages, setFavoriteInPages } from "@/components/gallery/gallery-pages";
import { readUnlessOvertaken } from "@/lib/client/fresh-read";


interface Loaded {
  key: string;
  pages: Page<RunDTO>[];
}

const POLL_MS = 1500;
// Refreshing running badges re-reads every loaded page; past this many, it would cost more than it shows.
const MAX_POLLED_PAGES = 5;
// The first mount in a document shows what the server just rendered; a later one (back to the gallery inside the
// app) may show a page the router kept, so it refreshes in the background.
let mountedBefore = false;

/**
 * The gallery's pages for the URL's filters, kept in component state rather than a query library (the page ships
 * none). While another filter set's first page loads, the last results stay on screen (`placeholder`).
 */
export function useGalleryPages(filters: GalleryFilters, first: Page<RunDTO>, initialFilters: GalleryFilters) {
  const key = filtersKey(filters);
  const [loaded, setLoaded] = useState<Loaded>(() => ({ key: filtersKey(initialFilters), pages: [first] }));
  const [fetchingNext, setFetchingNext] = useState(false);
  const filtersRef = useRef({ key, filters });
  // Only the newest read lands: a slow answer must not overwrite a later one (e.g. a refresh after a star).
  const latest = useRef(0);
  // Local edits (stars, deletes, and their saving) so far: a read they overtook is done again (lib/client/fresh-read.ts).
  const edits = useRef(0);
  useEffect(() => {
    filtersRef.current = { key, filters };
  });

  /** Re-reads the loaded pages (or the first one, for new filters), keeping the result only if the filters still match. */
  const refresh = useCallback(async (count: number, signal?: AbortSignal) => {
    const { key: asked, filters: f } = filtersRef.current;
    const seq = ++latest.current;
    const pages = await readUnlessOvertaken(() => refetchGalleryPages(f, count, signal), () => edits.current);
    if (pages && seq === latest.current && filtersRef.current.key === asked) setLoaded({ key: asked, pages });
  }, []);

  const placeholder = loaded.key !== key;
  useEffect(() => {
    if (!placeholder) return;
    const abort = new AbortController();
    void refresh(1, abort.signal);
    return () => abort.abort();
  }, [key, placeholder, refresh]);

  useEffect(() => {
    if (mountedBefore) void refresh(1);
    mountedBefore = true;
  }, [refresh]);

  const pageCount = loaded.pages.length;
  const anyActive = loaded.pages.some((p) => p.items.some((r) => r.generations.some(isActive)));
  useEffect(() => {
    if (placeholder || !anyActive || pageCount > MAX_POLLED_PAGES) return;
    const timer = setTimeout(() => void refresh(pageCount), POLL_MS);
    return () => clearTimeout(timer);
  }, [placeholder, anyActive, pageCount, loaded, refresh]);

  const nextCursor = placeholder ? null : (loaded.pages.at(-1)?.nextCursor ?? null);
  const fetchNextPage = useCallback(async () => {
    if (!nextCursor || fetchingNext) return;
    const asked = key;
    setFetchingNext(true);
    const page = await fetchGalleryPage(filters, nextCursor).catch(() => null);
    setFetchingNext(false);
    if (page) setLoaded((l) => (l.key === asked && l.pages.at(-1)?.nextCursor === nextCursor ? { ...l, pages: [...l.pages, page] } : l));
  }, [filters, key, nextCursor, fetchingNext]);

  const edited = useCallback(() => void edits.current++, []);
  const setFavorite = useCallback((runId: string, favorite: boolean) => {
    edits.current++;
    setLoaded((l) => setFavoriteInPages(l, runId, favorite));
  }, []);
  const removeRuns = useCallback((ids: string[]) => {
    edits.current++;
    setLoaded((l) => removeRunsFromPages(l, new Set(ids)));
  }, []);
  const reload = useCallback(() => refresh(Math.max(1, pageCount)), [refresh, pageCount]);

  const items = useMemo(() => loaded.pages.flatMap((p) => p.items), [loaded]);
  return {
    items,
    placeholder,
    hasNextPage: nextCursor !== null,
    fetchingNext,
    fetchNextPage,
    setFavorite,
    /** An edit was saved: a read started before that may not hold it. */
    edited,
    removeRuns,
    reload,
  };
}
