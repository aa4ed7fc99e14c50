import { z } from "zod";
import { MAX_TEXT_CHARS } from "@/lib/limits";

/*
 * What the /grid form sends: a model, its base values (wire names) and up to three axes. Every object is strict, so a
 * field the grid does not take is refused by name (validatedAction also names it before parsing).
 */

export const MAX_AXES = 3;
/** Values one axis may list; the cell limit (GRID_MAX_CELLS) is the real bound on the grid. */
export const MAX_AXIS_VALUES = 100;

const fieldName = z.string().trim().min(1, "Choose a parameter for this axis.").max(100);

const listAxis = z.strictObject({
  kind: z.literal("list"),
  field: fieldName,
  values: z.array(z.string().trim().min(1, "An empty value.").max(200)).min(1, "Give at least one value.").max(MAX_AXIS_VALUES),
});

/** A range counts in JavaScript numbers, exact only up to 2^53 − 1: past it, seeds would round and repeat. */
const rangeEnd = (which: string) =>
  z
    .number({ error: `Give the ${which} value as a number.` })
    .refine((n) => Math.abs(n) <= Number.MAX_SAFE_INTEGER, "A range counts only up to 9,007,199,254,740,991: list larger seeds as values instead, which keeps every digit.");

const rangeAxis = z.strictObject({
  kind: z.literal("range"),
  field: fieldName,
  from: rangeEnd("first"),
  to: rangeEnd("last"),
  step: z.number({ error: "Give the step as a number." }).positive("The step must be above 0."),
});

/** Prompt search-and-replace, as A1111's "Prompt S/R": the first value is the text searched for (and the first column). */
const promptAxis = z.strictObject({
  kind: z.literal("prompt"),
  values: z
    .array(z.string().max(MAX_TEXT_CHARS))
    .min(2, "Give the text to search for, then at least one replacement.")
    .max(MAX_AXIS_VALUES)
    .refine((v) => v[0]!.trim() !== "", "The first value is the text to search for: it cannot be empty."),
});

const targetAxis = z.strictObject({
  kind: z.literal("target"),
  values: z
    .array(z.strictObject({ provider: z.string().min(1).max(50), model: z.string().min(1).max(200) }))
    .min(1, "Pick at least one provider/model.")
    .max(24),
});

export const axisSchema = z.discriminatedUnion("kind", [listAxis, rangeAxis, promptAxis, targetAxis]);
export type AxisRequest = z.output<typeof axisSchema>;

export const gridRequestSchema = z.strictObject({
  provider: z.string().min(1).max(50),
  model: z.string().min(1).max(200),
  /** The chosen model's own values (wire names): prompt, negative prompt, seed; the rest are its defaults. */
  base: z.record(z.string(), z.unknown()),
  axes: z.array(axisSchema).min(1, "Add at least one axis.").max(MAX_AXES, `At most ${MAX_AXES} axes (X, Y, Z).`),
  /** The person confirmed a grid above the confirmation threshold. */
  confirmed: z.boolean().optional(),
});
export type GridRequest = z.output<typeof gridRequestSchema>;
