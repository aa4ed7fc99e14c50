import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getRun } from "@/lib/db/runs";
import { readGridSpec } from "@/lib/grid/stored";
import { linkRunInputImages } from "@/lib/input-images";
import { targetLabel } from "@/lib/providers/labels";
import { QueryProvider } from "@/components/query-provider";
import { GridView } from "@/components/grid/grid-view";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const run = await getRun((await params).id);
  return { title: run ? `Grid: ${run.prompt.slice(0, 50)}` : "Not found" };
}

export default async function GridRunPage({ params }: { params: Promise<{ id: string }> }) {
  const run = await getRun((await params).id);
  const spec = run?.kind === "grid" ? readGridSpec(run.spec) : null;
  if (!run || !spec) notFound();
  return (
    <QueryProvider>
      <GridView initial={linkRunInputImages(run)} spec={spec} modelLabel={targetLabel(spec.model)} />
    </QueryProvider>
  );
}
