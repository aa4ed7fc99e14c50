import type { TargetScore } from "@/lib/scores/types";
import { ChartFigure, RowLabel, colorAt, rowLayout, ticks, type RowLayout } from "@/components/charts/svg-chart";
import { TargetTable } from "@/components/charts/target-table";

/** Seconds to two places under 10 s, one above. */
const figure = (ms: number) => (ms / 1000).toFixed(ms < 10_000 ? 2 : 1);
const seconds = (ms: number | null) => (ms === null ? "—" : `${figure(ms)} s`);

type Spread = { label: string; spread: NonNullable<TargetScore["spread"]> };

/** A box plot per target of the total latency: whiskers 5th–95th percentile, box 25th–75th, line at the median. */
export function LatencyChart({ targets }: { targets: TargetScore[] }) {
  const rows = targets.filter((t): t is TargetScore & Spread => t.spread !== null);
  const layout = rowLayout(false, rows.length, 30, 30);
  const phone = rowLayout(true, rows.length, 30, 30);
  const description = rows
    .map((t) => `${t.label}: median ${seconds(t.spread[2])}, middle half ${seconds(t.spread[1])} to ${seconds(t.spread[3])}, 5th to 95th percentile ${seconds(t.spread[0])} to ${seconds(t.spread[4])}.`)
    .join(" ");
  return (
    <ChartFigure
      title="Latency distribution per target (total: waiting + provider + download)"
      description={description || "No successful generations in this selection."}
      width={layout.W}
      height={layout.H}
      phone={{ width: phone.W, height: phone.H, children: <Boxes rows={rows} layout={phone} /> }}
      table={
        <TargetTable
          // The unit in the header, not in every cell: five columns of figures then fit beside the names on a phone.
          columns={["p5", "p25", "p50", "p75", "p95"].map((p) => ({ label: `${p} (s)`, numeric: true }))}
          rows={rows.map((t) => ({ label: t.label, cells: t.spread.map(figure) }))}
        />
      }
    >
      <Boxes rows={rows} layout={layout} />
    </ChartFigure>
  );
}

function Boxes({ rows, layout }: { rows: Spread[]; layout: RowLayout }) {
  const { W, H, left } = layout;
  const max = Math.max(1, ...rows.map((t) => t.spread[4])) * 1.05;
  const x = (ms: number) => left + (ms / max) * (W - left - 20);
  return (
    <>
      {ticks(max / 1000, layout.phone ? 4 : 5).map((s) => (
        <g key={s}>
          <line x1={x(s * 1000)} x2={x(s * 1000)} y1={20} y2={H - 24} stroke="currentColor" strokeOpacity="0.15" />
          <text x={x(s * 1000)} y={H - 8} fontSize="11" textAnchor="middle" fill="currentColor">
            {s} s
          </text>
        </g>
      ))}
      {rows.map((t, i) => {
        const [p5, p25, p50, p75, p95] = t.spread;
        const cy = layout.cy(i);
        const color = colorAt(i);
        return (
          <g key={t.label}>
            <RowLabel label={t.label} layout={layout} cy={cy} />
            <line x1={x(p5)} x2={x(p95)} y1={cy} y2={cy} stroke={color} strokeWidth="1.5" />
            <rect x={x(p25)} y={cy - 9} width={Math.max(1, x(p75) - x(p25))} height={18} fill={color} fillOpacity="0.25" stroke={color} />
            <line x1={x(p50)} x2={x(p50)} y1={cy - 9} y2={cy + 9} stroke={color} strokeWidth="3" />
          </g>
        );
      })}
    </>
  );
}
