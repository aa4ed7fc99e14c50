import type { z } from "zod";
import { describeSchema } from "@/lib/params/describe";
import type { FieldDescriptor } from "@/lib/params/descriptors";
import type { FieldRole } from "@/lib/params/field-meta";
import { fieldsByRole } from "@/lib/params/roles";
import type { ModelDefinition } from "@/lib/providers/types";
import type { Adjustment, SharedValues } from "./types";

/** What every mapping step reads (the model, the shared values) and writes (the input, the adjustments). */
export interface MapContext {
  providerLabel: string;
  model: ModelDefinition;
  shared: SharedValues;
  shape: Record<string, z.ZodType>;
  descriptors: Map<string, FieldDescriptor>;
  roles: Partial<Record<FieldRole, string>>;
  /** The input being built; steps write the model's wire fields. */
  input: Record<string, unknown>;
  adjustments: Adjustment[];
  /** "Segmind's SD3.5 Large", for messages. */
  subject: string;
  /** "Segmind's". */
  theirs: string;
}

const possessive = (name: string) => (name.endsWith("s") ? `${name}'` : `${name}'s`);
const shortModel = (label: string) => label.replace(/^Stable Diffusion\s*/i, "SD");
export const px = (s: { width: number; height: number }) => `${s.width}×${s.height}`;

const descriptorMaps = new WeakMap<z.ZodObject, Map<string, FieldDescriptor>>();

/** A model's field descriptors by name (described once per schema). */
export function descriptorsOf(model: ModelDefinition): Map<string, FieldDescriptor> {
  let map = descriptorMaps.get(model.schema);
  if (!map) {
    map = new Map(describeSchema(model.schema).map((d) => [d.name, d]));
    descriptorMaps.set(model.schema, map);
  }
  return map;
}

export function mapContext(
  providerLabel: string,
  model: ModelDefinition,
  shared: SharedValues,
  input: Record<string, unknown>,
): MapContext {
  return {
    providerLabel,
    model,
    shared,
    shape: model.schema.shape as Record<string, z.ZodType>,
    descriptors: descriptorsOf(model),
    roles: fieldsByRole(model.schema),
    input,
    adjustments: [],
    subject: `${possessive(providerLabel)} ${shortModel(model.label)}`,
    theirs: possessive(providerLabel),
  };
}

/** Report a shared value the model has no field for. */
export function drop(ctx: MapContext, role: FieldRole, from: unknown, what: string): void {
  ctx.adjustments.push({ role, field: null, kind: "dropped", from, to: undefined, message: `${ctx.subject} takes no ${what}: not sent.` });
}
