import type { Metadata } from "next";
import { listActiveShares } from "@/lib/db/shares";
import { ShareList } from "./_components/share-list";
import { buildCatalog } from "@/lib/providers/catalog";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Shares" };

export default async function SharesPage() {
  const shares = await listActiveShares();
  return (
    <main id="main" tabIndex={-1} className="outline-none mx-auto grid max-w-5xl gap-4 p-4 lg:p-6">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h1 className="text-lg font-semibold tracking-tight">Shares</h1>
        <p className="text-muted-foreground text-xs">
          {shares.length === 0
            ? "Links you create appear here"
            : `${shares.length} active ${shares.length === 1 ? "link" : "links"} · anyone with a link can view it until you revoke it`}
        </p>
      </div>
      <ShareList shares={shares} catalog={buildCatalog()} />
    </main>
  );
}
