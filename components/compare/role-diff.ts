import { fieldsByRole, metaOf } from "@/lib/params/roles";
import { expectedSize } from "@/lib/params/sizes";
import { fieldMeta, type FieldRole, type ModelDefinition } from "@/lib/providers/types";
import { seedUsed } from "@/lib/results/facts";
import type { GenerationDTO } from "@/lib/db/dto";
import { flattenParams, valuesEqual, type ParamDiffResult, type ParamRow } from "./diff";

/*
 * A parameter diff by meaning: two providers name steps, CFG and size differently (`num_inference_steps` vs
 * `steps`, `image_size` vs `aspect_ratio`), so rows line up by role first, then list each side's own fields.
 */

const roleRows: [FieldRole, string][] = [
  ["steps", "Steps"],
  ["cfg", "Guidance (CFG)"],
  ["size", "Size"],
  ["seed", "Seed"],
  ["negativePrompt", "Negative prompt"],
  ["sampler", "Sampler"],
  ["scheduler", "Scheduler"],
  ["prompt", "Prompt"],
  ["count", "Images"],
  ["format", "Format"],
  ["quality", "Quality"],
  ["imageStrength", "Image strength"],
];

/** Roles folded into the "Size" row. */
const sizeRoles = new Set<FieldRole>(["size", "width", "height", "aspectRatio"]);

/** A role that means something only beside another's value, for schemas with no requiredWith to say so. */
const goesWithRole: Partial<Record<FieldRole, FieldRole>> = { imageStrength: "image" };

export interface RoleSide {
  generation: Pick<GenerationDTO, "input" | "seed">;
  model: ModelDefinition | undefined;
}

function sizeText(side: RoleSide): string | undefined {
  if (!side.model) return undefined;
  const s = expectedSize(side.model.schema, { ...side.model.defaults, ...side.generation.input });
  if (!s) return undefined;
  // A bare ratio ("16:9") is what the model was asked for; pixels otherwise.
  return s.width * s.height < 64 * 64 ? `${s.width}:${s.height}` : `${s.width}×${s.height}`;
}

const given = (v: unknown) => v !== undefined && v !== null && v !== "";

/**
 * Whether a field took part in the request, by the schema's own hints: not while its showWhen is unmet, nor without
 * the field it goes with (the model's requiredWith, or its role's partner), so a form's starting value for it does
 * not count as a difference.
 */
function applies(side: RoleSide, name: string): boolean {
  const model = side.model;
  if (!model) return true;
  const valueOf = (f: string) => side.generation.input[f] ?? model.defaults[f];
  const meta = metaOf(model.schema, name);
  const when = meta?.showWhen;
  if (when && !when.equals.some((v) => v === valueOf(when.field))) return false;
  const needs = Object.entries(model.requiredWith ?? {}).flatMap(([f, dependents]) => (dependents.includes(name) ? [f] : []));
  const partnerRole = meta?.role && goesWithRole[meta.role];
  const partner = partnerRole ? fieldsByRole(model.schema)[partnerRole] : undefined;
  if (partner) needs.push(partner);
  return needs.every((f) => given(valueOf(f)));
}

function roleValue(side: RoleSide, role: FieldRole): { present: boolean; value: unknown } {
  if (!side.model) return { present: false, value: undefined };
  if (role === "size") {
    const v = sizeText(side);
    return { present: v !== undefined, value: v };
  }
  if (role === "seed") {
    if (!fieldsByRole(side.model.schema).seed) return { present: false, value: undefined };
    return { present: true, value: seedUsed(side.generation, side.model) };
  }
  const name = fieldsByRole(side.model.schema)[role];
  if (!name || !applies(side, name)) return { present: false, value: undefined };
  const value = side.generation.input[name] ?? side.model.defaults[name];
  return { present: value !== undefined, value };
}

/** Fields a role covers (their wire names), so the provider-only list leaves them out. */
function roleFields(model: ModelDefinition | undefined): Set<string> {
  const out = new Set<string>();
  if (!model) return out;
  for (const [name, schema] of Object.entries(model.schema.shape)) {
    const role = fieldMeta.get(schema as never)?.role;
    if (role && (sizeRoles.has(role) || roleRows.some(([r]) => r === role))) out.add(name);
  }
  return out;
}

function labelOf(model: ModelDefinition | undefined, key: string): string {
  const top = key.split(".")[0] ?? key;
  const schema = model?.schema.shape[top];
  const label = schema ? fieldMeta.get(schema as never)?.label : undefined;
  return label ? `${label} (${key})` : key;
}

/** An empty negative prompt is none: it differs from no negative prompt field no more than from another empty one. */
function roleDiffers(role: FieldRole, a: { present: boolean; value: unknown }, b: { present: boolean; value: unknown }): boolean {
  const none = (v: { present: boolean; value: unknown }) => !v.present || (typeof v.value === "string" && v.value.trim() === "");
  if (role === "negativePrompt" && none(a) && none(b)) return false;
  return a.present !== b.present || !valuesEqual(a.value, b.value);
}

export interface RoleDiffRow extends ParamRow {
  section: "shared" | "own";
}

/** Shared roles first (steps, CFG, size, seed, negative prompt, sampler…), then each side's own fields. */
export function diffByRole(a: RoleSide, b: RoleSide): ParamDiffResult & { rows: RoleDiffRow[] } {
  const rows: RoleDiffRow[] = [];
  for (const [role, label] of roleRows) {
    const va = roleValue(a, role);
    const vb = roleValue(b, role);
    if (!va.present && !vb.present) continue;
    rows.push({
      key: label,
      a: va.value,
      b: vb.value,
      inA: va.present,
      inB: vb.present,
      differs: roleDiffers(role, va, vb),
      section: "shared",
    });
  }
  const ownA = roleFields(a.model);
  const ownB = roleFields(b.model);
  const fa = flattenParams(a.generation.input);
  const fb = flattenParams(b.generation.input);
  const keys = [...new Set([...fa.keys(), ...fb.keys()])].filter((k) => {
    const top = k.split(".")[0] ?? k;
    return !ownA.has(top) && !ownB.has(top);
  });
  for (const key of keys) {
    const top = key.split(".")[0] ?? key;
    const inA = fa.has(key) && applies(a, top);
    const inB = fb.has(key) && applies(b, top);
    if (!inA && !inB) continue;
    const av = inA ? fa.get(key) : undefined;
    const bv = inB ? fb.get(key) : undefined;
    rows.push({
      key: labelOf(inA ? a.model : b.model, key),
      a: av,
      b: bv,
      inA,
      inB,
      differs: inA !== inB || !valuesEqual(av, bv),
      section: "own",
    });
  }
  return { rows, differing: rows.filter((r) => r.differs).length, total: rows.length };
}
