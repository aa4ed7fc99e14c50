import type { ReactNode } from "react";
import { formatUsd } from "@/lib/results/pricing";
import type { LatencyPart, ScorecardDTO, TargetScore } from "@/lib/scores/types";
import { CostChart } from "./cost-chart";
import { LatencyChart } from "./latency-chart";
import { SeriesChart } from "./series-chart";

/**
 * The scorecard itself: one table row per provider and model (one card each on a phone or tablet), then the charts.
 * Shared by /scores and a shared link.
 */

const seconds = (ms: number | null) => (ms === null ? "—" : `${(ms / 1000).toFixed(2)} s`);
const percent = (r: number | null) => (r === null ? "—" : `${(r * 100).toFixed(1)}%`);
const parts: [LatencyPart, string][] = [
  ["wait", "waiting"],
  ["provider", "provider"],
  ["download", "download"],
];

/** A latency percentile and its parts; `wrap` lets the parts break onto lines (a phone card), else one line. */
function Latency({ t, q, wrap = false }: { t: TargetScore; q: "p50" | "p95"; wrap?: boolean }) {
  return (
    <>
      <span className="font-medium">{seconds(t.latency.total[q])}</span>
      <span className={`text-muted-foreground block text-[11px] leading-tight ${wrap ? "" : "whitespace-nowrap"}`}>
        {parts.map(([p, word]) => `${word} ${seconds(t.latency[p][q])}`).join(" · ")}
      </span>
    </>
  );
}

/**
 * No rate (a size filter counts only generations that delivered that size, so every failure is left out): no counts
 * and no failures either, where "2/2" and "none" would read as a provider that never fails.
 */
function Success({ t }: { t: TargetScore }) {
  if (t.successRate === null) return <>—</>;
  return (
    <>
      {percent(t.successRate)}
      <span className="text-muted-foreground block text-[11px]">
        {t.succeeded}/{t.finished}
      </span>
    </>
  );
}

const failureList = (t: TargetScore) =>
  t.successRate === null ? "—" : t.failures.length === 0 ? <span className="text-muted-foreground">none</span> : t.failures.map((f) => `${f.cause} ${f.count}`).join(", ");

function CostPerImage({ t }: { t: TargetScore }) {
  return (
    <>
      {t.usdPerImage === null ? "—" : formatUsd(t.usdPerImage)}
      <span className="text-muted-foreground block text-[11px]">{t.costBasis === null ? "unknown" : t.costBasis === "mixed" ? "partly estimated" : t.costBasis}</span>
      {t.failedUsd > 0 && <span className="text-muted-foreground block text-[11px]">incl. {formatUsd(t.failedUsd)} on failures</span>}
    </>
  );
}

const perDollar = (t: TargetScore) => (t.imagesPerDollar === null ? "—" : t.imagesPerDollar.toFixed(1));

/** Below the table's width, one card per provider and model: the same figures, labelled, with nothing to scroll. */
function ScoreCards({ card }: { card: ScorecardDTO }) {
  const figure = (label: string, value: ReactNode, wide = false) => (
    <div className={wide ? "col-span-2" : undefined}>
      <dt className="text-muted-foreground text-xs">{label}</dt>
      <dd className="tabular-nums">{value}</dd>
    </div>
  );
  return (
    <ul aria-label={`Scorecard per provider and model, ${card.source} results, ${card.range}`} className="grid gap-3 sm:grid-cols-2 lg:hidden">
      {card.targets.map((t) => (
        <li key={t.label} className="bg-card rounded-lg border p-3">
          <p className="font-medium">
            {t.label}
            {card.source === "emulated" && <span className="text-muted-foreground ml-2 text-[11px] font-normal">emulated</span>}
          </p>
          <dl className="mt-2 grid grid-cols-2 gap-x-4 gap-y-2 text-sm">
            {figure("Runs", t.runs)}
            {figure("Success", <Success t={t} />)}
            {figure("Latency p50", <Latency t={t} q="p50" wrap />)}
            {figure("Latency p95", <Latency t={t} q="p95" wrap />)}
            {figure("Cost per image", <CostPerImage t={t} />)}
            {figure("Images per $", perDollar(t))}
            {t.failures.length > 0 && figure("Failures by cause", <span className="text-xs">{failureList(t)}</span>, true)}
          </dl>
        </li>
      ))}
    </ul>
  );
}

export function ScorecardView({ card }: { card: ScorecardDTO }) {
  if (card.targets.length === 0) {
    return (
      <div className="grid gap-2 rounded-lg border border-dashed px-6 py-12 text-center">
        <p className="font-medium">No {card.source} results for {card.range}</p>
        <p className="text-muted-foreground text-sm">
          {card.otherSourceCount > 0
            ? `There are ${card.source === "live" ? "emulated" : "live"} results in this period; they have a scorecard of their own.`
            : card.narrowed
              ? "None match the model family, size or steps chosen; clear them to see every result in this period."
              : "Run a comparison (or any generation) and its figures appear here."}
        </p>
      </div>
    );
  }
  return (
    <div className="grid gap-4">
      <ScoreCards card={card} />
      <div className="bg-card hidden max-w-full overflow-x-auto rounded-lg border lg:block">
        <table className="w-full min-w-[860px] border-collapse text-left text-sm">
          <caption className="sr-only">Scorecard per provider and model, {card.source} results, {card.range}</caption>
          <thead className="text-muted-foreground text-xs">
            <tr className="border-b">
              <th className="p-2 pl-3 font-medium">Provider · model</th>
              <th className="p-2 text-right font-medium">Runs</th>
              <th className="p-2 text-right font-medium">Success</th>
              <th className="p-2 font-medium">Failures by cause</th>
              <th className="p-2 text-right font-medium">Latency p50</th>
              <th className="p-2 text-right font-medium">Latency p95</th>
              <th className="p-2 text-right font-medium">Cost per image</th>
              <th className="p-2 pr-3 text-right font-medium">Images per $</th>
            </tr>
          </thead>
          <tbody>
            {card.targets.map((t) => (
              <tr key={t.label} className="border-b last:border-0">
                <th scope="row" className="py-2 pr-3 pl-3 align-top font-medium">
                  {t.label}
                  {card.source === "emulated" && <span className="text-muted-foreground block text-[11px] font-normal">emulated</span>}
                </th>
                <td className="py-2 pr-3 text-right align-top tabular-nums">{t.runs}</td>
                <td className="py-2 pr-3 text-right align-top tabular-nums">
                  <Success t={t} />
                </td>
                <td className="py-2 pr-3 align-top text-xs">{failureList(t)}</td>
                {(["p50", "p95"] as const).map((q) => (
                  <td key={q} className="py-2 pr-3 text-right align-top tabular-nums">
                    <Latency t={t} q={q} />
                  </td>
                ))}
                <td className="py-2 pr-3 text-right align-top tabular-nums">
                  <CostPerImage t={t} />
                </td>
                <td className="py-2 pr-3 text-right align-top tabular-nums">{perDollar(t)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {card.targets.some((t) => t.successRate === null) && (
        <p className="text-muted-foreground text-xs">
          With a size filter only generations that delivered an image of that size are counted, so no success rate or
          failures are given, and costs leave out what failures cost.
        </p>
      )}
      <LatencyChart targets={card.targets} />
      {card.targets.some((t) => t.successRate !== null) && <SeriesChart targets={card.targets} metric="success" grain={card.grain} />}
      <SeriesChart targets={card.targets} metric="p50" grain={card.grain} />
      <CostChart targets={card.targets} />
    </div>
  );
}
