import type { FieldRole } from "@/lib/params/field-meta";
import type { ModelDefinition } from "@/lib/providers/types";
import { descriptorsOf, mapContext, type MapContext } from "./context";
import { mapNegativePrompt, mapPrompt } from "./map-text";
import { mapNumber, mapSeed } from "./map-numbers";
import { mapSize } from "./map-size";
import type { MappedTarget, SharedValues } from "./types";

/*
 * Maps the values a comparison writes once onto each model's own parameters, and names every change it makes.
 * Pure and client-safe: the browser runs it for the live preview, the server runs it again as the authority.
 * Ranges come from lib/params (the same descriptors the form renders).
 */

export type { Adjustment, AdjustmentKind, MappedTarget, SharedValues } from "./types";

/** Roles the shared form writes; a model's fields with these roles are not edited per target. */
const sharedRoles: ReadonlySet<FieldRole> = new Set<FieldRole>([
  "prompt",
  "negativePrompt",
  "seed",
  "steps",
  "cfg",
  "size",
  "width",
  "height",
  "aspectRatio",
]);

/** Names of the model's fields that the shared form covers (prompt, negative prompt, seed, size-related fields, steps, cfg): the per-target section shows the others. */
export function sharedFieldNames(model: ModelDefinition): string[] {
  const descriptors = descriptorsOf(model);
  return Object.keys(model.schema.shape).filter((name) => {
    const role = descriptors.get(name)?.role;
    return role !== undefined && sharedRoles.has(role);
  });
}

/** What a per-target override of a field the shared form sets is told (the shared value would win, unseen). */
export const SHARED_OVERRIDE = "Set by the shared settings for every target, not per target.";

/**
 * Overrides naming a field the shared form sets (refused, never silently ignored): their paths (`<prefix>.<name>`),
 * and the sentence saying so for `label`, or null when there are none.
 */
export function sharedOverrides(model: ModelDefinition, overrides: Record<string, unknown> | undefined, prefix: string, label: string) {
  const shared = sharedFieldNames(model);
  const names = Object.keys(overrides ?? {}).filter((name) => shared.includes(name));
  if (names.length === 0) return null;
  const quoted = names.map((n) => `"${n}"`).join(", ");
  return {
    paths: names.map((name) => `${prefix}.${name}`),
    message: `${label}: ${quoted} ${names.length === 1 ? "is" : "are"} set by the shared settings for every target, not per target.`,
  };
}

/** Map shared values onto one model's native parameters, reporting every adjustment. */
export function mapShared(
  providerLabel: string,
  model: ModelDefinition,
  shared: SharedValues,
  overrides?: Record<string, unknown>,
): MappedTarget {
  const sharedFields = sharedFieldNames(model);
  const ctx = mapContext(providerLabel, model, shared, startingInput(model, sharedFields, overrides));
  mapPrompt(ctx);
  mapNegativePrompt(ctx);
  mapSeed(ctx);
  mapSize(ctx);
  mapNumber(ctx, "steps");
  mapNumber(ctx, "cfg");
  dropHidden(ctx);
  return { input: inSchemaOrder(ctx), adjustments: ctx.adjustments, sharedFields };
}

/** Defaults, then overrides for the model's own fields (undefined clears a field; unknown and shared names are ignored). */
export function startingInput(
  model: ModelDefinition,
  sharedFields: readonly string[],
  overrides: Record<string, unknown> | undefined,
): Record<string, unknown> {
  const input: Record<string, unknown> = { ...model.defaults };
  for (const [name, value] of Object.entries(overrides ?? {})) {
    if (!Object.hasOwn(model.schema.shape, name) || sharedFields.includes(name)) continue;
    if (value === undefined) delete input[name];
    else input[name] = value;
  }
  return input;
}

/** Fields hidden by showWhen are not sent. */
export function dropHidden(ctx: MapContext): void {
  for (const [name, d] of ctx.descriptors) {
    const when = d.showWhen;
    if (when && !when.equals.some((v) => v === ctx.input[when.field])) delete ctx.input[name];
  }
}

/** The set fields, in schema order (then any others). */
function inSchemaOrder(ctx: MapContext): Record<string, unknown> {
  const ordered: Record<string, unknown> = {};
  for (const name of [...Object.keys(ctx.shape), ...Object.keys(ctx.input)]) {
    if (ctx.input[name] !== undefined && !(name in ordered)) ordered[name] = ctx.input[name];
  }
  return ordered;
}
