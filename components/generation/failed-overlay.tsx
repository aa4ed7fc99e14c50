"use client";
import { AlertTriangle, Ban, RotateCcw } from "lucide-react";
import { AWAITING_DOWNLOAD, type GenerationDTO } from "@/lib/db/dto";
import type { ResultProvider } from "@/lib/results/result-catalog";
import { errorSummaries } from "@/lib/providers/error-codes";
import { errorText } from "@/lib/results/error-text";
import { collectsById, RetryCostPreview } from "@/components/cost/retry-cost-preview";
import { errorAdvice } from "@/lib/results/advice";
import { Button } from "@/components/ui/button";
import { formatTime } from "@/lib/format";
import { cn } from "@/lib/utils";
import { isCancelled } from "./status-label";

/** A failed generation's card face: what went wrong in words, what to do, and a retry that says whether it pays. */
export function FailedOverlay({
  g,
  provider,
  providerLabel,
  onRetry,
  retrying,
}: {
  g: GenerationDTO;
  provider: ResultProvider | undefined;
  providerLabel: string;
  onRetry?: () => void;
  retrying?: boolean;
}) {
  const error = g.error!;
  const headline = `${providerLabel} ${errorSummaries[error.code]}`;
  const advice = provider ? errorAdvice(error.code, provider, g.emulated) : null;
  // A cancel the person asked for is news, not an alarm: said calmly, and not announced as an alert.
  const cancelled = isCancelled(g);
  const Icon = cancelled ? Ban : AlertTriangle;
  return (
    <div role={cancelled ? "status" : "alert"} className="absolute inset-0 flex flex-col justify-center gap-2 overflow-auto p-4 text-sm">
      <div className={cn("flex items-start gap-2 font-medium", cancelled ? "text-foreground" : "text-destructive")}>
        <Icon className="mt-0.5 size-4 shrink-0" aria-hidden />
        <span>{errorText(headline, error.message).headline}</span>
      </div>
      <ErrorDetail headline={headline} message={error.message} />
      {advice && <p className="text-foreground/90">{advice}</p>}
      {error.providerMessage && (
        <p className="text-muted-foreground border-l-2 pl-2 text-xs break-words">Provider said: “{error.providerMessage}”</p>
      )}
      {error.retryAt && <p className="text-muted-foreground text-xs">Rate limit resets at {formatTime(error.retryAt)}.</p>}
      {onRetry && (
        <div>
          <RetryCostPreview generation={g}>
            <Button size="sm" variant="outline" onClick={onRetry} disabled={retrying}>
              <RotateCcw aria-hidden /> {retryLabel(g, providerLabel)}
            </Button>
          </RetryCostPreview>
        </div>
      )}
    </div>
  );
}

/** What a retry will do, and whether it pays: a kept answer is only downloaded again. */
function retryLabel(g: GenerationDTO, providerLabel: string) {
  if (g.phase === AWAITING_DOWNLOAD) return "Retry download (no new charge)";
  if (collectsById(g)) return `Collect from ${providerLabel} (no new charge)`;
  if (g.error?.code === "interrupted") return `Retry ${providerLabel} (pays again)`;
  return `Retry ${providerLabel}`;
}

/** The stored message, minus the part that only repeats the headline (a bare "(HTTP 429)." joins the headline). */
function ErrorDetail({ headline, message }: { headline: string; message: string }) {
  const { detail } = errorText(headline, message);
  return detail ? <p className="text-foreground/90">{detail}</p> : null;
}
