import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getRun } from "@/lib/db/runs";
import { RunView } from "./_components/run-view";
import { linkRunInputImages } from "@/lib/input-images";
import { QueryProvider } from "@/components/query-provider";
import { LazyBatchView } from "@/components/batch/lazy-batch-view";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const run = await getRun((await params).id);
  return { title: run ? `${run.kind === "suite" ? "Suite" : "Compare"}: ${run.prompt.slice(0, 50)}` : "Not found" };
}

export default async function RunPage({ params }: { params: Promise<{ id: string }> }) {
  const run = await getRun((await params).id);
  if (!run) notFound();
  return (
    <QueryProvider>
      {run.kind === "suite" ? <LazyBatchView initial={run} /> : <RunView initial={linkRunInputImages(run)} />}
    </QueryProvider>
  );
}
