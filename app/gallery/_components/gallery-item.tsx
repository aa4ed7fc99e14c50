"use client";
import Link from "next/link";
import { memo } from "react";
import { Star } from "lucide-react";
import type { GenerationDTO, RunDTO } from "@/lib/db/dto";
import { isCancelled, statusLabel } from "@/components/generation/status-label";
import { useCatalog } from "@/components/catalog-context";
import { badgeClass } from "@/components/gallery/light-ui";
import { mosaic } from "@/components/gallery/mosaic";
import { SuiteTile } from "@/components/batch/suite-tile";
import { GridTile } from "@/components/grid/grid-tile";

/** One gallery cell: a generation's thumbnail or a comparison's stack, with its select and favourite controls. */

export const isActive = (g: GenerationDTO) => g.status === "queued" || g.status === "running";

/**
 * One gallery item with its checkbox and star beside (not inside) the link. Memoized, and skipped by the browser's
 * rendering while off screen (`content-visibility`), so a long scrolled history stays cheap.
 */
export const GalleryItem = memo(function GalleryItem({
  run,
  index,
  selected,
  selecting,
  onSelect,
  onFavorite,
}: {
  run: RunDTO;
  index: number;
  selected: boolean;
  selecting: boolean;
  onSelect: (index: number, shift: boolean) => void;
  onFavorite: (run: RunDTO) => void;
}) {
  // Shown on hover or focus; always on touch screens, which have no hover.
  const reveal = "opacity-0 transition-opacity group-hover/item:opacity-100 group-focus-within/item:opacity-100 focus-visible:opacity-100 pointer-coarse:opacity-100";
  return (
    <li
      className={`group/item relative rounded-md [contain-intrinsic-size:auto_12rem] [content-visibility:auto] ${selected ? "ring-primary ring-offset-background ring-2 ring-offset-2" : ""}`}
    >
      {run.kind === "grid" ? (
        <GridTile run={run} />
      ) : run.kind === "suite" ? (
        <SuiteTile run={run} />
      ) : run.kind === "compare" ? (
        <RunTile run={run} index={index} />
      ) : (
        run.generations[0] && <GalleryTile g={run.generations[0]} index={index} />
      )}
      {/* 44×44 px touch targets around the small checkbox and star (WCAG 2.5.5). */}
      <label className={`absolute top-0 left-0 grid size-11 cursor-pointer place-items-center ${selected || selecting ? "opacity-100" : reveal}`}>
        <input
          type="checkbox"
          aria-label={`Select ${run.prompt}`}
          checked={selected}
          onChange={(e) => onSelect(index, (e.nativeEvent as MouseEvent).shiftKey === true)}
          className="accent-primary size-5 cursor-pointer"
        />
      </label>
      <button
        type="button"
        aria-label="Favourite"
        aria-pressed={run.favorite}
        onClick={() => onFavorite(run)}
        className={`group/star absolute top-0 right-0 grid size-11 place-items-center rounded-md outline-none ${run.favorite ? "opacity-100" : reveal}`}
      >
        {/* Sized, not padded round its icon: the same box before a loading page has read the icon. */}
        <span className="bg-background/85 group-hover/star:bg-background group-focus-visible/star:ring-ring grid size-7 place-items-center rounded-md group-focus-visible/star:ring-2">
          <Star aria-hidden className={run.favorite ? "size-4 fill-amber-400 text-amber-500" : "size-4"} />
        </span>
      </button>
    </li>
  );
});

/** The first rows load at once (the first image is the page's largest paint); the rest as they scroll near. */
const FIRST_ROWS = 8;
function loadingOf(index: number, image = 0) {
  return {
    loading: index < FIRST_ROWS ? ("eager" as const) : ("lazy" as const),
    fetchPriority: index === 0 && image === 0 ? ("high" as const) : undefined,
    decoding: "async" as const,
  };
}

