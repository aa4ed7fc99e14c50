"use client";
import { cloneElement, useId, useState, type ReactElement } from "react";
import { useEstimate, type EstimateRequest, type LabelledEstimate } from "@/lib/client/use-estimate";
import { cn } from "@/lib/utils";

type Item = LabelledEstimate["items"][number];

const usd = (n: number) => `$${n < 0.01 ? n.toFixed(4) : n < 1 ? n.toFixed(3) : n.toFixed(2)}`;

/** "≈ $0.130", "≈ $0.130 + 1 unknown", "cost unknown". */
export function totalText(e: LabelledEstimate): string {
  if (e.items.length > 0 && e.unknown === e.items.length) return "cost unknown";
  return `≈ ${usd(e.usd)}${e.unknown ? ` + ${e.unknown} unknown` : ""}`;
}

function sourceText(i: Item): string {
  return i.source === "unknown" ? "unknown" : i.source === "table" ? i.basis.split(":")[0]! : i.basis;
}

/** Identical targets (a grid column, a suite's prompts) are one line of the breakdown. */
function grouped(items: Item[]) {
  const lines = new Map<string, { label: string; source: string; n: number; images: number; usd: number | null }>();
  for (const i of items) {
    const key = `${i.label}|${sourceText(i)}`;
    const line = lines.get(key) ?? { label: i.label, source: sourceText(i), n: 0, images: 0, usd: 0 };
    line.n += 1;
    line.images += i.images;
    line.usd = line.usd === null || i.usd === null ? null : line.usd + i.usd;
    lines.set(key, line);
  }
  return [...lines.values()];
}

/**
 * A spending button with its estimated cost: the total under it, and a breakdown (per target: images, dollars,
 * source) on hover and on keyboard focus, dismissed with Escape. Give it the `targets` (or a `comparison` as its
 * form holds it) and the server estimates them, or a ready `estimate`.
 */
export function CostPreview({
  children,
  request,
  estimate: ready,
  className,
  label = "Estimated cost",
}: {
  children: ReactElement<{ "aria-describedby"?: string }>;
  request?: EstimateRequest | null;
  estimate?: LabelledEstimate;
  className?: string;
  /** What the figure is the cost of: a retry says so, beside a card that may say nothing was billed. */
  label?: string;
}) {
  const asked = useEstimate(ready ? null : (request ?? null));
  const estimate = ready ?? asked.estimate;
  const id = useId();
  const [dismissed, setDismissed] = useState(false);
  const total = estimate
    ? totalText(estimate)
    : asked.status === "failed"
      ? "cost estimate unavailable"
      : request
        ? "estimating cost…"
        : "nothing to run yet";
  return (
    <div
      className={cn("group/cost relative", className)}
      data-cost-preview=""
      onKeyDown={(e) => e.key === "Escape" && setDismissed(true)}
      onMouseLeave={() => setDismissed(false)}
      onBlur={() => setDismissed(false)}
    >
      {cloneElement(children, { "aria-describedby": `${id}-total ${id}-tip` })}
      <p id={`${id}-total`} className="text-muted-foreground mt-1 text-center text-xs tabular-nums" data-cost-total="">
        {/* Keyed: a new figure is new text, not the old line sliding sideways as it is centred again (a layout shift). */}
        <span key={total}>
          {label}: {total}
        </span>
      </p>
      <div
        role="tooltip"
        id={`${id}-tip`}
        className={cn(
          "bg-popover text-popover-foreground absolute bottom-full left-1/2 z-40 mb-2 hidden w-max max-w-[min(22rem,90vw)] -translate-x-1/2 rounded-md border p-3 text-left text-xs shadow-md",
          !dismissed && "group-focus-within/cost:block group-hover/cost:block",
        )}
      >
        {estimate ? (
          <>
            <p className="font-medium">Estimated total {totalText(estimate)}</p>
            <ul className="mt-1 grid gap-0.5">
              {grouped(estimate.items).map((l) => (
                <li key={`${l.label}|${l.source}`}>
                  {l.label}
                  {l.n > 1 ? ` ×${l.n}` : ""}: {l.images} {l.images === 1 ? "image" : "images"}, {l.usd === null ? "cost unknown" : usd(l.usd)} ({l.source})
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p>{total}</p>
        )}
      </div>
    </div>
  );
}
