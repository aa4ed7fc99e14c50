import { describeSchema, type FieldDescriptor } from "@/lib/params/describe";
import { targetLabel } from "@/lib/providers/labels";
import type { ModelDefinition } from "@/lib/providers/types";
import type { AxisRequest } from "./spec";
import { groupDigits } from "@/lib/format";
import { seedFromDigits } from "@/lib/params/seed-digits";

/*
 * Turns the axes a person wrote into value lists: a range becomes its values, list entries become values of the
 * field's type (numbers, options, sizes), each with the label the grid and its PNG show. Pure: no database.
 */

export type AxisKind = AxisRequest["kind"];

export interface AxisValue {
  /** What the grid shows for it ("20", "Euler", "1024×768", "Segmind · SD3.5 Large"). */
  label: string;
  /** A param value of the chosen model, the replacement text (prompt S/R), or `{ provider, model }`. */
  value: unknown;
}

export interface ExpandedAxis {
  kind: AxisKind;
  /** The chosen model's wire field (list and range axes). */
  field?: string;
  /** The axis title ("Steps", "Prompt S/R", "Provider / model"). */
  name: string;
  values: AxisValue[];
}

/** Fields an axis may vary: everything but input images and the prompt (varied by search-and-replace instead). */
export function axisFields(model: ModelDefinition): FieldDescriptor[] {
  return describeSchema(model.schema).filter((d) => d.widget !== "image" && d.role !== "prompt");
}

const EPS = 1e-9;

/** How many values an axis has, computed without building them (a range of a billion steps is refused by count). */
export function axisLength(axis: AxisRequest): number {
  if (axis.kind !== "range") return axis.values.length;
  if (axis.to < axis.from) return 0;
  return Math.floor((axis.to - axis.from) / axis.step + EPS) + 1;
}

/** The values of a range, without float noise (0.1 steps give 0.3, not 0.30000000000000004). */
export function rangeValues(from: number, to: number, step: number): number[] {
  const n = axisLength({ kind: "range", field: "", from, to, step });
  return Array.from({ length: n }, (_, i) => Number((from + i * step).toFixed(10)));
}

const SIZE_TEXT = /^(\d+)\s*[x×]\s*(\d+)$/i;

/** A typed list entry read as the field's type; text the field cannot read is kept so validation names it. */
export function coerceValue(d: FieldDescriptor, raw: string): unknown {
  const text = raw.trim();
  switch (d.widget) {
    case "seed": {
      // A wide seed past 2^53 keeps its digits (lib/params/wide-seed.ts); a number would round it.
      const digits = d.wide ? seedFromDigits(text) : undefined;
      if (digits !== undefined) return digits;
    }
    // falls through
    case "number":
    case "slider":
      return text !== "" && Number.isFinite(Number(text)) ? Number(text) : text;
    case "switch":
      if (/^(true|on|yes|1)$/i.test(text)) return true;
      if (/^(false|off|no|0)$/i.test(text)) return false;
      return text;
    case "select": {
      const option = d.options.find((o) => String(o.value).toLowerCase() === text.toLowerCase() || o.label.toLowerCase() === text.toLowerCase());
      return option ? option.value : text;
    }
    case "size": {
      const preset = d.presets.find((p) => p.value.toLowerCase() === text.toLowerCase() || p.label.toLowerCase() === text.toLowerCase());
      if (preset) return preset.value;
      const m = SIZE_TEXT.exec(text);
      return m && d.custom ? { width: Number(m[1]), height: Number(m[2]) } : text;
    }
    default:
      return text;
  }
}

/** How a value reads in the grid. */
export function valueLabel(d: FieldDescriptor | undefined, value: unknown): string {
  if (value && typeof value === "object" && "width" in value && "height" in value) return `${String(value.width)}×${String(value.height)}`;
  if (d?.widget === "select") return d.options.find((o) => o.value === value)?.label ?? String(value);
  if (d?.widget === "size") return d.presets.find((p) => p.value === value)?.label ?? String(value);
  if (d?.widget === "switch" && typeof value === "boolean") return value ? "on" : "off";
  return String(value);
}

/** An axis's title and labelled values, read against the chosen model. Null field: the model has no such field. */
export function expandAxis(model: ModelDefinition, axis: AxisRequest): ExpandedAxis {
  switch (axis.kind) {
    case "prompt":
      return { kind: "prompt", name: "Prompt S/R", values: axis.values.map((v) => ({ label: v, value: v })) };
    case "target":
      return { kind: "target", name: "Provider / model", values: axis.values.map((t) => ({ label: targetLabel(t), value: { provider: t.provider, model: t.model } })) };
    case "list":
    case "range": {
      const d = axisFields(model).find((f) => f.name === axis.field);
      const raw = axis.kind === "range" ? rangeValues(axis.from, axis.to, axis.step) : axis.values.map((v) => (d ? coerceValue(d, v) : v));
      return { kind: axis.kind, field: axis.field, name: d?.label ?? axis.field, values: raw.map((value) => ({ label: valueLabel(d, value), value })) };
    }
  }
}

/** A value's identity: "20" and "20.0", or "euler" and "EULER", read as the same value and make the same cells. */
const valueKey = (v: unknown) => (v !== null && typeof v === "object" ? `o:${JSON.stringify(v)}` : `${typeof v}:${String(v)}`);

/**
 * Values an axis lists more than once (after reading them as the field's type), each named once: every repeat is a
 * column, row or block of the very same cells, run and paid for again.
 */
export function repeatedValues(axis: ExpandedAxis): string[] {
  const seen = new Set<string>();
  const repeated = new Map<string, string>();
  for (const v of axis.values) {
    const key = valueKey(v.value);
    if (seen.has(key)) repeated.set(key, v.label);
    seen.add(key);
  }
  const named = (label: string) =>
    axis.kind === "prompt" ? `"${label}"` : axis.kind === "target" ? label : `${axis.name.toLowerCase()} ${label}`;
  return [...repeated.values()].map((label) => `${named(label)} is listed more than once: the same cells would run (and be paid for) again.`);
}

/** "3 × 4 × 2" */
export function shapeText(lengths: number[]): string {
  return lengths.join(" × ");
}

/** The refusal for a grid over the limit, with its numbers; null when it fits. */
export function overLimit(lengths: number[], limit: number): string | null {
  const cells = lengths.reduce((n, l) => n * l, 1);
  if (cells <= limit) return null;
  return `This grid has ${shapeText(lengths)} = ${groupDigits(cells)} cells; the limit is ${groupDigits(limit)} (GRID_MAX_CELLS). Use fewer values.`;
}

/** Every cell's value indexes, X fastest (row by row, as the grid reads), then Y, then Z. */
export function cellIndexes(lengths: number[]): number[][] {
  const total = lengths.reduce((n, l) => n * l, 1);
  return Array.from({ length: total }, (_, i) => {
    let rest = i;
    return lengths.map((length) => {
      const index = rest % length;
      rest = Math.floor(rest / length);
      return index;
    });
  });
}
