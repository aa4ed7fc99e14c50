import { formatUsd } from "@/lib/results/pricing";
import type { TargetScore } from "@/lib/scores/types";
import { ChartFigure, RowLabel, colorAt, rowLayout, ticks, type RowLayout } from "@/components/charts/svg-chart";
import { TargetTable } from "@/components/charts/target-table";

const basisWord = { reported: "reported", estimated: "estimated", mixed: "partly estimated" } as const;

/** Dollars per image per target, as bars; estimated figures are hatched and say so in words. */
export function CostChart({ targets }: { targets: TargetScore[] }) {
  const rows = targets.filter((t) => t.usdPerImage !== null);
  const layout = rowLayout(false, rows.length, 26);
  const phone = rowLayout(true, rows.length, 26);
  const description = rows.map((t) => `${t.label}: ${formatUsd(t.usdPerImage!)} per image (${basisWord[t.costBasis!]}).`).join(" ");
  return (
    <ChartFigure
      title="Cost per image (USD)"
      description={description || "No priced images in this selection."}
      width={layout.W}
      height={layout.H}
      phone={{ width: phone.W, height: phone.H, children: <Bars rows={rows} layout={phone} /> }}
      table={
        <TargetTable
          columns={[{ label: "Per image", numeric: true }, { label: "Images per $", numeric: true }, { label: "Basis" }]}
          rows={rows.map((t) => ({
            label: t.label,
            cells: [formatUsd(t.usdPerImage!), t.imagesPerDollar === null ? "—" : t.imagesPerDollar.toFixed(1), basisWord[t.costBasis!]],
          }))}
        />
      }
    >
      <Bars rows={rows} layout={layout} />
    </ChartFigure>
  );
}

function Bars({ rows, layout }: { rows: TargetScore[]; layout: RowLayout }) {
  const { W, H, left } = layout;
  const max = Math.max(0.001, ...rows.map((t) => t.usdPerImage!)) * 1.15;
  const x = (usd: number) => left + (usd / max) * (W - left - 70);
  return (
    <>
      {/* Two drawings of this chart are on the page (one shown): each names its own pattern. */}
      <defs>
        <pattern id={`cost-hatch-${W}`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <line x1="0" y1="0" x2="0" y2="6" stroke="currentColor" strokeOpacity="0.6" strokeWidth="2" />
        </pattern>
      </defs>
      {ticks(max, 4).map((v) => (
        <text key={v} x={x(v)} y={H - 8} fontSize="11" textAnchor="middle" fill="currentColor">
          ${v}
        </text>
      ))}
      {rows.map((t, i) => {
        const cy = layout.cy(i);
        const width = Math.max(1, x(t.usdPerImage!) - left);
        return (
          <g key={t.label}>
            <RowLabel label={t.label} layout={layout} cy={cy} />
            <rect x={left} y={cy - 9} width={width} height={18} fill={colorAt(i)} fillOpacity="0.8" />
            {t.costBasis !== "reported" && <rect x={left} y={cy - 9} width={width} height={18} fill={`url(#cost-hatch-${W})`} />}
            <text x={x(t.usdPerImage!) + 6} y={cy + 4} fontSize="11" fill="currentColor">
              {formatUsd(t.usdPerImage!)}
              {t.costBasis === "reported" ? "" : " est."}
            </text>
          </g>
        );
      })}
    </>
  );
}
