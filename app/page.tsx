import type { Metadata } from "next";
import { Suspense } from "react";
import { listGenerations } from "@/lib/db/generations";
import { providerStatuses } from "@/lib/providers/status";
import { buildFormCatalog } from "@/lib/forms/build-catalog";
import { buildResultCatalog } from "@/lib/results/build-result-catalog";
import { ResultCatalogProvider } from "@/components/result-catalog-context";
import { Playground } from "./_components/playground/playground";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Playground" };

export default async function PlaygroundPage() {
  const recent = await listGenerations({ limit: 16 });
  return (
    // Descriptors, not schemas: the browser gets plain data and no zod (lib/forms/catalog.ts); the result cards
    // poll with a small hook of their own, so no data-fetching library either; they read names and field roles from
    // a plain result catalog (lib/results/result-catalog.ts).
    <Suspense>
      <ResultCatalogProvider value={buildResultCatalog()}>
        <Playground catalog={buildFormCatalog()} statuses={providerStatuses()} recent={recent.items} />
      </ResultCatalogProvider>
    </Suspense>
  );
}
