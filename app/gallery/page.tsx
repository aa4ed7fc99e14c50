import type { Metadata } from "next";
import { listRuns } from "@/lib/db/runs";
import { GalleryGrid } from "./_components/gallery-grid";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Gallery" };

export default async function GalleryPage() {
  const first = await listRuns({ limit: 40 });
  return (
    <main className="mx-auto max-w-[1600px] p-4 lg:p-6">
      <div className="mb-4 flex items-baseline justify-between gap-4">
        <h1 className="text-lg font-semibold tracking-tight">Gallery</h1>
        <p className="text-muted-foreground text-xs">Newest first · every generation, with its images copied to local storage</p>
      </div>
      <GalleryGrid first={first} />
    </main>
  );
}
