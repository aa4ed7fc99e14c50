import { formatBytes } from "@/lib/format";
import { dataUrlBytes } from "@/lib/input-images";
import { flattenParams, isPlainObject } from "@/lib/params/flatten";

export { flattenParams };

/** One parameter in a two-way comparison; `inA`/`inB` tell "not set" apart from a value of `null`. */
export type ParamRow = {
  key: string;
  a: unknown;
  b: unknown;
  inA: boolean;
  inB: boolean;
  differs: boolean;
};

export type ParamDiffResult = { rows: ParamRow[]; differing: number; total: number };

/** Structural equality for JSON-like values (NaN equals NaN; object key order and `undefined` members don't matter). */
export function valuesEqual(x: unknown, y: unknown): boolean {
  if (x === y) return true;
  if (typeof x === "number" && typeof y === "number") return Number.isNaN(x) && Number.isNaN(y);
  if (Array.isArray(x) || Array.isArray(y)) {
    return (
      Array.isArray(x) && Array.isArray(y) && x.length === y.length && x.every((v, i) => valuesEqual(v, y[i]))
    );
  }
  if (isPlainObject(x) && isPlainObject(y)) {
    const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
    for (const k of keys) if (!valuesEqual(x[k], y[k])) return false;
    return true;
  }
  return false;
}

/** The union of both sides' flattened keys, A's order first, then keys only B has. */
export function diffParams(a: Record<string, unknown>, b: Record<string, unknown>): ParamDiffResult {
  const fa = flattenParams(a);
  const fb = flattenParams(b);
  const keys = [...new Set([...fa.keys(), ...fb.keys()])];
  const rows = keys.map((key): ParamRow => {
    const inA = fa.has(key);
    const inB = fb.has(key);
    const av = fa.get(key);
    const bv = fb.get(key);
    return { key, a: av, b: bv, inA, inB, differs: inA !== inB || !valuesEqual(av, bv) };
  });
  return { rows, differing: rows.filter((r) => r.differs).length, total: rows.length };
}

const DATA_URL = /^data:([^,]*),/;

/** `data:image/png;base64,iVBORw0K…` plus its decoded size: a megabyte of base64 helps nobody in a table. */
export function shortenDataUrl(s: string, keep = 8): string {
  const m = DATA_URL.exec(s);
  if (!m) return s;
  const payload = s.slice(m[0].length);
  if (payload.length <= keep) return s;
  const base64 = m[1]?.endsWith(";base64") ?? false;
  const bytes = base64 ? dataUrlBytes(s) : payload.length;
  return `${m[0]}${payload.slice(0, keep)}… (${formatBytes(bytes)})`;
}

/** Text for one cell. Strings are shown bare (empty ones as `""`); anything structured as compact JSON. */
export function formatParamValue(v: unknown): string {
  if (typeof v === "string") return v === "" ? '""' : shortenDataUrl(v);
  if (typeof v === "number" || typeof v === "boolean" || typeof v === "bigint") return String(v);
  if (v === null) return "null";
  if (v === undefined) return "";
  try {
    const json = JSON.stringify(v, (_k, val: unknown) => (typeof val === "string" ? shortenDataUrl(val) : val));
    return json ?? String(v);
  } catch {
    return String(v);
  }
}
