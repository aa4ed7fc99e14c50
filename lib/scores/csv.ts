import type { ScorecardDTO } from "./types";

/** RFC 4180 quoting; a leading = + - @ is prefixed with ' so a spreadsheet does not run it as a formula. */
function cell(value: string | number | null): string {
  if (value === null) return "";
  let s = String(value);
  if (/^[=+\-@\t\r]/.test(s) && typeof value === "string") s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const columns = [
  "provider", "model", "label", "source", "range", "runs", "finished", "succeeded", "success_rate", "failures",
  "p50_total_ms", "p95_total_ms", "p50_wait_ms", "p95_wait_ms", "p50_provider_ms", "p95_provider_ms", "p50_download_ms",
  "p95_download_ms", "images", "usd_per_image", "cost_basis", "images_per_usd", "failed_usd",
] as const;

export function scorecardCsv(card: ScorecardDTO): string {
  const rows = card.targets.map((t) => [
    t.provider, t.model, t.label, card.source, card.range, t.runs, t.finished, t.succeeded,
    t.successRate === null ? null : Number(t.successRate.toFixed(4)),
    t.failures.map((f) => `${f.cause}:${f.count}`).join(" "),
    t.latency.total.p50, t.latency.total.p95, t.latency.wait.p50, t.latency.wait.p95, t.latency.provider.p50,
    t.latency.provider.p95, t.latency.download.p50, t.latency.download.p95, t.images,
    t.usdPerImage === null ? null : Number(t.usdPerImage.toFixed(5)), t.costBasis,
    t.imagesPerDollar === null ? null : Number(t.imagesPerDollar.toFixed(2)), Number(t.failedUsd.toFixed(5)),
  ]);
  return [columns.join(","), ...rows.map((r) => r.map(cell).join(","))].join("\r\n") + "\r\n";
}
