"use client";
import Link from "next/link";
import type { GenerationDTO } from "@/lib/db/dto";
import { isCancelled, statusLabel } from "@/components/generation/status-label";
import { cn } from "@/lib/utils";
import type { SuiteSpecView } from "@/lib/suites/run-spec";

/**
 * The prompts × targets grid of a suite run: one row per prompt, one column per target, each cell the
 * generation's thumbnail (opening the generation), its status while it waits or runs, or its failure's reason.
 * It scrolls inside its own box, with the target row and the prompt column kept in view.
 */
export function BatchGrid({ spec, generations, labels }: { spec: SuiteSpecView; generations: GenerationDTO[]; labels: string[] }) {
  const byCell = new Map<string, GenerationDTO>();
  for (const g of generations) if (g.cell) byCell.set(`${g.cell.x}:${g.cell.y}`, g);
  return (
    <div className="max-h-[75vh] max-w-full overflow-auto rounded-md border" tabIndex={0} role="region" aria-label="Prompts × targets">
      <table className="border-separate border-spacing-0 text-xs">
        <thead>
          <tr>
            <th scope="col" className="bg-background sticky top-0 left-0 z-20 w-28 border-b p-2 text-left font-medium sm:w-56">
              Prompt
            </th>
            {labels.map((label, x) => (
              <th key={x} scope="col" className="bg-background sticky top-0 z-10 w-28 border-b border-l p-2 text-left align-bottom font-medium sm:w-40">
                <span className="line-clamp-2">{label}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {spec.prompts.map((p, y) => (
            <tr key={y} className="[contain-intrinsic-size:auto_8rem] [content-visibility:auto]">
              <th scope="row" className="bg-background sticky left-0 z-10 border-b p-2 text-left align-top font-normal">
                <span className="text-muted-foreground mr-1 font-mono">{y + 1}</span>
                {p.category && <span className="bg-muted mr-1 rounded px-1">{p.category}</span>}
                <span className="line-clamp-4 sm:line-clamp-5" title={p.text}>
                  {p.text}
                </span>
              </th>
              {labels.map((label, x) => (
                <td key={x} className="border-b border-l p-1 align-top">
                  <Cell g={byCell.get(`${x}:${y}`)} label={`${label}, prompt ${y + 1}`} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Cell({ g, label }: { g: GenerationDTO | undefined; label: string }) {
  const box = "relative block aspect-square w-26 overflow-hidden rounded sm:w-38";
  if (!g) return <span className={cn(box, "bg-muted")} aria-label={`${label}: missing`} />;
  const img = g.images[0];
  return (
    <Link
      href={`/gallery/${g.id}`}
      data-status={g.status}
      aria-label={`${label}: ${g.status === "failed" ? `failed, ${g.error?.message ?? ""}` : statusLabel(g)}`}
      className={cn(box, "focus-visible:ring-ring outline-none focus-visible:ring-2", g.status === "failed" ? "bg-destructive/10" : "bg-muted")}
    >
      {img ? (
        // eslint-disable-next-line @next/next/no-img-element -- stored WebP thumbnail
        <img src={img.thumbUrl} alt="" className="h-full w-full object-cover" loading="lazy" decoding="async" />
      ) : g.status === "failed" ? (
        <span className="text-destructive line-clamp-6 p-1.5 text-[11px] leading-snug" title={g.error?.message}>
          {isCancelled(g) ? "Cancelled" : (g.error?.message ?? "Failed")}
        </span>
      ) : (
        <span className={cn("text-muted-foreground flex h-full items-center justify-center", g.status === "running" && "animate-pulse")}>
          {statusLabel(g)}
        </span>
      )}
    </Link>
  );
}
