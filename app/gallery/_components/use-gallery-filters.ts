"use client";
import { useCallback, useMemo } from "react";
import { useSearchParams } from "next/navigation";
import { filtersToSearchParams, parseGalleryFilters, type GalleryFilters } from "@/lib/gallery/url-filters";

/**
 * The gallery's filters live in the URL. Changing them rewrites the query string through the history API (which
 * Next keeps in step with `useSearchParams`) without a server round trip: the grid's query fetches the new page,
 * and a reload or a shared link renders the same filters on the server.
 */
export function useGalleryFilters() {
  const params = useSearchParams();
  const search = params.toString();
  const filters = useMemo(() => parseGalleryFilters(new URLSearchParams(search)), [search]);
  const setFilters = useCallback((next: GalleryFilters, mode: "push" | "replace" = "push") => {
    const qs = filtersToSearchParams(next).toString();
    const url = `${window.location.pathname}${qs ? `?${qs}` : ""}`;
    if (mode === "push") window.history.pushState(null, "", url);
    else window.history.replaceState(null, "", url);
  }, []);
  return { filters, setFilters };
}
