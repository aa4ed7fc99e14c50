"use client";
import Link from "next/link";
import type { RunDTO } from "@/lib/db/dto";
import { badgeClass } from "@/components/gallery/light-ui";
import { mosaic } from "@/components/gallery/mosaic";

/** A suite run in the gallery: one item with its name, its progress and a few thumbnails, opening the grid. */
export function SuiteTile({ run }: { run: RunDTO }) {
  const total = run.generations.length;
  const done = run.generations.filter((g) => g.status === "succeeded").length;
  const failed = run.generations.filter((g) => g.status === "failed").length;
  const all = run.generations.flatMap((g) => (g.images[0] ? [{ id: g.id, src: g.images[0].thumbUrl }] : []));
  const layout = mosaic(all.length);
  const thumbs = all.slice(0, layout.count);
  return (
    <Link
      href={`/runs/${run.id}`}
      className="group bg-muted focus-visible:ring-ring relative block aspect-square overflow-hidden rounded-md outline-none focus-visible:ring-2"
      aria-label={`Prompt suite ${run.prompt}: ${done} of ${total} done${failed ? `, ${failed} failed` : ""}`}
    >
      <div className={layout.grid}>
        {thumbs.map((t, i) => (
          // eslint-disable-next-line @next/next/no-img-element -- stored WebP thumbnail
          <img key={t.id} src={t.src} alt="" className={`h-full min-h-0 w-full object-cover ${layout.cell(i)}`} loading="lazy" decoding="async" />
        ))}
      </div>
      <div className="absolute inset-x-0 top-0 flex flex-wrap gap-1 py-1.5 pr-10 pl-8">
        <span className={badgeClass("secondary", { onImage: true })}>
          Suite · {done + failed}/{total}
        </span>
        {failed > 0 && <span className={badgeClass("destructive", { onImage: true })}>{failed} failed</span>}
      </div>
      <div className="absolute inset-x-0 bottom-0 grid gap-1 bg-gradient-to-t from-black/80 to-black/0 p-2 pt-6 text-xs text-white">
        <p className="line-clamp-2 font-medium">{run.prompt}</p>
        <span className="h-1 overflow-hidden rounded-full bg-white/30" aria-hidden>
          <span className="block h-full bg-white" style={{ width: `${((done + failed) / Math.max(1, total)) * 100}%` }} />
        </span>
      </div>
    </Link>
  );
}
