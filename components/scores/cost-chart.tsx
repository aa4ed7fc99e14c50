import { formatUsd } from "@/lib/results/pricing";
import type { TargetScore } from "@/lib/scores/types";
import { ChartFigure, chartLabel, colorAt, ticks } from "@/components/charts/svg-chart";
import { TargetTable } from "@/components/charts/target-table";

const basisWord = { reported: "reported", estimated: "estimated", mixed: "partly estimated" } as const;

/** Dollars per image per target, as bars; estimated figures are hatched and say so in words. */
export function CostChart({ targets }: { targets: TargetScore[] }) {
  const rows = targets.filter((t) => t.usdPerImage !== null);
  const W = 640;
  const left = 190;
  const rowH = 26;
  const H = 20 + rows.length * rowH + 24;
  const max = Math.max(0.001, ...rows.map((t) => t.usdPerImage!)) * 1.15;
  const x = (usd: number) => left + (usd / max) * (W - left - 70);
  const description = rows.map((t) => `${t.label}: ${formatUsd(t.usdPerImage!)} per image (${basisWord[t.costBasis!]}).`).join(" ");
  return (
    <ChartFigure
      title="Cost per image (USD)"
      description={description || "No priced images in this selection."}
      width={W}
      height={H}
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
      <defs>
        <pattern id="cost-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <line x1="0" y1="0" x2="0" y2="6" stroke="currentColor" strokeOpacity="0.6" strokeWidth="2" />
        </pattern>
      </defs>
      {ticks(max, 4).map((v) => (
        <text key={v} x={x(v)} y={H - 8} fontSize="11" textAnchor="middle" fill="currentColor">
          ${v}
        </text>
      ))}
      {rows.map((t, i) => {
        const y = 20 + i * rowH;
        return (
          <g key={t.label}>
            <text x={left - 8} y={y + 14} fontSize="11" textAnchor="end" fill="currentColor">
              {chartLabel(t.label, 30)}
            </text>
            <rect x={left} y={y + 2} width={Math.max(1, x(t.usdPerImage!) - left)} height={rowH - 8} fill={colorAt(i)} fillOpacity="0.8" />
            {t.costBasis !== "reported" && <rect x={left} y={y + 2} width={Math.max(1, x(t.usdPerImage!) - left)} height={rowH - 8} fill="url(#cost-hatch)" />}
            <text x={x(t.usdPerImage!) + 6} y={y + 14} fontSize="11" fill="currentColor">
              {formatUsd(t.usdPerImage!)}
              {t.costBasis === "reported" ? "" : " est."}
            </text>
          </g>
        );
      })}
    </ChartFigure>
  );
}
