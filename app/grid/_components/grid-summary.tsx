"use client";
import type { GridPreview } from "@/lib/grid/server";
import { Alert, AlertDescription } from "@/components/ui/alert";

const usd = (n: number) => (n < 0.1 ? `$${n.toFixed(3)}` : `$${n.toFixed(2)}`);

/** The grid before it runs: its shape, cells, images and estimated cost (with its sources), and what is wrong. */
export function GridSummary({ preview, requestError }: { preview: GridPreview | null; requestError: string | null }) {
  if (!preview) {
    return requestError ? (
      <Alert variant="destructive">
        <AlertDescription>{requestError}</AlertDescription>
      </Alert>
    ) : (
      <p className="text-muted-foreground text-sm">Checking the grid…</p>
    );
  }
  const cost =
    preview.usd === null
      ? "cost unknown"
      : `about ${usd(preview.usd)}${preview.unknownCost ? ` plus ${preview.unknownCost} cells of unknown cost` : ""}`;
  return (
    <section aria-label="Before the run" className="grid gap-2">
      <p className="text-sm" data-testid="grid-summary">
        <span className="font-medium">Grid {preview.shape}</span> · {preview.cells} cells · {preview.images} images ·{" "}
        <span tabIndex={0} title={preview.basis.join("\n")} className="underline decoration-dotted underline-offset-2">
          {cost}
        </span>{" "}
        <span className="text-muted-foreground">(estimate{preview.basis.some((b) => b.includes("price table")) ? " from the price table" : ""})</span>
      </p>
      {preview.confirmation && preview.errors.length === 0 && (
        <p className="text-muted-foreground text-sm">Asks for confirmation before it runs: {preview.confirmation}.</p>
      )}
      {preview.errors.length > 0 && (
        <Alert variant="destructive">
          <AlertDescription>
            <ul className="grid gap-0.5">
              {preview.errors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          </AlertDescription>
        </Alert>
      )}
    </section>
  );
}
