import type { DimensionConstraints } from "@/lib/params/descriptors";
import { fieldMeta } from "@/lib/params/field-meta";
import { fit, rangeOf, rangeText, type NumericRange } from "@/lib/params/ranges";
import { candidateOf, nearest, type Candidate } from "./candidates";
import { px, type MapContext } from "./context";

type Size = { width: number; height: number };

/**
 * The requested width × height, in the first form the model takes: a preset | {width, height} union (AI/ML API's
 * image_size), an aspect-ratio enum with an optional "custom" that turns on width/height (Segmind) or ratios only
 * (Eachlabs), or plain width and height (ImagePipeline).
 */
export function mapSize(ctx: MapContext): void {
  const { width, height } = ctx.shared;
  if (!Number.isFinite(width) || !Number.isFinite(height)) return defaultSize(ctx);
  if (mapSizeUnion(ctx) || mapAspectRatio(ctx) || mapWidthHeight(ctx)) return;
  const message = `${ctx.subject} takes no image size: not sent.`;
  ctx.adjustments.push({ role: "size", field: null, kind: "dropped", from: { width, height }, to: undefined, message });
}

function defaultSize(ctx: MapContext): void {
  const { width, height } = ctx.shared;
  const { size, aspectRatio, width: w } = ctx.roles;
  const field = size ?? aspectRatio ?? w ?? null;
  ctx.adjustments.push({
    role: "size",
    field,
    kind: "defaulted",
    from: { width, height },
    to: field ? ctx.input[field] : undefined,
    message: `Size ${width}×${height} is not a number of pixels: ${ctx.theirs} default size is used.`,
  });
}

/** A union of presets | { width, height }: an exact preset, else the custom size fitted, else the nearest preset. */
export function mapSizeUnion(ctx: MapContext): boolean {
  const name = ctx.roles.size;
  const d = name ? ctx.descriptors.get(name) : undefined;
  if (!name || d?.widget !== "size") return false;
  const { width, height } = ctx.shared;
  const exact = d.presets.find((p) => p.width === width && p.height === height);
  if (exact) {
    ctx.input[name] = exact.value;
    return true;
  }
  if (d.custom) {
    fitPair(ctx, name, dimensionRange(d.custom.width), dimensionRange(d.custom.height), (s) => (ctx.input[name] = s));
    return true;
  }
  const candidates = d.presets.flatMap((p) => {
    const c = candidateOf(p.value, p.width !== undefined && p.height !== undefined ? { width: p.width, height: p.height } : undefined);
    return c ? [c] : [];
  });
  return choose(ctx, name, candidates);
}

const dimensionRange = (c: DimensionConstraints): NumericRange => ({
  int: true,
  ...(c.min !== undefined && { min: c.min }),
  ...(c.max !== undefined && { max: c.max }),
  ...(c.step > 1 && { multipleOf: c.step }),
});

/** An aspect-ratio enum: an exact preset, else its "custom" value with width/height fitted, else the nearest ratio. */
export function mapAspectRatio(ctx: MapContext): boolean {
  const { aspectRatio: name, width: widthName, height: heightName } = ctx.roles;
  const d = name ? ctx.descriptors.get(name) : undefined;
  if (!name || d?.widget !== "select") return false;
  const { width, height } = ctx.shared;
  const presetSizes = fieldMeta.get(ctx.shape[name]!)?.presetSizes ?? {};
  const values = d.options.map((o) => String(o.value));
  const exact = values.find((v) => presetSizes[v]?.width === width && presetSizes[v].height === height);
  if (exact !== undefined) {
    ctx.input[name] = exact;
    return true;
  }
  const wd = widthName ? ctx.descriptors.get(widthName) : undefined;
  const gate = wd?.showWhen?.field === name ? wd.showWhen.equals.map(String) : ["custom"];
  const customValue = widthName && heightName ? values.find((v) => gate.includes(v)) : undefined;
  if (customValue !== undefined) {
    ctx.input[name] = customValue;
    return mapWidthHeight(ctx);
  }
  const candidates = values.flatMap((v) => {
    const c = candidateOf(v, presetSizes[v]);
    return c ? [c] : [];
  });
  return choose(ctx, name, candidates);
}

