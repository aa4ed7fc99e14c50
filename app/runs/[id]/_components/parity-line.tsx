import Link from "next/link";
import type { ParityReport } from "@/lib/parity/report";

/** One quiet line on the run page (server-rendered, no client code): parity so far, and the way to the report. */
export function ParityLine({ runId, report }: { runId: string; report: ParityReport }) {
  if (!report.possible) return null;
  const { counts, pairs, unfinished } = report;
  const summary =
    pairs.length === 0
      ? unfinished > 0
        ? "waiting for the images of providers serving the same model"
        : "no pair of images with the same model family, seed and size"
      : `${counts.identical} identical · ${counts["near-identical"]} near-identical · ${counts.different} different (${pairs.length} ${pairs.length === 1 ? "pair" : "pairs"})`;
  return (
    <p className="text-muted-foreground text-xs" data-testid="parity-line">
      <span className="text-foreground font-medium">Parity check:</span> {summary}
      {unfinished > 0 && pairs.length > 0 && ` so far, ${unfinished} unfinished`}.{" "}
      <Link href={`/runs/${runId}/parity`} className="hover:text-foreground underline underline-offset-2">
        Parity report
      </Link>
    </p>
  );
}
