import { carryOver } from "@/lib/forms/carry-over";
import { sharedFieldNames } from "@/lib/compare/mapping";
import { describeSchema } from "@/lib/params/describe";
import { findRole } from "@/lib/params/roles";
import { getModel, getProvider } from "@/lib/providers";
import type { ModelDefinition } from "@/lib/providers/types";
import { cellIndexes, type ExpandedAxis } from "./expand";

/*
 * One cell per combination of axis values: the chosen model's defaults and base values, then each axis's value.
 * On a provider/model axis the cell's values are carried to that model by the comparison mapping (lib/compare), and
 * every adjustment it makes is named in the cell.
 */

export interface GridCell {
  /** Value index per axis (X, Y, Z). */
  at: number[];
  provider: string;
  model: string;
  prompt: string;
  input: Record<string, unknown>;
  /** Adjustments made for this cell's model, one sentence each. */
  notes: string[];
  /** Which axis set each wire field of `input` (for naming the axis an invalid value came from). */
  setBy: Record<string, number>;
}

export interface GridBase {
  provider: string;
  model: ModelDefinition;
  /** The chosen model's own values (wire names). */
  base: Record<string, unknown>;
}

const isTarget = (v: unknown): v is { provider: string; model: string } =>
  typeof v === "object" && v !== null && "provider" in v && "model" in v;

/** The chosen model's values for one combination, and which axis set each field. */
function baseValues(g: GridBase, axes: ExpandedAxis[], at: number[]): { values: Record<string, unknown>; setBy: Record<string, number> } {
  const values: Record<string, unknown> = { ...g.model.defaults, ...g.base };
  const setBy: Record<string, number> = {};
  const promptField = findRole(g.model.schema, "prompt");
  axes.forEach((axis, i) => {
    const v = axis.values[at[i]!]?.value;
    if ((axis.kind === "list" || axis.kind === "range") && axis.field) {
      values[axis.field] = v;
      setBy[axis.field] = i;
    } else if (axis.kind === "prompt" && promptField) {
      const search = String(axis.values[0]?.value ?? "");
      values[promptField] = String(values[promptField] ?? "").split(search).join(String(v));
      setBy[promptField] = i;
    }
  });
  return { values, setBy };
}

/** One cell on another model: shared meanings go through the mapping, the model's own fields by name. */
function carried(g: GridBase, values: Record<string, unknown>, setBy: Record<string, number>, target: ModelDefinition, providerLabel: string) {
  const shared = new Set(sharedFieldNames(g.model));
  const stored: Record<string, unknown> = {};
  const notes: string[] = [];
  const cellSetBy: Record<string, number> = {};
  const labels = new Map(describeSchema(g.model.schema).map((d) => [d.name, d.label]));
  for (const [name, axis] of Object.entries(setBy)) {
    if (shared.has(name)) continue;
    if (Object.hasOwn(target.schema.shape, name)) {
      stored[name] = values[name];
      cellSetBy[name] = axis;
    } else {
      notes.push(`${providerLabel}'s ${target.label} takes no ${(labels.get(name) ?? name).toLowerCase()}: not sent.`);
    }
  }
  const mapped = carryOver({ model: g.model, values }, { providerLabel, model: target, stored });
  return { input: mapped.input, notes: [...notes, ...mapped.notes], setBy: cellSetBy };
}

/** Every cell of the grid, X fastest. Call only after the cell limit was checked. */
export function buildCells(g: GridBase, axes: ExpandedAxis[]): GridCell[] {
  const targetAxis = axes.findIndex((a) => a.kind === "target");
  return cellIndexes(axes.map((a) => a.values.length)).map((at) => {
    const { values, setBy } = baseValues(g, axes, at);
    const target = targetAxis >= 0 ? axes[targetAxis]!.values[at[targetAxis]!]!.value : null;
    const other = isTarget(target) && (target.provider !== g.provider || target.model !== g.model.id) ? target : null;
    const model = other ? getModel(other.provider, other.model) : g.model;
    const promptOf = (m: ModelDefinition, input: Record<string, unknown>) => {
      const field = findRole(m.schema, "prompt");
      return field ? String(input[field] ?? "") : "";
    };
    if (!other || !model) {
      // An unknown target model stays as asked: validation names it.
      const cell = { at, provider: other?.provider ?? g.provider, model: other?.model ?? g.model.id, input: values, notes: [], setBy };
      return { ...cell, prompt: promptOf(g.model, values) };
    }
    const label = getProvider(other.provider)?.label ?? other.provider;
    const c = carried(g, values, setBy, model, label);
    return { at, provider: other.provider, model: other.model, prompt: promptOf(model, c.input), input: c.input, notes: c.notes, setBy: c.setBy };
  });
}
