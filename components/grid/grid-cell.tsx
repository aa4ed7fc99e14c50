"use client";
import Link from "next/link";
import { Loader2, RotateCcw } from "lucide-react";
import type { GenerationDTO } from "@/lib/db/dto";
import { useRetryRefusal } from "@/lib/client/retry-refusals";
import { useRetry } from "@/lib/client/use-retry";
import { statusLabel } from "@/components/generation/status-label";
import { Button } from "@/components/ui/button";

/**
 * One cell of a grid: its image (opening the generation, where "use these settings" is), its state while it runs,
 * or why it failed with a retry of this cell alone; and the adjustments made for its model.
 */
export function GridCell({ g, name, notes }: { g: GenerationDTO | undefined; name: string; notes: string[] }) {
  if (!g) return <div className="bg-muted text-muted-foreground grid aspect-square place-items-center rounded-md text-xs">Not stored</div>;
  const img = g.images[0];
  return (
    <div className="grid content-start gap-1" data-testid="grid-cell" data-status={g.status} data-cell={name}>
      {img ? (
        <Link
          href={`/gallery/${g.id}`}
          aria-label={`Open ${name}`}
          className="bg-muted focus-visible:ring-ring block overflow-hidden rounded-md outline-none focus-visible:ring-2"
          style={{ aspectRatio: `${img.width} / ${img.height}` }}
        >
          {/* eslint-disable-next-line @next/next/no-img-element -- stored WebP thumbnail */}
          <img src={img.thumbUrl} alt={name} className="h-full w-full object-cover" loading="lazy" decoding="async" />
        </Link>
      ) : g.status === "failed" ? (
        <FailedCell g={g} name={name} />
      ) : (
        <div className="bg-muted text-muted-foreground flex aspect-square items-center justify-center gap-1.5 rounded-md text-xs" role="status">
          <Loader2 className="size-3.5 animate-spin" aria-hidden /> {statusLabel(g)}
        </div>
      )}
      {g.emulated && img && <p className="text-muted-foreground text-[11px]">emulated</p>}
      {notes.length > 0 && (
        <ul className="text-muted-foreground grid gap-0.5 text-[11px] leading-snug" aria-label="Adjustments">
          {notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Why it failed, or, once a retry was refused (over a budget, the server out of reach), why the retry was. */
function FailedCell({ g, name }: { g: GenerationDTO; name: string }) {
  const retry = useRetry(g.id);
  const refusal = useRetryRefusal(g.id);
  return (
    <div className="border-destructive/40 bg-destructive/5 grid aspect-square content-center gap-2 overflow-hidden rounded-md border p-2 text-xs">
      <p role="alert" className="text-destructive line-clamp-5">
        {refusal ? `Not retried: ${refusal}` : (g.error?.message ?? "Failed.")}
      </p>
      <div className="flex flex-wrap gap-1">
        <Button size="sm" variant="outline" onClick={retry.run} disabled={retry.pending} aria-label={`Retry ${name}`}>
          <RotateCcw aria-hidden /> Retry
        </Button>
        <Button size="sm" variant="ghost" asChild>
          <Link href={`/gallery/${g.id}`}>Details</Link>
        </Button>
      </div>
    </div>
  );
}
