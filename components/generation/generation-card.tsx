"use client";
import Link from "next/link";
import { AlertTriangle, Clock, Loader2, RotateCcw, ShieldAlert } from "lucide-react";
import { AWAITING_DOWNLOAD, type GenerationDTO } from "@/lib/db/dto";
import { getModel, getProvider } from "@/lib/providers";
import { errorSummaries } from "@/lib/providers/types";
import { expectedSize } from "@/lib/params/sizes";
import { formatMs } from "@/lib/format";
import { formatUsdCost, usdCost } from "@/lib/results/pricing";
import { countWarning, seedUsed } from "@/lib/results/facts";
import { errorAdvice } from "@/lib/results/advice";
import { cn } from "@/lib/utils";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { RetryCostPreview } from "@/components/cost/retry-cost-preview";
import { useElapsed } from "./use-elapsed";
import { statusLabel } from "./status-label";

const phaseLabels: Record<string, string> = {
  starting: "Starting",
  submitting: "Sending to provider",
  downloading: "Copying image",
};

export { statusLabel };

export function totalMs(g: GenerationDTO) {
  const { waitMs, providerMs, downloadMs } = g.timings;
  if (providerMs == null) return null;
  return (waitMs ?? 0) + providerMs + (downloadMs ?? 0);
}

