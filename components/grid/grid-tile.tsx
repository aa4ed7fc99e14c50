"use client";
import Link from "next/link";
import type { RunDTO } from "@/lib/db/dto";
import { statusLabel } from "@/components/generation/status-label";
import { badgeClass } from "@/components/gallery/light-ui";
import { mosaic } from "@/components/gallery/mosaic";

/** "3 × 4 × 2" from a stored grid spec, read loosely (the gallery ships no zod). */
function shapeOf(run: RunDTO): string | null {
  const axes = run.spec?.axes;
  if (!Array.isArray(axes)) return null;
  const lengths = axes.map((a: unknown) => (a && typeof a === "object" && "values" in a && Array.isArray(a.values) ? a.values.length : 0));
  return lengths.join(" × ");
}

/** A grid is one gallery item: its first cells as a mosaic, opening the grid. */
export function GridTile({ run }: { run: RunDTO }) {
  const layout = mosaic(run.generations.length, 9);
  const gens = run.generations.slice(0, layout.count);
  const failed = run.generations.filter((g) => g.status === "failed").length;
  const active = run.generations.some((g) => g.status === "queued" || g.status === "running");
  const shape = shapeOf(run);
  return (
    <Link
      href={`/grid/${run.id}`}
      className="group bg-muted focus-visible:ring-ring relative block aspect-square overflow-hidden rounded-md outline-none focus-visible:ring-2"
      aria-label={`Grid of ${run.generations.length} cells: ${run.prompt}`}
    >
      <div className={layout.grid}>
        {gens.map((g, i) =>
          g.images[0] ? (
            // eslint-disable-next-line @next/next/no-img-element -- stored WebP thumbnail
            <img key={g.id} src={g.images[0].thumbUrl} alt="" className={`h-full min-h-0 w-full object-cover ${layout.cell(i)}`} loading="lazy" decoding="async" />
          ) : (
            <span key={g.id} className={`bg-muted-foreground/10 text-muted-foreground flex items-center justify-center text-[10px] ${layout.cell(i)}`}>
              {statusLabel(g)}
            </span>
          ),
        )}
      </div>
      <div className="absolute inset-x-0 top-0 flex flex-wrap gap-1 py-1.5 pr-10 pl-8">
        <span className={badgeClass("secondary", { onImage: true })}>Grid{shape ? ` · ${shape}` : ""}</span>
        {active && <span className={badgeClass("outline", { onImage: true })}>Running</span>}
        {failed > 0 && <span className={badgeClass("destructive", { onImage: true })}>{failed} failed</span>}
      </div>
      <div className="absolute inset-x-0 bottom-0 translate-y-full bg-gradient-to-t from-black/80 to-black/0 p-2 pt-6 text-xs text-white transition-transform group-hover:translate-y-0 group-focus-visible:translate-y-0">
        <p className="line-clamp-3">{run.prompt}</p>
      </div>
    </Link>
  );
}
