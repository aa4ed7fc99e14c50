"use client";
import Link from "next/link";
import { useEffect, useState } from "react";
import { Scale, Square } from "lucide-react";
import type { GenerationDTO, RunDTO } from "@/lib/db/dto";
import { cancelBatch } from "@/lib/actions/cancel-batch";
import { formatDateTime } from "@/lib/format";
import { targetLabel } from "@/lib/providers/labels";
import { DeleteRunButton, FavoriteButton } from "@/components/gallery/item-actions";
import { Button } from "@/components/ui/button";
import { BatchGrid } from "./batch-grid";
import { type BatchProgress, batchProgress, formatEta } from "./progress";
import { type SuiteSpecView, readSuiteSpec } from "@/lib/suites/run-spec";
import { useBatch } from "./use-batch";

/** A suite run: its progress (done / failed / total, ETA), one cancel for the whole batch, and the live grid. */
export function BatchView({ initial }: { initial: RunDTO }) {
  const { data } = useBatch(initial);
  const run = data ?? initial;
  const spec = readSuiteSpec(run.spec);
  const p = useLiveProgress(run.generations);
  const active = p.finished < p.total;
  const { cancel, cancelAll } = useCancelBatch(run.id);

  if (!spec) return <p className="p-4 text-sm">This batch&apos;s description cannot be read.</p>;
  const labels = spec.targets.map(targetLabel);
  return (
    <main id="main" tabIndex={-1} className="mx-auto grid w-full max-w-[1600px] min-w-0 grid-cols-1 gap-4 p-4 outline-none lg:p-6">
      <header className="grid gap-2">
        <BatchSummary spec={spec} createdAt={run.createdAt} />
        <h1 className="text-base font-medium break-words">{spec.name}</h1>
        <ProgressLine p={p} active={active} />
        <div className="flex flex-wrap gap-2">
          {active && (
            <Button size="sm" variant="destructive" onClick={() => void cancelAll()} disabled={cancel.pending}>
              <Square aria-hidden /> Cancel the batch
            </Button>
          )}
          {!active && p.succeeded > 0 && (
            <Button size="sm" variant="outline" asChild>
              <Link href={`/arena?run=${run.id}`}>
                <Scale aria-hidden /> Vote on these blind
              </Link>
            </Button>
          )}
          <FavoriteButton runId={run.id} favorite={run.favorite} />
          <DeleteRunButton runId={run.id} kind={run.kind} />
        </div>
        {cancel.message && (
          <p role="status" className="text-sm">
            {cancel.message}
          </p>
        )}
      </header>
      <BatchGrid spec={spec} generations={run.generations} labels={labels} />
    </main>
  );
}

/** Progress of the batch, recomputed every second while work remains so the ETA counts down. */
function useLiveProgress(generations: GenerationDTO[]): BatchProgress {
  const [now, setNow] = useState(() => Date.now());
  const p = batchProgress(generations, now);
  const active = p.finished < p.total;
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return p;
}

function useCancelBatch(runId: string) {
  const [cancel, setCancel] = useState<{ pending: boolean; message: string | null }>({ pending: false, message: null });
  const cancelAll = async () => {
    setCancel({ pending: true, message: null });
    const result = await cancelBatch({ runId }).catch(() => null);
    setCancel({
      pending: false,
      message: result?.ok
        ? `Cancelled ${result.canceled} waiting ${result.canceled === 1 ? "image" : "images"}${result.stopping ? `; ${result.stopping} already running will finish or stop` : ""}.`
        : (result?.message ?? "The server could not be reached."),
    });
  };
  return { cancel, cancelAll };
}

function BatchSummary({ spec, createdAt }: { spec: SuiteSpecView; createdAt: RunDTO["createdAt"] }) {
  return (
    <p className="text-muted-foreground text-xs">
      Prompt suite · {spec.prompts.length} prompts × {spec.targets.length} targets · {formatDateTime(createdAt)}
      {spec.suiteId && (
        <>
          {" · "}
          <Link href={`/suites/${spec.suiteId}`} className="underline-offset-2 hover:underline">
            open the suite
          </Link>
        </>
      )}
    </p>
  );
}

function ProgressLine({ p, active }: { p: BatchProgress; active: boolean }) {
  const pct = p.total ? Math.round((p.finished / p.total) * 100) : 100;
  return (
    <div className="grid gap-1">
      <div
        role="progressbar"
        aria-label="Batch progress"
        aria-valuemin={0}
        aria-valuemax={p.total}
        aria-valuenow={p.finished}
        className="bg-muted flex h-2.5 w-full overflow-hidden rounded-full"
      >
        <span className="bg-primary h-full" style={{ width: `${(p.succeeded / Math.max(1, p.total)) * 100}%` }} />
        <span className="bg-destructive h-full" style={{ width: `${(p.failed / Math.max(1, p.total)) * 100}%` }} />
      </div>
      <p className="text-xs" data-testid="batch-progress">
        {p.succeeded} done · {p.failed} failed{p.canceled > 0 && ` (${p.canceled} cancelled)`} · {p.total} total · {pct}%
        {active && (p.etaMs !== null ? ` · ${formatEta(p.etaMs)} left` : " · estimating time left…")}
      </p>
    </div>
  );
}
