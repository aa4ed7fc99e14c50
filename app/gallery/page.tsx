import type { Metadata } from "next";
import { listRuns } from "@/lib/db/runs";
import { parseGalleryFilters } from "@/lib/gallery/filters";
import { FilterBar } from "./_components/filter-bar";
import { GalleryGrid } from "./_components/gallery-grid";
import { buildCatalog } from "@/lib/providers/catalog";
import { CatalogProvider } from "@/components/catalog-context";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Gallery" };

export default async function GalleryPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // The URL's filters, validated (a bad value is dropped, not an error), render the first page on the server.
  const filters = parseGalleryFilters(await searchParams);
  const first = await listRuns({ ...filters, limit: 40 });
  return (
    <main id="main" tabIndex={-1} className="outline-none mx-auto max-w-[1600px] p-4 lg:p-6">
      <div className="mb-4 flex items-baseline justify-between gap-4">
        <h1 className="text-lg font-semibold tracking-tight">Gallery</h1>
        <p className="text-muted-foreground hidden text-xs sm:block">Newest first · every generation, with its images copied to local storage</p>
      </div>
      <CatalogProvider value={buildCatalog()}>
        <FilterBar />
        <GalleryGrid first={first} initialFilters={filters} />
      </CatalogProvider>
    </main>
  );
}
