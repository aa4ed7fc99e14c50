import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getGeneration } from "@/lib/db/generations";
import { isFavorite } from "@/lib/db/runs";
import { GenerationDetail } from "../_components/generation-detail";
import { linkInputImages } from "@/lib/input-images";
import { QueryProvider } from "@/components/query-provider";
import { buildResultCatalog } from "@/lib/results/build-result-catalog";
import { ResultCatalogProvider } from "@/components/result-catalog-context";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const g = await getGeneration((await params).id);
  return { title: g ? g.prompt.slice(0, 60) : "Not found" };
}

export default async function GenerationPage({ params }: { params: Promise<{ id: string }> }) {
  const g = await getGeneration((await params).id);
  if (!g) notFound();
  return (
    <QueryProvider>
      <ResultCatalogProvider value={buildResultCatalog()}>
        <GenerationDetail initial={linkInputImages(g)} favorite={await isFavorite(g.runId)} />
      </ResultCatalogProvider>
    </QueryProvider>
  );
}
