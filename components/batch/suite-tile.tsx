"use client";
import Link from "next/link";
import type { RunDTO } from "@/lib/db/dto";
import { Badge } from "@/components/ui/badge";

/** A suite run in the gallery: one item with its name, its progress and a few thumbnails, opening the grid. */
export function SuiteTile({ run }: { run: RunDTO }) {
  const total = run.generations.length;
  const done = run.generations.filter((g) => g.status === "succeeded").length;
  const failed = run.generations.filter((g) => g.status === "failed").length;
  const thumbs = run.generations.flatMap((g) => (g.images[0] ? [{ id: g.id, src: g.images[0].thumbUrl }] : [])).slice(0, 4);
  return (
    <Link
      href={`/runs/${run.id}`}
      className="group bg-muted focus-visible:ring-ring relative block aspect-square overflow-hidden rounded-md outline-none focus-visible:ring-2"
      aria-label={`Prompt suite ${run.prompt}: ${done} of ${total} done${failed ? `, ${failed} failed` : ""}`}
    >
      <div className="grid h-full w-full grid-cols-2 grid-rows-2 gap-px">
        {thumbs.map((t) => (
          // eslint-disable-next-line @next/next/no-img-element -- stored WebP thumbnail
          <img key={t.id} src={t.src} alt="" className="h-full w-full object-cover" loading="lazy" decoding="async" />
        ))}
        {Array.from({ length: 4 - thumbs.length }, (_, i) => (
          <span key={i} className="bg-muted-foreground/10" />
        ))}
      </div>
      <div className="absolute inset-x-0 top-0 flex flex-wrap gap-1 py-1.5 pr-10 pl-8">
        <Badge variant="secondary" className="bg-background/90">
          Suite · {done + failed}/{total}
        </Badge>
        {failed > 0 && <Badge variant="destructive" className="bg-background/90">{failed} failed</Badge>}
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
