import type { Page, RunDTO } from "@/lib/db/dto";
import { filtersToSearchParams, type GalleryFilters } from "@/lib/gallery/url-filters";

/**
 * The gallery's loaded pages, free of any data library: the gallery grid keeps them in its own state (so the page
 * ships no query cache), and the detail views' cache (./gallery-cache.ts) edits the same shape.
 */

export async function fetchGalleryPage(filters: GalleryFilters, cursor: string | null, signal?: AbortSignal): Promise<Page<RunDTO>> {
  const params = filtersToSearchParams(filters);
  params.set("limit", "40");
  if (cursor) params.set("cursor", cursor);
  const res = await fetch(`/api/runs?${params}`, { cache: "no-store", signal });
  if (!res.ok) throw new Error(`Request failed (HTTP ${res.status})`);
  return (await res.json()) as Page<RunDTO>;
}

/** Loads as many pages as are shown now, each from the fresh cursor of the one before (a refresh of a long list). */
export async function refetchGalleryPages(filters: GalleryFilters, count: number, signal?: AbortSignal): Promise<Page<RunDTO>[]> {
  const pages: Page<RunDTO>[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<RunDTO> = await fetchGalleryPage(filters, cursor, signal);
    pages.push(page);
    cursor = page.nextCursor;
  } while (cursor && pages.length < count);
  return pages;
}

/** Drops runs from loaded pages; each page's cursor carries its place itself (lib/gallery/cursor.ts), so it stays. */
export function removeRunsFromPages<D extends { pages: Page<RunDTO>[] }>(data: D, ids: ReadonlySet<string>): D {
  return { ...data, pages: data.pages.map((page) => ({ ...page, items: page.items.filter((r) => !ids.has(r.id)) })) };
}

/** Sets one run's star in loaded pages. */
export function setFavoriteInPages<D extends { pages: Page<RunDTO>[] }>(data: D, runId: string, favorite: boolean): D {
  return { ...data, pages: data.pages.map((p) => ({ ...p, items: p.items.map((r) => (r.id === runId ? { ...r, favorite } : r)) })) };
}
