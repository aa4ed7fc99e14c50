/**
 * Small formatters shared by cards, tables and the gallery. None of them uses Intl: a fresh browser spends 15–30 ms
 * setting up its number and date formatting on the first call, a long task in the middle of hydrating a page.
 */

/** 850 → "850 ms", 1234 → "1.23 s", 12345 → "12.3 s", 119600 → "2 min 0 s": each unit chosen after rounding to it. */
export function formatMs(ms: number | null | undefined): string {
  if (ms == null) return "–";
  if (Math.round(ms) < 1000) return `${Math.round(ms)} ms`;
  const hundredths = Math.round(ms / 10);
  if (hundredths < 1000) return `${(hundredths / 100).toFixed(2)} s`;
  const tenths = Math.round(ms / 100);
  if (tenths < 600) return `${(tenths / 10).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

export function formatCost(cost: { amount: number; unit: string } | null | undefined): string | null {
  if (!cost) return null;
  if (cost.unit === "usd") return `$${cost.amount < 0.01 ? cost.amount.toFixed(4) : cost.amount.toFixed(3)}`;
  return `${groupDigits(cost.amount)} credits`;
}

/** 1 → "1 image", 1200 → "1,200 images": a count with its noun, singular for one. */
export function countOf(n: number, noun: string, plural = `${noun}s`): string {
  return `${groupDigits(n)} ${n === 1 ? noun : plural}`;
}

/** 273000 → "273,000", 1234.5678 → "1,234.568": what `toLocaleString("en-US")` writes, without Intl. */
export function groupDigits(n: number): string {
  const [int = "0", frac] = (Math.round(Math.abs(n) * 1000) / 1000).toString().split(".");
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${n < 0 && (int !== "0" || frac) ? "-" : ""}${grouped}${frac ? `.${frac}` : ""}`;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pad2 = (n: number) => String(n).padStart(2, "0");

/** 512 → "512 B", 2300 → "2 KB", 10 MiB → "10 MB", 1.25 MiB → "1.3 MB": megabytes whole where exact. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  const mb = n / 1024 / 1024;
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}

/** "30 Nov 2026, 16:28" in local time (en-GB's medium date and short time), without Intl. */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  return `${d.getDate()} ${MONTHS[d.getMonth()]} ${d.getFullYear()}, ${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

/** "16:28:05" in local time, without Intl. */
export function formatTime(iso: string): string {
  const d = new Date(iso);
  return `${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`;
}

export function formatValue(value: unknown): string {
  if (value === undefined) return "–";
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}
