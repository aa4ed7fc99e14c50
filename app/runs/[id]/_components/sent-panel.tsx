"use client";
import { ChevronDown } from "lucide-react";
import type { GenerationDTO } from "@/lib/db/dto";
import type { Adjustment } from "@/lib/compare/mapping";
import { AdjustmentList } from "@/components/compare/adjustment-list";
import { ParamsTable } from "@/components/generation/params-table";
import { getModel } from "@/lib/providers";
import { countWarning, seedUsed } from "@/lib/results/facts";

/** What was sent to one target (with every adjustment to the shared values) and what came back. */
export function SentPanel({ generation: g, adjustments }: { generation: GenerationDTO; adjustments: Adjustment[] }) {
  const img = g.images[0];
  const flagged = g.images.filter((i) => i.nsfw).length;
  return (
    <details className="group rounded-md border px-3 py-2 text-xs">
      <summary className="text-muted-foreground hover:text-foreground flex cursor-pointer list-none items-center gap-1 font-medium [&::-webkit-details-marker]:hidden">
        <ChevronDown className="size-3.5 transition-transform group-open:rotate-180" aria-hidden />
        Sent and received
        {adjustments.length > 0 && (
          <span className="text-warning ml-auto">
            {adjustments.length} adjustment{adjustments.length > 1 ? "s" : ""}
          </span>
        )}
      </summary>
      <div className="grid gap-3 pt-2">
        <AdjustmentList adjustments={adjustments} />
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
          <dt className="text-muted-foreground">Seed used</dt>
          <dd className="font-mono">{seedUsed(g, getModel(g.provider, g.model))}</dd>
          <dt className="text-muted-foreground">Size returned</dt>
          <dd>{img ? `${img.width}×${img.height} ${img.mime.replace("image/", "")}` : "–"}</dd>
          <dt className="text-muted-foreground">Safety filter</dt>
          <dd>{g.images.some((i) => i.nsfw !== null) ? (flagged ? `${flagged} image(s) flagged` : "passed") : "not reported"}</dd>
          {[countWarning(g, getModel(g.provider, g.model)), ...g.warnings].filter((w) => w !== null).map((w) => (
            <div key={w} className="contents">
              <dt className="text-muted-foreground">Warning</dt>
              <dd>{w}</dd>
            </div>
          ))}
        </dl>
        {g.sent && <ParamsTable title="Sent" values={g.sent} />}
      </div>
    </details>
  );
}
