import { ArrowRightLeft, Ban, Scissors } from "lucide-react";
import type { Adjustment } from "@/lib/compare/mapping";

const icons = { dropped: Ban, truncated: Scissors } as const;

/** Every change the mapping made to the shared values for one target, in words. */
export function AdjustmentList({ adjustments }: { adjustments: Adjustment[] }) {
  if (adjustments.length === 0) {
    return <p className="text-muted-foreground text-xs">Sent exactly as written.</p>;
  }
  return (
    <ul aria-label="Adjustments" className="grid gap-1">
      {adjustments.map((a, i) => {
        const Icon = a.kind in icons ? icons[a.kind as keyof typeof icons] : ArrowRightLeft;
        return (
          <li key={i} className="text-warning flex items-start gap-1.5 text-xs">
            <Icon className="mt-0.5 size-3 shrink-0" aria-hidden />
            <span className="text-foreground/90">{a.message}</span>
          </li>
        );
      })}
    </ul>
  );
}
