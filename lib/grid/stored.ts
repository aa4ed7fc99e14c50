import { z } from "zod";
import type { GridPlan } from "./plan";
import type { GridRequest } from "./spec";

/*
 * The grid as stored in `Run.spec`: the chosen model, its base values, each axis with its labelled values, and the
 * adjustments named per cell (by generation position). Cells are generations whose cell x/y/z are value indexes.
 */

const storedAxis = z.object({
  kind: z.enum(["list", "range", "prompt", "target"]),
  field: z.string().optional(),
  name: z.string(),
  values: z.array(z.object({ label: z.string(), value: z.unknown() })),
});

export const storedGridSchema = z.object({
  version: z.literal(1),
  model: z.object({ provider: z.string(), model: z.string() }),
  base: z.record(z.string(), z.unknown()),
  axes: z.array(storedAxis).min(1).max(3),
  notes: z.record(z.string(), z.array(z.string())).default({}),
});
export type StoredGrid = z.output<typeof storedGridSchema>;
export type StoredAxis = StoredGrid["axes"][number];

export function gridSpecOf(req: GridRequest, plan: GridPlan): StoredGrid {
  const notes: Record<string, string[]> = {};
  plan.ready?.forEach((c, position) => {
    if (c.notes.length) notes[String(position)] = c.notes;
  });
  return {
    version: 1,
    model: { provider: req.provider, model: req.model },
    base: req.base,
    axes: plan.axes.map((a) => ({ kind: a.kind, ...(a.field && { field: a.field }), name: a.name, values: a.values })),
    notes,
  };
}

/** A run's grid spec, or null when the run is not a readable grid. */
export function readGridSpec(spec: unknown): StoredGrid | null {
  const parsed = storedGridSchema.safeParse(spec);
  return parsed.success ? parsed.data : null;
}
