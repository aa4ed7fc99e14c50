"use client";
import { useId, useMemo, useState } from "react";
import { cn } from "@/lib/utils";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";
import { diffParams, formatParamValue, type ParamDiffResult, type ParamRow } from "./diff";

/** Two parameter sets side by side: the union of their (flattened) keys, differences highlighted and counted. */
export function ParamDiff({
  a,
  b,
  aLabel,
  bLabel,
  diff,
}: {
  a: Record<string, unknown>;
  b: Record<string, unknown>;
  aLabel: string;
  bLabel: string;
  /** Rows worked out by the caller (a diff by role); otherwise the raw keys of `a` and `b` are compared. */
  diff?: ParamDiffResult & { rows: (ParamRow & { section?: "shared" | "own" })[] };
}) {
  const { rows, differing, total } = useMemo(() => diff ?? diffParams(a, b), [diff, a, b]);
  // null = "not chosen yet": follow the data (on when something differs) until the user flips it.
  const [onlyChoice, setOnlyChoice] = useState<boolean | null>(null);
  const onlyDiffs = onlyChoice ?? differing > 0;
  const visible = onlyDiffs ? rows.filter((r) => r.differs) : rows;
  const switchId = useId();

  return (
    <section aria-label="Parameter differences" className="flex min-w-0 flex-col gap-2">
      <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2">
        <p className="text-muted-foreground text-sm" aria-live="polite">
          <span className="text-foreground font-medium tabular-nums">{differing}</span> of{" "}
          <span className="tabular-nums">{total}</span> parameters differ
        </p>
        <div className="flex items-center gap-2">
          <Switch id={switchId} checked={onlyDiffs} onCheckedChange={setOnlyChoice} />
          <Label htmlFor={switchId} className="font-normal">
            Only differences
          </Label>
        </div>
      </div>

      <div className="overflow-x-auto rounded-lg border">
        <table className="w-full min-w-[20rem] table-fixed border-collapse text-sm">
          <caption className="sr-only">
            Parameters of {aLabel} (A) and {bLabel} (B)
            {onlyDiffs ? ", only those that differ" : ""}
          </caption>
          <colgroup>
            <col className="w-[30%]" />
            <col className="w-[35%]" />
            <col className="w-[35%]" />
          </colgroup>
          <thead className="bg-muted/50 text-muted-foreground text-left text-xs">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">
                Parameter
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                <span aria-hidden>A · </span>
                <span className="text-foreground">{aLabel}</span>
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                <span aria-hidden>B · </span>
                <span className="text-foreground">{bLabel}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {visible.map((row, i) => (
              <SectionedRow key={row.key} row={row} previous={visible[i - 1]} />
            ))}
            {visible.length === 0 && (
              <tr>
                <td colSpan={3} className="text-muted-foreground px-3 py-6 text-center">
                  {total === 0 ? "No parameters." : "No differences: both use the same parameters."}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** A heading row where the shared roles end and the provider-only fields begin. */
function SectionedRow({ row, previous }: { row: ParamRow & { section?: string }; previous?: ParamRow & { section?: string } }) {
  const heading =
    row.section && row.section !== previous?.section ? (row.section === "shared" ? "Shared settings" : "Provider-only fields") : null;
  return (
    <>
      {heading && (
        <tr className="bg-muted/30 border-t">
          <th scope="rowgroup" colSpan={3} className="text-muted-foreground px-3 py-1 text-left text-xs font-medium">
            {heading}
          </th>
        </tr>
      )}
      <DiffRow row={row} />
    </>
  );
}

function DiffRow({ row }: { row: ParamRow }) {
  return (
    <tr data-differs={row.differs || undefined} className={cn("border-t align-top", row.differs && "bg-warning/10")}>
      <th scope="row" className="px-3 py-1.5 text-left font-normal">
        <span className="flex items-start gap-1.5">
          <span
            aria-hidden
            className={cn("w-3 shrink-0 text-center font-semibold", row.differs ? "text-warning" : "invisible")}
          >
            ≠
          </span>
          <span className="font-mono text-xs leading-5 wrap-anywhere">{row.key}</span>
          {row.differs && <span className="sr-only">(differs)</span>}
        </span>
      </th>
      <ValueCell present={row.inA} value={row.a} />
      <ValueCell present={row.inB} value={row.b} />
    </tr>
  );
}

function ValueCell({ present, value }: { present: boolean; value: unknown }) {
  if (!present) {
    return (
      <td className="text-muted-foreground px-3 py-1.5">
        <span aria-hidden>–</span>
        <span className="sr-only">not set</span>
      </td>
    );
  }
  const text = formatParamValue(value);
  return (
    <td
      className={cn(
        "px-3 py-1.5 leading-5 whitespace-pre-wrap wrap-anywhere",
        typeof value !== "string" && "font-mono text-xs",
      )}
    >
      {text}
    </td>
  );
}
