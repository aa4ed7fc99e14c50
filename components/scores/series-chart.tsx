import { useId } from "react";
import type { TargetScore } from "@/lib/scores/types";
import { ChartFigure, Legend, chartLabel, colorAt, dashAt, ticks } from "@/components/charts/svg-chart";

type Metric = "success" | "p50";
type Grain = "day" | "month";

const valueOf = (metric: Metric, p: TargetScore["series"][number]) =>
  metric === "success" ? (p.finished > 0 ? (p.succeeded / p.finished) * 100 : null) : p.p50 === null ? null : p.p50 / 1000;
const format = (metric: Metric, v: number | null) => (v === null ? "—" : metric === "success" ? `${v.toFixed(0)}%` : `${v.toFixed(2)} s`);

/** Success rate or median latency per period (day or month), one line per target. */
export function SeriesChart({ targets, metric, grain }: { targets: TargetScore[]; metric: Metric; grain: Grain }) {
  const present = [...new Set(targets.flatMap((t) => t.series.map((p) => p.period)))].sort();
  const periods = everyPeriod(present, grain);
  const layout = seriesLayout(targets, metric, periods.length, false);
  const phone = seriesLayout(targets, metric, periods.length, true);
  const title = metric === "success" ? `Success rate per ${grain}` : `Median (p50) latency per ${grain}`;
  const description = targets
    .map((t) => `${t.label}: ${t.series.map((p) => `${p.period} ${format(metric, valueOf(metric, p))}`).join(", ")}.`)
    .join(" ");
  return (
    <ChartFigure
      title={title}
      description={description || "No finished generations in this selection."}
      width={layout.W}
      height={layout.H}
      phone={{ width: phone.W, height: phone.H, children: <SeriesDrawing targets={targets} metric={metric} grain={grain} periods={periods} layout={phone} /> }}
      table={<SeriesTable targets={targets} metric={metric} periods={present} />}
    >
      <SeriesDrawing targets={targets} metric={metric} grain={grain} periods={periods} layout={layout} />
    </ChartFigure>
  );
}

/**
 * Every day (or month) from the first period with results to the last, so the axis spaces periods by time: placed
 * side by side, a result on the 2nd and one on the 29th would read as two days in a row. The table keeps only the
 * periods with results.
 */
function everyPeriod(present: string[], grain: Grain): string[] {
  const [first, last] = [present[0], present.at(-1)];
  if (!first || !last) return [];
  const length = grain === "day" ? 10 : 7;
  const at = new Date(`${grain === "day" ? first : `${first}-01`}T00:00:00.000Z`);
  const out: string[] = [];
  for (let p = first; p <= last; p = at.toISOString().slice(0, length)) {
    out.push(p);
    if (grain === "day") at.setUTCDate(at.getUTCDate() + 1);
    else at.setUTCMonth(at.getUTCMonth() + 1);
  }
  return out;
}

type Layout = ReturnType<typeof seriesLayout>;

function SeriesDrawing({ targets, metric, grain, periods, layout }: { targets: TargetScore[]; metric: Metric; grain: Grain; periods: string[]; layout: Layout }) {
  return (
    <>
      <ValueAxis metric={metric} layout={layout} />
      <PeriodAxis periods={periods} grain={grain} layout={layout} />
      <SeriesLines targets={targets} metric={metric} periods={periods} layout={layout} />
      <Legend labels={targets.map((t) => (layout.phone ? chartLabel(t.label, 46) : t.label))} x={layout.phone ? 8 : layout.left} y={layout.legendY} />
    </>
  );
}

/**
 * Plot geometry: periods spread evenly across, values from 0 up (100% for success, 10% headroom for latency). A
 * phone gets a narrower drawing that fits its card, with fewer period labels.
 */
function seriesLayout(targets: TargetScore[], metric: Metric, periodCount: number, phone: boolean) {
  const W = phone ? 340 : 640;
  const left = 48;
  const top = 16;
  const plotH = 140;
  const legendY = top + plotH + 40;
  const H = legendY + targets.length * 15 + 4;
  const values = targets.flatMap((t) => t.series.map((p) => valueOf(metric, p)).filter((v): v is number => v !== null));
  const max = metric === "success" ? 100 : Math.max(1, ...values) * 1.1;
  const x = (i: number) => left + (periodCount <= 1 ? (W - left - 16) / 2 : (i / (periodCount - 1)) * (W - left - 16));
  const y = (v: number) => top + plotH - (v / max) * plotH;
  return { W, H, left, top, plotH, legendY, max, x, y, phone };
}