function GalleryTile({ g, index }: { g: GenerationDTO; index: number }) {
  const { providerLabel, modelLabel } = useCatalog();
  const provider = providerLabel(g.provider);
  const model = modelLabel(g.provider, g.model);
  const img = g.images[0];
  return (
    <Link
      href={`/gallery/${g.id}`}
      // A screenful of tiles would prefetch a screenful of pages on every visit; an opened one loads when clicked.
      prefetch={false}
      className="group bg-muted focus-visible:ring-ring relative block aspect-square overflow-hidden rounded-md outline-none focus-visible:ring-2"
      aria-label={`${provider} ${model}: ${g.prompt}`}
    >
      {img ? (
        // eslint-disable-next-line @next/next/no-img-element -- stored WebP thumbnail
        <img src={img.thumbUrl} alt="" width={img.width} height={img.height} className="h-full w-full object-cover" {...loadingOf(index)} />
      ) : (
        <span className="text-muted-foreground flex h-full items-center justify-center p-3 text-center text-xs">
          {g.status === "failed" ? (g.error?.message ?? "Failed") : statusLabel(g)}
        </span>
      )}
      <div className="absolute inset-x-0 top-0 flex flex-wrap gap-1 py-1.5 pr-10 pl-8">
        {g.status !== "succeeded" && (
          <span className={badgeClass(g.status === "failed" && !isCancelled(g) ? "destructive" : "secondary", { onImage: true })}>{statusLabel(g)}</span>
        )}
        {g.emulated && <span className={badgeClass("outline", { onImage: true })}>emulated</span>}
        {g.images.length > 1 && <span className={badgeClass("secondary", { extra: "ml-auto" })}>{g.images.length}</span>}
      </div>
      <div className="absolute inset-x-0 bottom-0 translate-y-full bg-gradient-to-t from-black/80 to-black/0 p-2 pt-6 text-xs text-white transition-transform group-hover:translate-y-0 group-focus-visible:translate-y-0">
        <p className="line-clamp-3">{g.prompt}</p>
        <p className="mt-1 opacity-75">
          {provider} · {model}
        </p>
      </div>
    </Link>
  );
}

/** A comparison is one item: a mosaic of its targets' first images, opening the comparison view. */
function RunTile({ run, index }: { run: RunDTO; index: number }) {
  const layout = mosaic(run.generations.length);
  const gens = run.generations.slice(0, layout.count);
  const failed = run.generations.filter((g) => g.status === "failed").length;
  const active = run.generations.some(isActive);
  return (
    <Link
      href={`/runs/${run.id}`}
      prefetch={false}
      className="group bg-muted focus-visible:ring-ring relative block aspect-square overflow-hidden rounded-md outline-none focus-visible:ring-2"
      aria-label={`Comparison of ${run.generations.length} targets: ${run.prompt}`}
    >
      <div className={layout.grid}>
        {gens.map((g, i) =>
          g.images[0] ? (
            // eslint-disable-next-line @next/next/no-img-element -- stored WebP thumbnail
            <img
              key={g.id}
              src={g.images[0].thumbUrl}
              alt=""
              width={g.images[0].width}
              height={g.images[0].height}
              className={`h-full min-h-0 w-full object-cover ${layout.cell(i)}`}
              {...loadingOf(index, i)}
            />
          ) : (
            <span key={g.id} className={`bg-muted-foreground/10 text-muted-foreground flex items-center justify-center text-[10px] ${layout.cell(i)}`}>
              {statusLabel(g)}
            </span>
          ),
        )}
      </div>
      <div className="absolute inset-x-0 top-0 flex flex-wrap gap-1 py-1.5 pr-10 pl-8">
        <span className={badgeClass("secondary", { onImage: true })}>Compare · {run.generations.length}</span>
        {active && <span className={badgeClass("outline", { onImage: true })}>Running</span>}
        {failed > 0 && <span className={badgeClass("destructive", { onImage: true })}>{failed} failed</span>}
      </div>
      <div className="absolute inset-x-0 bottom-0 translate-y-full bg-gradient-to-t from-black/80 to-black/0 p-2 pt-6 text-xs text-white transition-transform group-hover:translate-y-0 group-focus-visible:translate-y-0">
        <p className="line-clamp-3">{run.prompt}</p>
      </div>
    </Link>
  );
}
