import "server-only";
import { z } from "zod";
import { fieldMeta } from "@/lib/params/field-meta";
import { providerIds, providers } from "./index";
import { providerStatuses } from "./status";
import type { ModelDefinition, ProviderDefinition } from "./types";

/** What `GET /api/models` says about a provider's configuration; never the key or a base URL. */
export type ModelStatus = "live" | "emulated" | "not configured";

export interface ModelEntry {
  id: string;
  label: string;
  family: ModelDefinition["family"];
  notes: string | null;
  /** The body's `input` for `POST /api/generations`, as JSON Schema (draft 2020-12) with each field's default. */
  parameters: Record<string, unknown>;
}

export interface ProviderEntry {
  id: string;
  label: string;
  status: ModelStatus;
  /** The variable that holds the key (its name only), so a script can say what to set. */
  keyEnv: string;
  docsUrl: string;
  models: ModelEntry[];
}

const statusWord = { live: "live", emulated: "emulated", missing: "not configured" } as const;

/** Every provider and model, for scripts and other tools: the registry as data. */
export function modelsJson(): { providers: ProviderEntry[] } {
  const statuses = providerStatuses();
  return {
    providers: providerIds.map((id) => {
      const def: ProviderDefinition = providers[id];
      return {
        id,
        label: def.label,
        status: statusWord[statuses[id].mode],
        keyEnv: def.keyEnv,
        docsUrl: def.docsUrl,
        models: def.models.map((m) => ({ id: m.id, label: m.label, family: m.family, notes: m.notes ?? null, parameters: parametersSchema(m) })),
      };
    }),
  };
}

const schemas = new WeakMap<ModelDefinition, Record<string, unknown>>();

/**
 * The model's schema as the API reads input: optional fields are optional, refinements (image size limits, a
 * strength with an image) stay server-side. Each field gets its label as `title`, its help as `description` and the
 * playground's default as `default`; a field required only with another (`requiredWith`) gets no default, since the
 * server applies none, but `dependentRequired` and the form's starting value as an example.
 */
export function parametersSchema(model: ModelDefinition): Record<string, unknown> {
  const cached = schemas.get(model);
  if (cached) return cached;
  const json = z.toJSONSchema(model.schema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  const properties = (json.properties ?? {}) as Record<string, Record<string, unknown>>;
  const dependents = new Set(Object.values(model.requiredWith ?? {}).flat());
  for (const [name, property] of Object.entries(properties)) {
    const meta = fieldMeta.get(model.schema.shape[name] as z.ZodType);
    if (meta?.label) property.title = meta.label;
    if (meta?.help) property.description = meta.help;
    if (model.defaults[name] === undefined) continue;
    if (dependents.has(name)) property.examples = [model.defaults[name]];
    else property.default = model.defaults[name];
  }
  closeObjects(json);
  if (model.requiredWith) json.dependentRequired = Object.fromEntries(Object.entries(model.requiredWith).map(([k, v]) => [k, [...v]]));
  schemas.set(model, json);
  return json;
}

/** Unknown fields are refused, not dropped (lib/params/unknown-fields.ts), at any depth: every object says so. */
function closeObjects(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(closeObjects);
  if (!node || typeof node !== "object") return;
  const schema = node as Record<string, unknown>;
  if (schema.type === "object" && schema.properties && schema.additionalProperties === undefined) schema.additionalProperties = false;
  Object.values(schema).forEach(closeObjects);
}
