import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { getRun } from "@/lib/db/runs";
import { RunView } from "./_components/run-view";
import { linkRunInputImages } from "@/lib/input-images";
import { QueryProvider } from "@/components/query-provider";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const run = await getRun((await params).id);
  return { title: run ? `Compare: ${run.prompt.slice(0, 50)}` : "Not found" };
}

export default async function RunPage({ params }: { params: Promise<{ id: string }> }) {
  const run = await getRun((await params).id);
  if (!run) notFound();
  // A grid has its own view.
  if (run.kind === "grid") redirect(`/grid/${run.id}`);
  return (
    <QueryProvider>
      <RunView initial={linkRunInputImages(run)} />
    </QueryProvider>
  );
}