/** One generation: the image first, its facts in one quiet line, every state designed. */
export function GenerationCard({
  generation: g,
  onRetry,
  retrying,
  onOpenImage,
  actions,
  className,
}: {
  generation: GenerationDTO;
  onRetry?: () => void;
  retrying?: boolean;
  /** When given, images open in place (a lightbox) instead of linking to the detail page. */
  onOpenImage?: (imageIndex: number) => void;
  /** Small controls for the footer, before "Details" (e.g. the reuse menu). */
  actions?: React.ReactNode;
  className?: string;
}) {
  const provider = getProvider(g.provider);
  const model = getModel(g.provider, g.model);
  const providerLabel = provider?.label ?? g.provider;
  const active = g.status === "queued" || g.status === "running";
  const elapsed = useElapsed(g.createdAt, active);
  const first = g.images[0];
  const size = first ?? (model ? expectedSize(model.schema, g.input) : null);
  // Several images sit two to a row: reserve the whole grid's ratio so nothing shifts or leaves a hole.
  const cols = g.images.length > 1 ? 2 : 1;
  const rows = Math.max(1, Math.ceil(g.images.length / cols));
  const aspect = size ? `${size.width * cols} / ${size.height * rows}` : "1 / 1";
  const total = totalMs(g);
  const usd = g.status === "succeeded" ? usdCost(g.provider, g.model, g.cost, g.images.length) : null;
  const cost = formatUsdCost(usd);
  const mismatch = countWarning(g, model);

  return (
    <article
      aria-label={`${providerLabel} ${model?.label ?? g.model}: ${statusLabel(g)}`}
      data-status={g.status}
      className={cn("bg-card text-card-foreground flex flex-col overflow-hidden rounded-lg border", className)}
    >
      <header className="flex items-center gap-2 border-b px-3 py-2 text-xs">
        <span className="truncate font-medium">{providerLabel}</span>
        <span className="text-muted-foreground truncate">{model?.label ?? g.model}</span>
        {g.emulated && (
          <Badge variant="outline" className="shrink-0" title="Served by the built-in provider emulator">
            emulated
          </Badge>
        )}
        <StatusBadge g={g} />
      </header>

      <div className="bg-muted/40 relative w-full" style={{ aspectRatio: aspect }}>
        {g.status === "succeeded" && g.images.length > 0 && (
          <div className={cn("grid h-full w-full gap-px", g.images.length > 1 && "grid-cols-2")}>
            {g.images.map((img) => {
              const content = (
                <>
                  {/* eslint-disable-next-line @next/next/no-img-element -- our own stored bytes, sized by the box */}
                  <img
                    src={g.images.length > 1 ? img.thumbUrl : img.url}
                    alt={`${providerLabel} result ${img.index + 1} for: ${g.prompt}`}
                    width={img.width}
                    height={img.height}
                    className="h-full w-full object-contain"
                  />
                  {img.nsfw && (
                    <Badge variant="destructive" className="absolute top-2 left-2 gap-1">
                      <ShieldAlert className="size-3" aria-hidden /> flagged by safety filter
                    </Badge>
                  )}
                </>
              );
              const cls =
                "focus-visible:ring-ring relative block h-full w-full overflow-hidden outline-none focus-visible:ring-2 focus-visible:ring-inset";
              return onOpenImage ? (
                <button
                  key={img.id}
                  type="button"
                  className={cn(cls, "cursor-zoom-in")}
                  onClick={() => onOpenImage(img.index)}
                  aria-label={`View ${providerLabel} image ${img.index + 1} full screen`}
                >
                  {content}
                </button>
              ) : (
                <Link key={img.id} href={`/gallery/${g.id}`} className={cls}>
                  {content}
                </Link>
              );
            })}
          </div>
        )}
        {active && (
          <div className="absolute inset-0 flex flex-col items-center justify-center gap-2 p-4 text-center">
            <div className="from-muted/0 via-muted to-muted/0 absolute inset-0 animate-pulse bg-gradient-to-br" aria-hidden />
            <div className="relative flex items-center gap-2 text-sm font-medium">
              {g.status === "queued" ? (
                <Clock className="size-4" aria-hidden />
              ) : (
                <Loader2 className="size-4 animate-spin" aria-hidden />
              )}
              {g.status === "queued"
                ? `Waiting for a free ${providerLabel} slot`
                : (phaseLabels[g.phase ?? ""] ?? (g.phase ? `Provider: ${g.phase}` : "Running"))}
            </div>
            <div className="text-muted-foreground relative font-mono text-xs tabular-nums" aria-live="off">
              {elapsed != null ? formatMs(elapsed) : "\u00a0"}
            </div>
          </div>
        )}
        {g.status === "failed" && g.error && (
          <div role="alert" className="absolute inset-0 flex flex-col justify-center gap-2 overflow-auto p-4 text-sm">
            <div className="text-destructive flex items-start gap-2 font-medium">
              <AlertTriangle className="mt-0.5 size-4 shrink-0" aria-hidden />
              <span>
                {providerLabel} {errorSummaries[g.error.code]}
              </span>
            </div>
            <ErrorDetail headline={`${providerLabel} ${errorSummaries[g.error.code]}`} message={g.error.message} />
            {provider && errorAdvice(g.error.code, provider) && (
              <p className="text-foreground/90">{errorAdvice(g.error.code, provider)}</p>
            )}
            {g.error.providerMessage && (
              <p className="text-muted-foreground border-l-2 pl-2 text-xs break-words">
                Provider said: “{g.error.providerMessage}”
              </p>
            )}
            {g.error.retryAt && (
              <p className="text-muted-foreground text-xs">
                Rate limit resets at {new Date(g.error.retryAt).toLocaleTimeString()}.
              </p>
            )}
            {onRetry && (
              <RetryCostPreview generation={g}>
                <Button size="sm" variant="outline" onClick={onRetry} disabled={retrying}>
                  <RotateCcw aria-hidden /> {retryLabel(g, providerLabel)}
                </Button>
              </RetryCostPreview>
            )}
          </div>
        )}
      </div>

      {mismatch && (
        <p role="status" className="flex items-center gap-1.5 border-t bg-amber-500/10 px-3 py-1.5 text-xs text-amber-800 dark:text-amber-300">
          <AlertTriangle className="size-3.5 shrink-0" aria-hidden /> {mismatch}
        </p>
      )}
      <footer className="text-muted-foreground flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2 text-xs">
        <span title="Seed used">
          seed <span className="text-foreground font-mono">{seedUsed(g, model)}</span>
        </span>
        <span
          title={`waiting ${formatMs(g.timings.waitMs)} · provider ${formatMs(g.timings.providerMs)} · download ${formatMs(g.timings.downloadMs)}`}
        >
          {total != null ? formatMs(total) : active && elapsed != null ? formatMs(elapsed) : "–"}
        </span>
        {cost && (
          <span title={usd?.estimate ? `Estimate: ${usd.source}` : "Reported by the provider"} data-testid="cost">
            {cost}
          </span>
        )}
        {first && (
          <span>
            {first.width}×{first.height}
          </span>
        )}
        <span className="ml-auto flex items-center gap-2">
          {actions}
          <Link href={`/gallery/${g.id}`} className="hover:text-foreground underline-offset-2 hover:underline">
            Details
          </Link>
        </span>
      </footer>
    </article>
  );
}

/** What a retry will do, and whether it pays: a kept answer is only downloaded again. */
function retryLabel(g: GenerationDTO, providerLabel: string) {
  if (g.phase === AWAITING_DOWNLOAD) return "Retry download (no new charge)";
  if (g.error?.code === "interrupted") return `Retry ${providerLabel} (pays again)`;
  return `Retry ${providerLabel}`;
}

function StatusBadge({ g }: { g: GenerationDTO }) {
  const variant = g.status === "failed" ? "destructive" : g.status === "succeeded" ? "secondary" : "outline";
  return (
    <Badge variant={variant} className="ml-auto shrink-0">
      {statusLabel(g)}
    </Badge>
  );
}

/** The stored message, minus the part that only repeats the headline (e.g. leaving just "(HTTP 429)."). */
function ErrorDetail({ headline, message }: { headline: string; message: string }) {
  const rest = message.toLowerCase().startsWith(headline.toLowerCase()) ? message.slice(headline.length).trim() : message;
  if (!rest || rest === ".") return null;
  return <p className="text-foreground/90">{rest}</p>;
}
