"use client";
import Link from "next/link";
import { ArrowLeft } from "lucide-react";
import type { GenerationDTO } from "@/lib/db/dto";
import { useGeneration } from "@/lib/client/api";
import { getModel, getProvider } from "@/lib/providers";
import { formatDateTime, formatMs } from "@/lib/format";
import { costLine, imagesRequestedBy } from "@/lib/results/cost-line";
import { countWarning, seedUsed } from "@/lib/results/facts";
import { GenerationCard } from "@/components/generation/generation-card";
import { useResultModel } from "@/components/result-catalog-context";
import { DownloadButton } from "@/components/generation/download-button";
import { ReuseButtons } from "@/components/generation/reuse-menu";
import { Button } from "@/components/ui/button";
import { ShareDialog } from "@/components/share/share-dialog";
import { useRetry } from "@/lib/client/use-retry";
import { ParamsTable } from "@/components/generation/params-table";
import { DeleteGenerationButton, FavoriteButton } from "@/components/gallery/item-actions";

export function GenerationDetail({ initial, favorite = false }: { initial: GenerationDTO; favorite?: boolean }) {
  const { data } = useGeneration(initial.id, initial);
  const g = data ?? initial;
  const retry = useRetry(g.id);
  const provider = getProvider(g.provider)?.label ?? g.provider;
  const modelDef = getModel(g.provider, g.model);
  const model = modelDef?.label ?? g.model;
  const priced = useResultModel(g.provider, g.model).model;
  // A result stored since the runner notes a short batch itself carries the same words: said once.
  const warnings = [...new Set([countWarning(g, modelDef), ...g.warnings])].filter((w): w is string => w !== null);

  const facts: [string, React.ReactNode][] = [
    ["Provider", `${provider}${g.emulated ? " (emulated)" : ""}`],
    ["Model", `${model} (${g.model})`],
    ["Status", g.status],
    ["Seed used", <span key="seed" className="font-mono">{seedUsed(g, modelDef)}</span>],
    ["Created", formatDateTime(g.createdAt)],
    ["Waiting", formatMs(g.timings.waitMs)],
    ["Provider time", formatMs(g.timings.providerMs)],
    ["Download", formatMs(g.timings.downloadMs)],
    // A failure says whether it was billed: $0, or the estimate of what it may have cost (as the card does).
    ["Cost", costLine(g, priced?.listPrice, imagesRequestedBy(g, priced))?.text ?? "not reported"],
    ["Provider request id", <span key="rid" className="font-mono break-all">{g.providerRequestId ?? "–"}</span>],
  ];

  return (
    <main id="main" tabIndex={-1} className="outline-none mx-auto grid max-w-[1600px] gap-6 p-4 lg:grid-cols-[minmax(0,1fr)_420px] lg:p-6">
      <div className="grid min-w-0 content-start gap-3">
        <div>
          <Button asChild variant="ghost" size="sm">
            <Link href="/gallery">
              <ArrowLeft aria-hidden /> Gallery
            </Link>
          </Button>
        </div>
        <GenerationCard generation={g} onRetry={retry.run} retrying={retry.pending} />
      </div>

      <aside className="grid content-start gap-5" aria-label="Generation details">
        <section className="grid gap-2">
          <h1 className="text-muted-foreground text-xs font-medium tracking-wide uppercase">Prompt</h1>
          <p className="text-sm leading-relaxed whitespace-pre-wrap">{g.prompt}</p>
        </section>
        <div className="flex flex-wrap gap-2">
          <ReuseButtons generation={g} />
          <ShareDialog target={{ generationId: g.id }} />
          <DownloadButton generation={g} />
          <FavoriteButton runId={g.runId} favorite={favorite} />
          <DeleteGenerationButton generationId={g.id} runId={g.runId} />
        </div>
        <section aria-labelledby="facts-heading" className="grid gap-2">
          <h2 id="facts-heading" className="text-muted-foreground text-xs font-medium tracking-wide uppercase">
            Facts
          </h2>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
            {facts.map(([k, v]) => (
              <div key={k} className="contents">
                <dt className="text-muted-foreground">{k}</dt>
                <dd className="min-w-0">{v}</dd>
              </div>
            ))}
          </dl>
        </section>
        {warnings.length > 0 && (
          <section className="grid gap-1">
            <h2 className="text-muted-foreground text-xs font-medium tracking-wide uppercase">Warnings</h2>
            <ul className="list-disc pl-5 text-sm">
              {warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          </section>
        )}
        <ParamsTable title="Parameters as sent" values={g.sent ?? g.input} note={g.sent ? undefined : "Not sent yet: showing the form input."} />
      </aside>
    </main>
  );
}
