import { useId } from "react";

/**
 * Our own small SVG chart frame: role="img" with a <title> and <desc> the screen reader reads, and the data in a
 * table beside it (the table is the accessible reading of the chart, and what a person copies from). No chart
 * library, and no client script: these render on the server.
 */

/** Distinct in light and dark; lines also differ by dash, so colour is never the only cue. */
export const seriesColors = ["#2563eb", "#db2777", "#16a34a", "#d97706", "#7c3aed", "#0891b2", "#dc2626", "#65a30d"];
export const seriesDashes = ["", "6 3", "2 3", "8 3 2 3", "", "6 3", "2 3", "8 3 2 3"];

export function colorAt(i: number) {
  return seriesColors[i % seriesColors.length]!;
}
export function dashAt(i: number) {
  return seriesDashes[i % seriesDashes.length]!;
}

/** Round tick values across [0, max]: 1, 2 or 5 times a power of ten. */
export function ticks(max: number, count = 4): number[] {
  if (!(max > 0)) return [0];
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = 0; v <= max + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

/**
 * A target's name cut to `max` characters for a chart's label column, keeping what tells targets apart: "Stable
 * Diffusion" reads "SD", and a name still too long loses the end of its provider rather than of its model
 * ("ImagePip… · SD 3.5 Large Turbo"). Cutting the end made a provider's Large, Large Turbo and Medium rows read alike.
 * The whole name is in the chart's description and its table.
 */
export function chartLabel(label: string, max: number): string {
  const short = label.replaceAll("Stable Diffusion ", "SD ");
  if (short.length <= max) return short;
  const at = short.indexOf(" · ");
  const model = short.slice(at + 3);
  const room = max - model.length - 4;
  return at < 0 || room < 1 ? `${short.slice(0, max - 1)}…` : `${short.slice(0, room)}… · ${model}`;
}

/**
 * Geometry of a chart with one row per target. Wide: names in a column left of the marks. Phone: a narrow drawing
 * with each name above its mark, so the whole range fits the card instead of scrolling in it.
 */
export function rowLayout(phone: boolean, count: number, rowH: number, top = 20) {
  const h = phone ? rowH + 10 : rowH;
  return {
    phone,
    W: phone ? 320 : 640,
    left: phone ? 20 : 200,
    rowH: h,
    H: top + count * h + 24,
    /** The vertical middle of row `i`'s mark: under its name on a phone. */
    cy: (i: number) => (phone ? top + i * h + h - 10 : top + i * h + h / 2),
  };
}
export type RowLayout = ReturnType<typeof rowLayout>;

/** A row's name, placed as its layout says: right-aligned before the mark, or above it on a phone. */
export function RowLabel({ label, layout, cy }: { label: string; layout: RowLayout; cy: number }) {
  return layout.phone ? (
    <text x={layout.left} y={cy - 11} fontSize="11" fill="currentColor">
      {chartLabel(label, 48)}
    </text>
  ) : (
    <text x={layout.left - 8} y={cy + 4} fontSize="11" textAnchor="end" fill="currentColor">
      {chartLabel(label, 32)}
    </text>
  );
}

/** A narrower drawing of the same chart for phones (under 640 px), which fits the card instead of scrolling in it. */
export interface PhoneDrawing {
  width: number;
  height: number;
  children: React.ReactNode;
}

export function ChartFigure({
  title,
  description,
  width,
  height,
  children,
  phone,
  table,
}: {
  title: string;
  description: string;
  width: number;
  height: number;
  children: React.ReactNode;
  phone: PhoneDrawing;
  table: React.ReactNode;
}) {
  const id = useId();
  const svg = { id, title, description };
  return (
    <figure className="bg-card grid gap-3 rounded-lg border p-3 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <figcaption className="text-sm font-medium lg:col-span-2">{title}</figcaption>
      {/* A phone gets its own narrower drawing, which fits the card: only one is ever displayed, so read. */}
      <div className="max-w-full">
        <ChartSvg {...svg} idSuffix="" width={width} height={height} className="hidden sm:block">
          {children}
        </ChartSvg>
        <ChartSvg {...svg} idSuffix="-p" width={phone.width} height={phone.height} className="sm:hidden">
          {phone.children}
        </ChartSvg>
      </div>
      <div className="max-w-full overflow-x-auto text-xs">{table}</div>
    </figure>
  );
}

function ChartSvg({
  id,
  idSuffix,
  title,
  description,
  width,
  height,
  className,
  children,
}: {
  id: string;
  idSuffix: string;
  title: string;
  description: string;
  width: number;
  height: number;
  className: string;
  children: React.ReactNode;
}) {
  const t = `${id}${idSuffix}-t`;
  const d = `${id}${idSuffix}-d`;
  return (
    <svg
      role="img"
      aria-labelledby={`${t} ${d}`}
      viewBox={`0 0 ${width} ${height}`}
      className={`text-muted-foreground h-auto w-full ${className}`}
      preserveAspectRatio="xMinYMin meet"
    >
      <title id={t}>{title}</title>
      <desc id={d}>{description}</desc>
      {children}
    </svg>
  );
}

/** A left-aligned legend row inside the SVG: a swatch (with the series' dash) and its label. */
export function Legend({ labels, x, y }: { labels: string[]; x: number; y: number }) {
  return (
    <g fontSize="11" fill="currentColor">
      {labels.map((label, i) => (
        <g key={label} transform={`translate(${x}, ${y + i * 15})`}>
          <line x1="0" x2="18" y1="-4" y2="-4" stroke={colorAt(i)} strokeWidth="3" strokeDasharray={dashAt(i)} />
          <text x="24" y="0">
            {label}
          </text>
        </g>
      ))}
    </g>
  );
}