/** Plain width and height fields, fitted into their ranges. */
export function mapWidthHeight(ctx: MapContext): boolean {
  const { width: w, height: h } = ctx.roles;
  if (!w || !h) return false;
  fitPair(ctx, w, rangeOf(ctx.model.schema, w), rangeOf(ctx.model.schema, h), (s) => {
    ctx.input[w] = s.width;
    ctx.input[h] = s.height;
  });
  return true;
}

/** Clamp and snap a width/height pair, send it through `set`, and report any change. */
function fitPair(ctx: MapContext, field: string, wRange: NumericRange, hRange: NumericRange, set: (size: Size) => void) {
  const requested = { width: ctx.shared.width, height: ctx.shared.height };
  const fw = fit(requested.width, wRange);
  const fh = fit(requested.height, hRange);
  const sent = { width: fw.value, height: fh.value };
  set(sent);
  const kind = fw.kind === "clamped" || fh.kind === "clamped" ? "clamped" : (fw.kind ?? fh.kind);
  if (!kind) return;
  const message = kind === "snapped" ? snappedMessage(sent, wRange, hRange) : clampedMessage(ctx, sent, wRange, hRange);
  ctx.adjustments.push({ role: "size", field, kind, from: requested, to: sent, message });
}

function snappedMessage(sent: Size, wRange: NumericRange, hRange: NumericRange): string {
  const mw = wRange.multipleOf;
  const mh = hRange.multipleOf;
  if (mw === undefined && mh === undefined) return `Size rounded to ${px(sent)} pixels.`;
  if (mw === mh) return `Size snapped to ${px(sent)}, a multiple of ${mw}.`;
  return `Size snapped to ${px(sent)}: widths in multiples of ${mw ?? 1}, heights of ${mh ?? 1}.`;
}

function clampedMessage(ctx: MapContext, sent: Size, wRange: NumericRange, hRange: NumericRange): string {
  const mw = wRange.multipleOf;
  const mh = hRange.multipleOf;
  const sameRange = wRange.min === hRange.min && wRange.max === hRange.max;
  const limits = sameRange
    ? `${rangeText(wRange)} px per side`
    : `widths of ${rangeText(wRange)} px and heights of ${rangeText(hRange)} px`;
  const multiples =
    mw === undefined && mh === undefined
      ? ""
      : mw === mh
        ? `, in multiples of ${mw}`
        : `, widths in multiples of ${mw ?? 1} and heights of ${mh ?? 1}`;
  return `Size changed to ${px(sent)}: ${ctx.providerLabel} takes ${limits}${multiples}.`;
}

/** Send the nearest candidate, naming it unless it is exactly the requested size. */
function choose(ctx: MapContext, field: string, candidates: Candidate[]): boolean {
  const { width, height } = ctx.shared;
  const requested = { width, height };
  const best = nearest(candidates, width, height);
  if (!best) return false;
  ctx.input[field] = best.value;
  if (best.pixels && best.pixels.width === width && best.pixels.height === height) return true;
  const sameRatio = best.exact ? width * best.exact.h === height * best.exact.w : false;
  const message = best.pixels
    ? `Nearest ${best.noun} ${best.label} (${px(best.pixels)}) for ${px(requested)}.`
    : sameRatio
      ? `${ctx.subject} takes an aspect ratio, not pixels: sent ${best.label} for ${px(requested)}.`
      : `Nearest ${best.noun} ${best.label} for ${px(requested)}.`;
  ctx.adjustments.push({ role: "size", field, kind: "preset", from: requested, to: best.value, message });
  return true;
}
