/** Parameter values as flat rows: how tables, the shared view and the diff all read nested wire bodies. */

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== "object" || v === null) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * Flatten nested plain objects into dotted keys (`{ input: { steps: 4 } }` → `input.steps`). Arrays and empty objects
 * stay whole as leaves; `undefined` counts as "not set", like a missing key.
 */
export function flattenParams(
  obj: Record<string, unknown>,
  prefix = "",
  out: Map<string, unknown> = new Map(),
): Map<string, unknown> {
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (isPlainObject(v) && Object.keys(v).length > 0) flattenParams(v, key, out);
    else if (v !== undefined && !out.has(key)) out.set(key, v);
  }
  return out;
}
