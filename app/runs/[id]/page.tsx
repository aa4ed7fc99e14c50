import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { getRun } from "@/lib/db/runs";
import { RunView } from "./_components/run-view";
import { linkRunInputImages } from "@/lib/input-images";
import { QueryProvider } from "@/components/query-provider";
import { parityReport } from "@/lib/parity/report";
import { ParityLine } from "./_components/parity-line";
import { LazyBatchView } from "@/components/batch/lazy-batch-view";
import { buildResultCatalog } from "@/lib/results/build-result-catalog";
import { ResultCatalogProvider } from "@/components/result-catalog-context";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const run = await getRun((await params).id);
  return { title: run ? `${run.kind === "suite" ? "Suite" : "Compare"}: ${run.prompt.slice(0, 50)}` : "Not found" };
}

export default async function RunPage({ params }: { params: Promise<{ id: string }> }) {
  const run = await getRun((await params).id);
  if (!run) notFound();
  // A grid has its own view.
  if (run.kind === "grid") redirect(`/grid/${run.id}`);
  // A suite's grid is its own view (and may hold thousands of pairs): its parity is on /runs/<id>/parity.
  if (run.kind === "suite") {
    return (
      <QueryProvider>
        <LazyBatchView initial={run} />
      </QueryProvider>
    );
  }
  // Computed here on the server (scored once, then read from the Parity table): no parity code in the page's JS.
  const parity = await parityReport(run);
  return (
    <QueryProvider>
      <ResultCatalogProvider value={buildResultCatalog()}>
        <RunView initial={linkRunInputImages(run)} parity={<ParityLine runId={run.id} report={parity} />} />
      </ResultCatalogProvider>
    </QueryProvider>
  );
}
