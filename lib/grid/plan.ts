import type { z } from "zod";
import { confirmationReason, estimateFromTable, imagesRequested, type Estimate } from "@/lib/cost/estimate";
import { humanErrorMap } from "@/lib/forms/human-errors";
import { fieldErrorsOf, unknownFields } from "@/lib/params/field-errors";
import { describeSchema } from "@/lib/params/describe";
import { findRole } from "@/lib/params/roles";
import { getModel, getProvider } from "@/lib/providers";
import type { ModelDefinition } from "@/lib/providers/types";
import { buildCells, type GridCell } from "./cells";
import { axisFields, axisLength, expandAxis, overLimit, repeatedValues, shapeText, valueLabel, type ExpandedAxis } from "./expand";
import type { GridRequest } from "./spec";

/*
 * Everything the form shows before a run, and what the server stores: the grid's shape, its cells, the image count
 * and estimate, and every invalid value named on its axis in words ("steps 60 is above Segmind's maximum of 50").
 * Each cell's input is validated with its model's own zod schema.
 */

export interface GridLimits {
  GRID_MAX_CELLS: number;
  /** Images per batch, as for suites: a grid of few cells can still ask for many images each. */
  BATCH_MAX_IMAGES: number;
  CONFIRM_ABOVE_IMAGES: number;
  CONFIRM_ABOVE_USD: number;
}

export interface GridPlan {
  shape: string;
  lengths: number[];
  cells: number;
  images: number;
  estimate: Estimate | null;
  /** Why the grid needs the person's confirmation; null when it does not. */
  confirmation: string | null;
  /** Per axis (same order as the request), each problem once. */
  axisErrors: string[][];
  /** Problems not tied to one axis (the prompt, the model, the limit). */
  errors: string[];
  axes: ExpandedAxis[];
  /** Only when there are no errors. */
  ready: GridCell[] | null;
}

const possessive = (name: string) => (name.endsWith("s") ? `${name}'` : `${name}'s`);

/**
 * One issue of a cell's input in words, in parts so that the values an axis sets with the same problem read as one
 * line: "steps 80, 90 and 100 are above Segmind's maximum of 70".
 */
interface ValueProblem {
  subject: string;
  value: string;
  /** "above Segmind's maximum of 70"; null for a problem that may differ value by value, a line of its own. */
  problem: string | null;
}

function valueProblem(issue: z.core.$ZodIssue, model: ModelDefinition, providerLabel: string, value: unknown, fallback: string): ValueProblem {
  const field = String(issue.path[0] ?? "");
  const d = describeSchema(model.schema).find((f) => f.name === field);
  const subject = (d?.label ?? field).toLowerCase();
  const shown = valueLabel(d, value);
  const said = (problem: string) => ({ subject, value: shown, problem });
  // A number's bounds only: a text's are its length ("prompt … is above the maximum of 10000" would read as a value).
  const numeric = "origin" in issue && issue.origin === "number";
  if (numeric && issue.code === "too_big" && typeof issue.maximum === "number") return said(`above ${possessive(providerLabel)} maximum of ${issue.maximum}`);
  if (numeric && issue.code === "too_small" && typeof issue.minimum === "number") return said(`below ${possessive(providerLabel)} minimum of ${issue.minimum}`);
  if (issue.code === "invalid_value" || (issue.code === "invalid_union" && d?.widget === "size")) return said(`not offered by ${providerLabel}`);
  return { subject, value: `${shown}: ${fallback}`, problem: null };
}

/** "80", "80 and 90", "80, 90 and 100"; past five values the first three, the last and the count. */
function valueList(values: string[]): string {
  if (values.length === 1) return values[0]!;
  const shown = values.length > 5 ? [...values.slice(0, 3), "…"] : values.slice(0, -1);
  return `${shown.join(", ")} and ${values.at(-1)}${values.length > 5 ? ` (${values.length} values)` : ""}`;
}

/** Each axis's value problems as lines: one per subject and problem, naming all its values. */
function valueProblemLines(problems: ValueProblem[]): string[] {
  const groups = new Map<string, { p: ValueProblem; values: string[] }>();
  for (const p of problems) {
    const key = `${p.subject}\u0000${p.problem ?? p.value}`;
    const group = groups.get(key) ?? groups.set(key, { p, values: [] }).get(key)!;
    if (!group.values.includes(p.value)) group.values.push(p.value);
  }
  return [...groups.values()].map(({ p, values }) =>
    p.problem === null ? `${p.subject} ${p.value}` : `${p.subject} ${valueList(values)} ${values.length > 1 ? "are" : "is"} ${p.problem}`,
  );
}

