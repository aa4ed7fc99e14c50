"use client";
import { useEffect, useMemo, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { Dices, Repeat } from "lucide-react";
import type { GenerationDTO, RunDTO } from "@/lib/db/dto";
import type { Adjustment } from "@/lib/compare/mapping";
import { useRun } from "@/lib/client/api";
import { targetLabel } from "@/lib/providers/labels";
import { getModel } from "@/lib/providers";
import { formatDateTime } from "@/lib/format";
import { seedUsed } from "@/lib/results/facts";
import { rerun } from "@/lib/actions/rerun";
import { GenerationCard } from "@/components/generation/generation-card";
import { ReuseMenu } from "@/components/generation/reuse-menu";
import { CancelAllButton } from "@/components/generation/cancel-button";
import dynamic from "next/dynamic";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ShareDialog } from "@/components/share/share-dialog";
import { useRetry } from "@/lib/client/use-retry";
import { DeleteGenerationButton, DeleteRunButton, DownloadZipButton, FavoriteButton } from "@/components/gallery/item-actions";
import { SentPanel } from "./sent-panel";
import { distinctions } from "./distinctions";
import { PairView } from "./pair-view";
import { newSubmissionKey } from "@/lib/client/submission-key";

// The full-screen viewer loads on first use.
const Lightbox = dynamic(() => import("@/components/compare/lightbox").then((m) => m.Lightbox), { ssr: false });

function adjustmentsOf(run: RunDTO, position: number): Adjustment[] {
  const targets = run.shared.targets;
  if (!Array.isArray(targets)) return [];
  const t = targets[position] as { adjustments?: Adjustment[] } | undefined;
  return Array.isArray(t?.adjustments) ? t.adjustments : [];
}

/** Every stored image of the run, in target order, for full-screen browsing. */
function lightboxItems(run: RunDTO, distinct: Map<string, string>) {
  return run.generations.flatMap((g) =>
    g.images.map((img) => ({
      id: img.id,
      src: img.url,
      alt: `${targetLabel(g)} result`,
      title: [targetLabel(g), distinct.get(g.id)].filter(Boolean).join(" · "),
      caption: `seed ${seedUsed(g, getModel(g.provider, g.model))} · ${img.width}×${img.height}`,
      width: img.width,
      height: img.height,
    })),
  );
}

export function RunView({ initial, parity }: { initial: RunDTO; parity?: React.ReactNode }) {
  const router = useRouter();
  const { data } = useRun(initial.id, initial);
  const run = data ?? initial;
  // The open image by id, not position: a target finishing while it is open adds images before it.
  const [openImage, setOpenImage] = useState<string | null>(null);
  const [rerunning, setRerunning] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const distinct = useMemo(() => distinctions(run.generations), [run.generations]);
  const items = useMemo(() => lightboxItems(run, distinct), [run, distinct]);

  const open = openImage === null ? -1 : items.findIndex((it) => it.id === openImage);
  const again = async (newSeed: boolean) => {
    setRerunning(true);
    setError(null);
    const result = await rerun({ runId: run.id, newSeed }, { idempotencyKey: newSubmissionKey() }).catch(() => null);
    if (result?.ok) router.push(`/runs/${result.runId}`);
    else {
      setError(result?.message ?? "The server could not be reached.");
      setRerunning(false);
    }
  };

  const { done, unfinished } = useProgress(run.generations);

  return (
    <main id="main" tabIndex={-1} className="outline-none mx-auto grid max-w-[1600px] grid-cols-1 gap-5 p-4 lg:p-6">
      <header className="grid gap-2">
        <p className="text-muted-foreground text-xs">
          {run.kind === "compare" ? `Comparison of ${run.generations.length} targets` : "Single run"} ·{" "}
          {formatDateTime(run.createdAt)}
        </p>
        <h1 className="max-w-4xl text-base leading-relaxed font-medium">{run.prompt}</h1>
        <div className="flex flex-wrap gap-2">
          <Button size="sm" onClick={() => void again(true)} disabled={rerunning}>
            <Dices aria-hidden /> Run again with a new seed
          </Button>
          <Button size="sm" variant="outline" onClick={() => void again(false)} disabled={rerunning}>
            <Repeat aria-hidden /> Run again with the same settings
          </Button>
          <ShareDialog target={{ runId: run.id }} what={run.kind === "compare" ? "comparison" : "image"} />
          <FavoriteButton runId={run.id} favorite={run.favorite} />
          <DownloadZipButton runId={run.id} />
          <DeleteRunButton runId={run.id} kind={run.kind} />
          <CancelAllButton runId={run.id} unfinished={unfinished} />
        </div>
        {parity}
        {error && (
          <Alert variant="destructive">
            <AlertDescription>{error}</AlertDescription>
          </Alert>
        )}
      </header>

      <section aria-label="Results" className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3 2xl:grid-cols-4">
        {run.generations.map((g) => (
          <RunCard
            key={g.id}
            g={g}
            adjustments={adjustmentsOf(run, g.position)}
            onOpenImage={(i) => setOpenImage(g.images[i]?.id ?? null)}
            deletable={run.generations.length > 1}
            distinction={distinct.get(g.id)}
          />
        ))}
      </section>

      {done.length >= 2 && <PairView generations={done} distinct={distinct} />}

      {open >= 0 && <Lightbox items={items} index={open} onIndexChange={(i) => setOpenImage(items[i]?.id ?? null)} onClose={() => setOpenImage(null)} />}
    </main>
  );
}

function RunCard({
  g,
  adjustments,
  onOpenImage,
  deletable,
  distinction,
}: {
  g: GenerationDTO;
  adjustments: Adjustment[];
  onOpenImage: (i: number) => void;
  deletable: boolean;
  distinction?: string;
}) {
  const retry = useRetry(g.id);
  return (
    <div className="grid content-start gap-2">
      {distinction && (
        <p className="text-muted-foreground truncate font-mono text-xs" title={distinction}>
          {distinction}
        </p>
      )}
      <GenerationCard
        generation={g}
        onRetry={retry.run}
        retrying={retry.pending}
        onOpenImage={onOpenImage}
        actions={<ReuseMenu generation={g} />}
      />
      <SentPanel generation={g} adjustments={adjustments} />
      {deletable && (
        <div>
          <DeleteGenerationButton generationId={g.id} runId={g.runId} stay quiet label="Delete this target" />
        </div>
      )}
    </div>
  );
}

/**
 * The finished generations, and how many are still queued or running. The server-rendered parts (the parity line)
 * count only finished images, so they are rendered again each time one ends.
 */
function useProgress(generations: GenerationDTO[]): { done: GenerationDTO[]; unfinished: number } {
  const done = generations.filter((g) => g.status === "succeeded");
  const unfinished = generations.filter((g) => g.status === "queued" || g.status === "running").length;
  const router = useRouter();
  const before = useRef(unfinished);
  useEffect(() => {
    if (unfinished < before.current) router.refresh();
    before.current = unfinished;
  }, [unfinished, router]);
  return { done, unfinished };
}
