import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { listActiveShares } from "@/lib/db/shares";
import { ShareList } from "./_components/share-list";
import { buildCatalog } from "@/lib/providers/catalog";
import { Button } from "@/components/ui/button";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Shares" };

export default async function SharesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // `?before=` is the place of the last link on the page before (lib/db/shares.ts): older links, 100 at a time.
  const { before } = await searchParams;
  if (Array.isArray(before)) notFound();
  const page = await listActiveShares({ cursor: before });
  if (!page) notFound();
  const { items, total, nextCursor } = page;
  return (
    <main id="main" tabIndex={-1} className="outline-none mx-auto grid max-w-5xl gap-4 p-4 lg:p-6">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h1 className="text-lg font-semibold tracking-tight">{before ? "Shares · older links" : "Shares"}</h1>
        <p className="text-muted-foreground text-xs">
          {total === 0
            ? "Links you create appear here"
            : `${total} active ${total === 1 ? "link" : "links"} · anyone with a link can view it until you revoke it`}
        </p>
      </div>
      {before && items.length === 0 ? (
        <p className="text-muted-foreground rounded-lg border border-dashed px-6 py-10 text-center text-sm">No older links.</p>
      ) : (
        <ShareList shares={items} catalog={buildCatalog()} />
      )}
      {(before || nextCursor) && (
        <nav aria-label="Pages of links" className="flex flex-wrap justify-between gap-2">
          {before ? (
            <Button asChild size="sm" variant="outline">
              <Link href="/shares">Newest links</Link>
            </Button>
          ) : (
            <span />
          )}
          {nextCursor && (
            <Button asChild size="sm" variant="outline">
              <Link href={`/shares?before=${encodeURIComponent(nextCursor)}`}>Older links</Link>
            </Button>
          )}
        </nav>
      )}
    </main>
  );
}
