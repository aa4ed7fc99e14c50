import type { ReactNode } from "react";

/**
 * A chart's figures as a table, for screen readers and for reading exact values: a row per target, headed by its
 * label. Numeric columns are right-aligned with tabular figures.
 */
export function TargetTable({ columns, rows }: { columns: { label: string; numeric?: boolean }[]; rows: { label: string; cells: ReactNode[] }[] }) {
  // A figure stays on one line ("$0.068", "1,000"); the label column wraps instead.
  const align = (numeric?: boolean) => (numeric ? "text-right tabular-nums whitespace-nowrap" : "");
  return (
    <table className="w-full border-collapse text-left [&_td]:py-1 [&_td]:pr-2 [&_th]:py-1 [&_th]:pr-2">
      <thead>
        <tr className="border-b">
          <th className="font-medium">Target</th>
          {columns.map((c) => (
            <th key={c.label} className={`font-medium ${c.numeric ? "text-right" : ""}`}>
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.label} className="border-b last:border-0">
            <th scope="row" className="font-normal">
              {r.label}
            </th>
            {r.cells.map((cell, i) => (
              <td key={columns[i]!.label} className={align(columns[i]!.numeric)}>
                {cell}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
