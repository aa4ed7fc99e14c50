import type { FieldDescriptor } from "@/lib/params/descriptors";
import type { FieldRole } from "@/lib/params/field-meta";

/*
 * What the forms on `/` and `/compare` need to know about every provider and model, as plain data. The server
 * derives it from the registry (./build-catalog.ts) and hands it to the client components as props, so the browser
 * ships no zod and no provider schemas: the descriptors carry the labels, widgets and ranges, and ./validate.ts
 * checks values against them. The server keeps validating with the zod schemas, the authority.
 */

export interface FormModel {
  provider: string;
  id: string;
  label: string;
  family: string;
  notes?: string;
  /** Values for a fresh form (they parse with the model's schema). */
  defaults: Record<string, unknown>;
  /** `describeSchema(model.schema)`: the fields in display order. */
  fields: FieldDescriptor[];
  /** Which wire field plays which role (seed, count, steps…). */
  roles: Partial<Record<FieldRole, string>>;
  /** The fields a comparison's shared values fill in (`sharedFieldNames`); the rest are the target's own. */
  sharedFields: string[];
}

export interface FormProvider {
  id: string;
  label: string;
  /** The variable that holds the key, named in "not configured" notices. */
  keyEnv: string;
}

export interface FormCatalog {
  providers: FormProvider[];
  /** Every provider/model pair, in registry order. */
  models: FormModel[];
}

export const modelKey = (m: { provider: string; id: string }) => `${m.provider}/${m.id}`;

export function findModel(catalog: FormCatalog, provider: string, model: string): FormModel | undefined {
  return catalog.models.find((m) => m.provider === provider && m.id === model);
}

export function findProvider(catalog: FormCatalog, id: string): FormProvider | undefined {
  return catalog.providers.find((p) => p.id === id);
}

/** "Segmind · Stable Diffusion 3.5 Large", as lib/providers/labels.ts names a target everywhere else. */
export function formTargetLabel(catalog: FormCatalog, m: FormModel): string {
  return `${findProvider(catalog, m.provider)?.label ?? m.provider} · ${m.label}`;
}

/**
 * Only the values that name one of `fields`: what a browser kept from an older version of a form (a field since
 * dropped or renamed) is not sent, where the server would refuse it as an unknown field the person cannot see.
 */
export function knownFields(fields: readonly FieldDescriptor[], values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([name]) => fields.some((d) => d.name === name)));
}
