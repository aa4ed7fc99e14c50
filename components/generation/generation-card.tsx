"use client";
import Link from "next/link";
import { lazy, Suspense } from "react";
import { AlertTriangle, Clock, Loader2, ShieldAlert } from "lucide-react";
import type { GenerationDTO } from "@/lib/db/dto";
import { sizeForInput } from "@/lib/params/size-labels";
import type { ResultModel } from "@/lib/results/result-catalog";
import { formatMs } from "@/lib/format";
import { costLine, imagesRequestedBy } from "@/lib/results/cost-line";
import { countWarningBy, imagesAskedForBy, seedUsedBy } from "@/lib/results/role-facts";
import { cn } from "@/lib/utils";
import { Badge } from "@/components/ui/badge";
import { useResultModel } from "@/components/result-catalog-context";
import { useElapsed } from "./use-elapsed";
import { isCancelled, statusLabel } from "./status-label";

const phaseLabels: Record<string, string> = {
  starting: "Starting",
  submitting: "Sending to provider",
  downloading: "Copying image",
  collecting: "Collecting by its id",
};

export { statusLabel };

// Only a failed card shows it (with its advice and the retry's cost preview): not part of every card's first load.
const FailedOverlay = lazy(() => import("./failed-overlay").then((m) => ({ default: m.FailedOverlay })));
// Only unfinished work can be cancelled: a page of finished results (the playground after a reload) loads none of it.
const CancelButton = lazy(() => import("./cancel-button").then((m) => ({ default: m.CancelButton })));

export function totalMs(g: GenerationDTO) {
  const { waitMs, providerMs, downloadMs } = g.timings;
  if (providerMs == null) return null;
  return (waitMs ?? 0) + providerMs + (downloadMs ?? 0);
}

interface CardProps {
  generation: GenerationDTO;
  onRetry?: () => void;
  retrying?: boolean;
  /** When given, images open in place (a lightbox) instead of linking to the detail page. */
  onOpenImage?: (imageIndex: number) => void;
  /** Small controls for the footer, before "Details" (e.g. the reuse menu). */
  actions?: React.ReactNode;
  /** Load the images only near the viewport (cards a page starts with below the fold). */
  lazyImages?: boolean;
  className?: string;
}

/** One generation: the image first, its facts in one quiet line, every state designed. */
export function GenerationCard({ generation: g, onRetry, retrying, onOpenImage, actions, lazyImages, className }: CardProps) {
  const { provider, model } = useResultModel(g.provider, g.model);
  const providerLabel = provider?.label ?? g.provider;
  const active = g.status === "queued" || g.status === "running";
  const elapsed = useElapsed(g.createdAt, active);
  const size = g.images[0] ?? (model ? sizeForInput(model, g.input) : null);
  // Several images sit two to a row: reserve the whole grid's ratio so nothing shifts or leaves a hole. Until they
  // arrive, the box is the one the images asked for will fill (a failure shows in a single image's box).
  const count = g.images.length > 0 ? g.images.length : g.status === "failed" ? 1 : imagesAskedForBy(g, model);
  const cols = count > 1 ? 2 : 1;
  const rows = Math.max(1, Math.ceil(count / cols));
  const aspect = size ? `${size.width * cols} / ${size.height * rows}` : "1 / 1";
  const mismatch = countWarningBy(g, model);
  // A cancel the provider could not act on (a sync request already sent, or a job already running): say so here, not
  // only on the detail page, or "Done" with a charge reads as if the cancel was ignored.
  const lateCancel = g.status === "succeeded" && g.cancelRequested
    ? "Cancel came too late: the request had already reached the provider, so the image is kept (it is paid for)."
    : null;

  return (
    <article
      aria-label={`${providerLabel} ${model?.label ?? g.model}: ${statusLabel(g)}`}
      data-status={g.status}
      className={cn("bg-card text-card-foreground flex flex-col overflow-hidden rounded-lg border", className)}
    >
      {/*
        The provider is what is compared, so it keeps its whole name (cut only if longer than the card); the model takes
        what is left, at least 5rem, and the badges wrap to a second line when a narrow card has no room for them.
      */}
      <header className="flex flex-wrap items-center gap-x-2 gap-y-1 border-b px-3 py-2 text-xs">
        <span className="max-w-full shrink-0 truncate font-medium" title={providerLabel}>
          {providerLabel}
        </span>
        <span className="text-muted-foreground min-w-20 flex-1 basis-0 truncate" title={model?.label ?? g.model}>
          {model?.label ?? g.model}
        </span>
        {g.emulated && (
          <Badge variant="outline" className="shrink-0" title="Served by the built-in provider emulator">
            emulated
          </Badge>
        )}
        <StatusBadge g={g} />
      </header>

      <div className="bg-muted/40 relative w-full" style={{ aspectRatio: aspect }}>
        {g.status === "succeeded" && g.images.length > 0 && <CardImages g={g} providerLabel={providerLabel} onOpenImage={onOpenImage} lazy={lazyImages} />}
        {active && <ActiveOverlay g={g} providerLabel={providerLabel} elapsed={elapsed} />}
        {g.status === "failed" && g.error && (
          <Suspense fallback={null}>
            <FailedOverlay g={g} provider={provider} providerLabel={providerLabel} onRetry={onRetry} retrying={retrying} />
          </Suspense>
        )}
      </div>

      {[mismatch, lateCancel].filter(Boolean).map((note) => (
        <p key={note} role="status" className="flex items-center gap-1.5 border-t bg-amber-500/10 px-3 py-1.5 text-xs text-amber-800 dark:text-amber-300">
          <AlertTriangle className="size-3.5 shrink-0" aria-hidden /> {note}
        </p>
      ))}
      <CardFooter g={g} model={model} elapsed={active ? elapsed : null} actions={actions} />
    </article>
  );
}