/** Validates one cell, filing each problem under the axis that set the field (else under the form). */
function checkCell(
  cell: GridCell,
  base: string,
  axes: ExpandedAxis[],
  configured: (provider: string) => string | null,
  axisErrors: Set<string>[],
  axisProblems: ValueProblem[][],
  errors: Set<string>,
): Record<string, unknown> | null {
  const model = getModel(cell.provider, cell.model);
  const targetAxis = axes.findIndex((a) => a.kind === "target");
  const fileUnder = (axis: number | undefined, text: string) => (axis === undefined ? errors : axisErrors[axis]!).add(text);
  if (!model) {
    fileUnder(targetAxis >= 0 ? targetAxis : undefined, `unknown model ${cell.provider}/${cell.model}`);
    return null;
  }
  const missing = configured(cell.provider);
  if (missing) fileUnder(targetAxis >= 0 ? targetAxis : undefined, missing);
  const label = getProvider(cell.provider)?.label ?? cell.provider;
  const extra = unknownFields(model.schema, cell.input);
  for (const path of extra) fileUnder(cell.setBy[path.split(".")[0]!], `${label}'s ${model.label} takes no "${path}"`);
  const parsed = model.schema.safeParse(cell.input, { error: humanErrorMap(model.schema) });
  if (parsed.success) return missing || extra.length ? null : (parsed.data as Record<string, unknown>);
  const messages = fieldErrorsOf(parsed.error);
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? "");
    // A field no axis set: the form's problem on the chosen model, the provider/model axis's on another; either way
    // in the field's own words ("fal: Enter a prompt."), since no value of an axis is to blame.
    const other = targetAxis >= 0 && `${cell.provider}/${cell.model}` !== base;
    const axis = cell.setBy[field];
    if (axis === undefined) fileUnder(other ? targetAxis : undefined, `${label}: ${messages[issue.path.map(String).join(".")] ?? issue.message}`);
    else axisProblems[axis]!.push(valueProblem(issue, model, label, cell.input[field], issue.message));
  }
  return null;
}

/**
 * What is wrong with one axis as a whole: a field the model lacks or an axis cannot vary (the prompt has Prompt S/R,
 * an input image is not a value to list), a field another axis varies, a value listed twice, or search text the
 * prompt does not hold (every replacement would then be the same prompt, the same image paid for again).
 */
function axisProblems(model: ModelDefinition, base: Record<string, unknown>, axes: ExpandedAxis[], i: number): string[] {
  const a = axes[i]!;
  const problems: string[] = [];
  if (a.field && !axisFields(model).some((d) => d.name === a.field)) {
    const d = describeSchema(model.schema).find((f) => f.name === a.field);
    if (!d) problems.push(`${model.label} has no parameter "${a.field}"`);
    else problems.push(`${d.label} cannot be an axis${d.role === "prompt" ? ": vary the prompt with Prompt S/R" : ""}`);
  }
  if (a.field && axes.findIndex((b) => b.field === a.field) !== i) problems.push(`${a.name} is already another axis`);
  problems.push(...repeatedValues(a));
  const promptField = findRole(model.schema, "prompt");
  const search = String(a.values[0]?.value ?? "");
  if (a.kind === "prompt" && promptField && !String({ ...model.defaults, ...base }[promptField] ?? "").includes(search)) {
    problems.push(`"${search}" is not in the prompt: every replacement would be the same prompt.`);
  }
  return problems;
}

/** The plan of a grid request: its shape and limit first, then every cell validated and estimated. */
export function planGrid(req: GridRequest, limits: GridLimits, configured: (provider: string) => string | null): GridPlan {
  const lengths = req.axes.map(axisLength);
  const cells = lengths.reduce((n, l) => n * l, 1);
  const empty = { shape: shapeText(lengths), lengths, cells, images: 0, estimate: null, confirmation: null, axes: [], ready: null };
  const axisErrors = req.axes.map((a, i) => (lengths[i] === 0 && a.kind === "range" ? ["The range runs backwards: its last value is below its first."] : []));
  const model = getModel(req.provider, req.model);
  if (!model) return { ...empty, axisErrors, errors: [`Unknown model ${req.provider}/${req.model}.`] };
  const limit = overLimit(lengths, limits.GRID_MAX_CELLS);
  if (limit || cells === 0) return { ...empty, axisErrors, errors: limit ? [limit] : [] };

  const axes = req.axes.map((a) => expandAxis(model, a));
  const errorSets = axes.map((a, i) => new Set<string>(axisErrors[i]));
  const errors = new Set<string>();
  if (axes.filter((a) => a.kind === "target").length > 1) errors.add("Only one axis can be provider/model.");
  axes.forEach((a, i) => axisProblems(model, req.base, axes, i).forEach((p) => errorSets[i]!.add(p)));
  for (const path of unknownFields(model.schema, req.base)) errors.add(`${model.label} takes no "${path}".`);

  const built = buildCells({ provider: req.provider, model, base: req.base }, axes);
  const problems = axes.map((): ValueProblem[] => []);
  const inputs = built.map((c) => checkCell(c, `${req.provider}/${req.model}`, axes, configured, errorSets, problems, errors));
  problems.forEach((list, i) => valueProblemLines(list).forEach((line) => errorSets[i]!.add(line)));
  const estimate = estimateFromTable(built.map((c) => ({ provider: c.provider, model: c.model, input: c.input })));
  const images = built.reduce((n, c) => n + imagesRequested(c), 0);
  if (images > limits.BATCH_MAX_IMAGES) {
    errors.add(`${cells} cells is ${images} images, more than the limit of ${limits.BATCH_MAX_IMAGES} per batch (BATCH_MAX_IMAGES). Ask for fewer images per cell, or fewer values.`);
  }
  const axisMessages = errorSets.map((s) => [...s]);
  const ok = errors.size === 0 && axisMessages.every((m) => m.length === 0);
  return {
    shape: shapeText(lengths),
    lengths,
    cells,
    images,
    estimate,
    confirmation: confirmationReason(estimate, limits),
    axisErrors: axisMessages,
    errors: [...errors],
    axes,
    ready: ok ? built.map((c, i) => ({ ...c, input: inputs[i]! })) : null,
  };
}
