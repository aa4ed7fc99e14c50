import type { Metadata } from "next";
import { listGenerations } from "@/lib/db/generations";
import { providerStatuses } from "@/lib/providers/status";
import { buildFormCatalog } from "@/lib/forms/build-catalog";
import { buildResultCatalog } from "@/lib/results/build-result-catalog";
import { ResultCatalogProvider } from "@/components/result-catalog-context";
import { LazyPlayground as Playground } from "./_components/playground/lazy-playground";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Playground" };

export default function PlaygroundPage() {
  // Not awaited: the form is the page's first paint and must not wait for the database. The latest results stream in
  // under their own boundary (an awaited page put the whole page behind one, revealed only after React's reveal delay).
  const recent = listGenerations({ limit: 16 }).then((page) => page?.items ?? []);
  return (
    // Descriptors, not schemas: the browser gets plain data and no zod (lib/forms/catalog.ts); the result cards
    // poll with a small hook of their own, so no data-fetching library either; they read names and field roles from
    // a plain result catalog (lib/results/result-catalog.ts).
    <ResultCatalogProvider value={buildResultCatalog()}>
      <Playground catalog={buildFormCatalog()} statuses={providerStatuses()} recent={recent} />
    </ResultCatalogProvider>
  );
}
