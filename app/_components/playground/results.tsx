"use client";
import { Suspense, use } from "react";
import Link from "next/link";
import { ImageIcon } from "lucide-react";
import type { GenerationDTO } from "@/lib/db/dto";
import { GenerationCard } from "@/components/generation/generation-card";
import { ReuseMenu } from "@/components/generation/reuse-menu";
import { useLiveGeneration } from "./use-live-generation";

/**
 * Grid rows, not CSS columns: cards read across in the order they were asked for (newest first), and a card that
 * grows when its image arrives stays where it is rather than moving the others to another column.
 */
const resultColumns = "grid grid-cols-1 items-start gap-4 sm:grid-cols-2 2xl:grid-cols-3";

/** This session's results, or after a reload the latest ones (not an empty "your images appear here"). */
export function Results({ session, recent }: { session: string[]; recent: Promise<GenerationDTO[]> }) {
  return (
    <main id="results" className="min-w-0 scroll-mt-12 p-4 lg:p-6" aria-label="Results">
      <h1 className="sr-only">Playground</h1>
      <Suspense fallback={<div className="bg-muted/40 min-h-[40vh] animate-pulse rounded-xl" aria-label="Loading the latest results" />}>
        <ResultList session={session} recent={recent} />
      </Suspense>
    </main>
  );
}

function ResultList({ session, recent: pending }: { session: string[]; recent: Promise<GenerationDTO[]> }) {
  const recent = use(pending);
  const latest = recent.slice(0, 4);
  return (
    <>
      {session.length > 0 ? (
        <section aria-label="This session" className={resultColumns}>
          {session.map((id) => (
            <LiveCard key={id} id={id} />
          ))}
        </section>
      ) : latest.length > 0 ? (
        <section aria-label="Latest results" className={resultColumns}>
          {latest.map((g) => (
            <LiveCard key={g.id} id={g.id} initial={g} />
          ))}
        </section>
      ) : (
        <EmptyState />
      )}
      {recent.length > 0 && <RecentStrip recent={recent} />}
    </>
  );
}

function RecentStrip({ recent }: { recent: GenerationDTO[] }) {
  return (
    <section aria-labelledby="recent-heading" className="mt-8">
      <div className="mb-3 flex items-baseline justify-between">
        <h2 id="recent-heading" className="text-sm font-medium">
          Recent in the gallery
        </h2>
        <Link href="/gallery" className="text-muted-foreground hover:text-foreground text-xs underline-offset-2 hover:underline">
          Open gallery
        </Link>
      </div>
      <ul className="grid grid-cols-3 gap-2 sm:grid-cols-4 md:grid-cols-6 xl:grid-cols-8">
        {recent.map((g) => (
          <li key={g.id}>
            <Link
              href={`/gallery/${g.id}`}
              title={g.prompt}
              className="bg-muted focus-visible:ring-ring block aspect-square overflow-hidden rounded-md outline-none focus-visible:ring-2"
            >
              {g.images[0] ? (
                // eslint-disable-next-line @next/next/no-img-element -- stored thumbnail
                <img src={g.images[0].thumbUrl} alt={g.prompt} className="h-full w-full object-cover" loading="lazy" />
              ) : (
                <span className="text-muted-foreground flex h-full items-center justify-center p-1 text-center text-[10px]">
                  {g.status}
                </span>
              )}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

function LiveCard({ id, initial }: { id: string; initial?: GenerationDTO }) {
  const { data, error, retry, retrying } = useLiveGeneration(id, initial);
  if (error) return <p className="text-destructive text-sm">Could not load this result: {error.message}</p>;
  if (!data) return <div className="bg-muted aspect-square animate-pulse rounded-lg" aria-label="Loading result" />;
  return (
    // The latest results a reload shows sit below the form on a phone: their images wait until scrolled near.
    <GenerationCard generation={data} onRetry={retry} retrying={retrying} actions={<ReuseMenu generation={data} />} lazyImages={initial !== undefined} />
  );
}

function EmptyState() {
  return (
    <div className="text-muted-foreground flex min-h-[40vh] flex-col items-center justify-center gap-3 rounded-xl border border-dashed p-8 text-center">
      <ImageIcon className="size-8 opacity-60" aria-hidden />
      <p className="text-foreground text-sm font-medium">Your images appear here</p>
      <p className="max-w-sm text-sm">
        Write a prompt, adjust the model&apos;s settings and press Generate (or{" "}
        <kbd className="bg-muted rounded border px-1 font-mono text-xs">Ctrl</kbd>+
        <kbd className="bg-muted rounded border px-1 font-mono text-xs">Enter</kbd>). Every result is kept in the gallery.
      </p>
    </div>
  );
}