function CardImages({
  g,
  providerLabel,
  onOpenImage,
  lazy,
}: {
  g: GenerationDTO;
  providerLabel: string;
  onOpenImage?: (imageIndex: number) => void;
  lazy?: boolean;
}) {
  const cls = "focus-visible:ring-ring relative block h-full w-full overflow-hidden outline-none focus-visible:ring-2 focus-visible:ring-inset";
  return (
    <div
      className={cn("grid h-full w-full gap-px", g.images.length > 1 && "grid-cols-2")}
      // Rows of equal height, whatever the images' own sizes: the box's ratio was reserved for them.
      style={{ gridTemplateRows: `repeat(${Math.ceil(g.images.length / (g.images.length > 1 ? 2 : 1))}, minmax(0, 1fr))` }}
    >
      {g.images.map((img, i) => {
        // An odd count: the last image takes the whole last row rather than leaving a hole beside it.
        const wide = g.images.length > 1 && g.images.length % 2 === 1 && i === g.images.length - 1;
        const content = (
          <>
            {/* eslint-disable-next-line @next/next/no-img-element -- our own stored bytes, sized by the box */}
            <img
              src={g.images.length > 1 ? img.thumbUrl : img.viewUrl}
              alt={`${providerLabel} result ${img.index + 1} for: ${g.prompt}`}
              width={img.width}
              height={img.height}
              loading={lazy ? "lazy" : undefined}
              className="absolute inset-0 h-full w-full object-contain"
            />
            {img.nsfw && (
              <Badge variant="destructive" className="absolute top-2 left-2 gap-1">
                <ShieldAlert className="size-3" aria-hidden /> flagged by safety filter
              </Badge>
            )}
          </>
        );
        return onOpenImage ? (
          <button
            key={img.id}
            type="button"
            className={cn(cls, "cursor-zoom-in", wide && "col-span-2")}
            onClick={() => onOpenImage(img.index)}
            aria-label={`View ${providerLabel} image ${img.index + 1} full screen`}
          >
            {content}
          </button>
        ) : (
          <Link key={img.id} href={`/gallery/${g.id}`} className={cn(cls, wide && "col-span-2")}>
            {content}
          </Link>
        );
      })}
    </div>
  );
}

function ActiveOverlay({ g, providerLabel, elapsed }: { g: GenerationDTO; providerLabel: string; elapsed: number | null }) {
  return (
    <div className="absolute inset-0 flex flex-col items-center justify-center gap-2 p-4 text-center">
      <div className="from-muted/0 via-muted to-muted/0 absolute inset-0 animate-pulse bg-gradient-to-br" aria-hidden />
      <div className="relative flex items-center gap-2 text-sm font-medium">
        {g.status === "queued" ? <Clock className="size-4" aria-hidden /> : <Loader2 className="size-4 animate-spin" aria-hidden />}
        {g.status === "queued"
          ? `Waiting for a free ${providerLabel} slot`
          : (phaseLabels[g.phase ?? ""] ?? (g.phase ? `Provider: ${g.phase}` : "Running"))}
      </div>
      <div className="text-muted-foreground relative font-mono text-xs tabular-nums" aria-live="off">
        {elapsed != null ? formatMs(elapsed) : "\u00a0"}
      </div>
    </div>
  );
}

/** The quiet facts line: seed, time, cost, size, then the actions area (callers' controls) and "Details". */
function CardFooter({
  g,
  model,
  elapsed,
  actions,
}: {
  g: GenerationDTO;
  model: ResultModel | undefined;
  /** While running: time so far. */
  elapsed: number | null;
  actions?: React.ReactNode;
}) {
  const total = totalMs(g);
  // A failure with no image counts every image it asked for against the budget: the card says the same.
  const cost = costLine(g, model?.listPrice, imagesRequestedBy(g, model));
  const first = g.images[0];
  return (
    <footer className="text-muted-foreground flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2 text-xs">
      <span title="Seed used">
        seed <span className="text-foreground font-mono">{seedUsedBy(g, model)}</span>
      </span>
      <span title={`waiting ${formatMs(g.timings.waitMs)} · provider ${formatMs(g.timings.providerMs)} · download ${formatMs(g.timings.downloadMs)}`}>
        {total != null ? formatMs(total) : elapsed != null ? formatMs(elapsed) : "–"}
      </span>
      {cost && (
        <span title={cost.title} data-testid="cost">
          {cost.text}
        </span>
      )}
      {first && (
        <span>
          {first.width}×{first.height}
        </span>
      )}
      <span className="ml-auto flex items-center gap-2">
        {(g.status === "queued" || g.status === "running") && (
          <Suspense fallback={null}>
            <CancelButton generation={g} />
          </Suspense>
        )}
        {actions}
        <Link href={`/gallery/${g.id}`} className="hover:text-foreground underline-offset-2 hover:underline">
          Details
        </Link>
      </span>
    </footer>
  );
}

function StatusBadge({ g }: { g: GenerationDTO }) {
  const variant = isCancelled(g) ? "outline" : g.status === "failed" ? "destructive" : g.status === "succeeded" ? "secondary" : "outline";
  return (
    <Badge variant={variant} className="ml-auto shrink-0">
      {statusLabel(g)}
    </Badge>
  );
}