/**
 * A row per target, as the other charts' tables have, and a column per period: the periods' short names head the
 * columns, where a column per target (twenty names across) squeezed every name into a sliver.
 */
function SeriesTable({ targets, metric, periods }: { targets: TargetScore[]; metric: Metric; periods: string[] }) {
  // A cell per target and period (hundreds over a month): their classes are set once, on the table.
  return (
    <table className="w-full border-collapse text-left [&_td]:py-1 [&_td]:pr-2 [&_td]:text-right [&_td]:whitespace-nowrap [&_td]:tabular-nums [&_th]:py-1 [&_th]:pr-2">
      <thead>
        <tr className="border-b">
          <th className="min-w-40 font-medium">Target</th>
          {periods.map((period) => (
            <th key={period} className="text-right font-medium whitespace-nowrap tabular-nums">
              {period}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {targets.map((t) => {
          const byPeriod = new Map(t.series.map((p) => [p.period, p]));
          return (
            <tr key={t.label} className="border-b last:border-0">
              <th scope="row" className="font-normal">
                {t.label}
              </th>
              {periods.map((period) => {
                const p = byPeriod.get(period);
                return <td key={period}>{p ? format(metric, valueOf(metric, p)) : "—"}</td>;
              })}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function ValueAxis({ metric, layout: { W, left, max, y } }: { metric: Metric; layout: Layout }) {
  return ticks(max, 4).map((v) => (
    <g key={v}>
      <line x1={left} x2={W - 16} y1={y(v)} y2={y(v)} stroke="currentColor" strokeOpacity="0.15" />
      <text x={left - 6} y={y(v) + 4} fontSize="11" textAnchor="end" fill="currentColor">
        {metric === "success" ? `${v}%` : `${v} s`}
      </text>
    </g>
  ));
}

/** Period labels, thinned to about six (four on a phone) so they don't overlap. */
function PeriodAxis({ periods, grain, layout: { top, plotH, x, phone } }: { periods: string[]; grain: Grain; layout: Layout }) {
  const everyNth = Math.max(1, Math.ceil(periods.length / (phone ? 4 : 6)));
  return periods.map((p, i) =>
    i % everyNth === 0 ? (
      <text key={p} x={x(i)} y={top + plotH + 18} fontSize="11" textAnchor="middle" fill="currentColor">
        {grain === "day" ? p.slice(5) : p}
      </text>
    ) : null,
  );
}

/**
 * A line per target with a dot at each period it has a value for: the dots are the line's SVG markers, one
 * definition per target instead of an element per point (a month of days is hundreds of points on the page).
 */
function SeriesLines({ targets, metric, periods, layout: { x, y } }: { targets: TargetScore[]; metric: Metric; periods: string[]; layout: Layout }) {
  const id = useId().replace(/[^A-Za-z0-9_-]/g, "");
  return targets.map((t, ti) => {
    const byPeriod = new Map(t.series.map((p) => [p.period, p]));
    const pts = periods
      .map((period, i) => {
        const p = byPeriod.get(period);
        const v = p ? valueOf(metric, p) : null;
        return v === null ? null : `${x(i).toFixed(1)},${y(v).toFixed(1)}`;
      })
      .filter((pt): pt is string => pt !== null);
    const dot = `url(#${id}-dot-${ti})`;
    const [cx, cy] = pts.length === 1 ? pts[0]!.split(",") : [];
    return (
      <g key={t.label}>
        <marker id={`${id}-dot-${ti}`} viewBox="0 0 5 5" refX="2.5" refY="2.5" markerWidth="5" markerHeight="5" markerUnits="userSpaceOnUse">
          <circle cx="2.5" cy="2.5" r="2.5" fill={colorAt(ti)} />
        </marker>
        <polyline points={pts.join(" ")} fill="none" stroke={colorAt(ti)} strokeWidth="2" strokeDasharray={dashAt(ti)} markerStart={dot} markerMid={dot} markerEnd={dot} />
        {/* A single point is no line, and browsers differ on drawing markers for it: its dot is drawn itself. */}
        {cx && <circle cx={cx} cy={cy} r="2.5" fill={colorAt(ti)} />}
      </g>
    );
  });
}
